import type { Messages } from './en';
import { kioskModeZhHans } from './kiosk-mode';

export const zhHans: Messages = {
  'app.name': 'Dinewire',
  'app.tagline': '自助点餐',
  ...kioskModeZhHans,

  // The shared error texts, as a guest should read them.
  'error.network': '暂时无法连接餐厅系统。',
  'error.not_found': '找不到这家餐厅。',
  'error.rate_limited': '请求过于频繁，请稍候。',
  'error.unavailable': '系统繁忙，请稍后再试。',
  'error.generic': '出现错误。',

  'start.title': '想在哪里用餐？',
  'start.subtitle': '选择餐厅以查看菜单。',
  'start.empty': '目前没有餐厅接受点餐。',
  'restaurant.priceLevel': '价位 {level}／4',

  'menu.back': '所有餐厅',
  'menu.categories': '菜单分类',
  'menu.empty': '此菜单目前没有菜品。',
  'menu.emptyCategory': '此分类目前没有菜品。',

  'dish.soldOut': '已售罄',
  'dish.onlyLeft': '仅剩 {n} 份',
  'dish.spice': '辣度 {level}',
  'dish.contains': '含有',
  'dish.customisable': '可选配料',

  'tag.savory': '咸香',
  'tag.spicy': '辣',
  'tag.sweet': '甜',
  'tag.sour': '酸',
  'tag.umami': '鲜味',
  'tag.vegetarian': '素食',
  'tag.vegan': '纯素',
  'tag.gluten_free': '无麸质',
  'tag.halal': '清真',
  'tag.signature': '招牌',
  'tag.seasonal': '时令',

  'allergen.gluten': '麸质',
  'allergen.crustacean': '甲壳类',
  'allergen.egg': '蛋类',
  'allergen.fish': '鱼类',
  'allergen.peanut': '花生',
  'allergen.soy': '大豆',
  'allergen.milk': '奶类',
  'allergen.tree_nut': '坚果',
  'allergen.celery': '芹菜',
  'allergen.mustard': '芥末',
  'allergen.sesame': '芝麻',
  'allergen.sulphite': '亚硫酸盐',
  'allergen.mollusc': '软体动物',
};
