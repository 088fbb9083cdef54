import type { Message } from '@dinewire/ui/i18n';

/** The restaurant list's filters (spread into the kiosk's tables in lib/i18n). */
export const startEn = {
  'filter.title': 'Narrow the list',
  'filter.cuisine': 'Cuisine',
  'filter.area': 'Where',
  'filter.price': 'Price',
  'filter.any': 'Any',
  'filter.clear': 'Clear filters',
  'filter.none': 'No restaurant matches these choices.',
  'filter.count': { one: '{n} restaurant', other: '{n} restaurants' },
};

type StartTable = Record<keyof typeof startEn, Message>;

export const startZhHant: StartTable = {
  'filter.title': '篩選餐廳',
  'filter.cuisine': '菜式',
  'filter.area': '位置',
  'filter.price': '價位',
  'filter.any': '不限',
  'filter.clear': '清除篩選',
  'filter.none': '沒有符合這些條件的餐廳。',
  'filter.count': { other: '{n} 間餐廳' },
};

export const startZhHans: StartTable = {
  'filter.title': '筛选餐厅',
  'filter.cuisine': '菜式',
  'filter.area': '位置',
  'filter.price': '价位',
  'filter.any': '不限',
  'filter.clear': '清除筛选',
  'filter.none': '没有符合这些条件的餐厅。',
  'filter.count': { other: '{n} 家餐厅' },
};
