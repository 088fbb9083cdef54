import type { Messages } from './en';
import { kioskModeZhHant } from './kiosk-mode';

export const zhHant: Messages = {
  'app.name': 'Dinewire',
  'app.tagline': '自助點餐',
  ...kioskModeZhHant,

  // The shared error texts, as a guest should read them.
  'error.network': '暫時無法連接餐廳系統。',
  'error.not_found': '找不到這間餐廳。',
  'error.rate_limited': '請求過於頻繁，請稍候。',
  'error.unavailable': '系統繁忙，請稍後再試。',
  'error.generic': '發生錯誤。',

  'start.title': '想在哪裡用餐？',
  'start.subtitle': '選擇餐廳以查看菜單。',
  'start.empty': '目前沒有餐廳接受點餐。',
  'restaurant.priceLevel': '價位 {level}／4',

  'menu.back': '所有餐廳',
  'menu.categories': '菜單分類',
  'menu.empty': '此菜單目前沒有菜式。',
  'menu.emptyCategory': '此分類目前沒有菜式。',

  'dish.soldOut': '已售罄',
  'dish.onlyLeft': '僅餘 {n} 份',
  'dish.spice': '辣度 {level}',
  'dish.contains': '含有',
  'dish.customisable': '可選配料',

  'tag.savory': '鹹香',
  'tag.spicy': '辣',
  'tag.sweet': '甜',
  'tag.sour': '酸',
  'tag.umami': '鮮味',
  'tag.vegetarian': '素食',
  'tag.vegan': '純素',
  'tag.gluten_free': '無麩質',
  'tag.halal': '清真',
  'tag.signature': '招牌',
  'tag.seasonal': '時令',

  'allergen.gluten': '麩質',
  'allergen.crustacean': '甲殼類',
  'allergen.egg': '蛋類',
  'allergen.fish': '魚類',
  'allergen.peanut': '花生',
  'allergen.soy': '大豆',
  'allergen.milk': '奶類',
  'allergen.tree_nut': '堅果',
  'allergen.celery': '芹菜',
  'allergen.mustard': '芥末',
  'allergen.sesame': '芝麻',
  'allergen.sulphite': '亞硫酸鹽',
  'allergen.mollusc': '軟體動物',
};
