import type { Locale } from '@dinewire/protocol';
import { I18n } from './i18n.svelte';
import type { Messages } from './format';

type Key = 'app.name' | 'order.count' | 'error.network' | 'cuisine.cantonese';
const tables: Record<Locale, Messages<Key>> = {
  en: {
    'app.name': 'Dinewire',
    'order.count': { one: '{n} order', other: '{n} orders' },
    'error.network': 'We can’t reach the restaurant.',
    'cuisine.cantonese': 'Cantonese',
  },
  'zh-Hant': {
    'app.name': 'Dinewire',
    'order.count': { other: '{n} 張訂單' },
    'error.network': '無法連接餐廳。',
    'cuisine.cantonese': '粵菜',
  },
  'zh-Hans': {
    'app.name': 'Dinewire',
    'order.count': { other: '{n} 个订单' },
    'error.network': '无法连接餐厅。',
    'cuisine.cantonese': '粤菜',
  },
};

describe('I18n', () => {
  it('chooses the plural form of the current language', () => {
    const i18n = new I18n<Key>(tables, 'en');
    expect(i18n.t('order.count', { n: 1 })).toBe('1 order');
    expect(i18n.t('order.count', { n: 4 })).toBe('4 orders');
    i18n.setLocale('zh-Hant');
    expect(i18n.locale).toBe('zh-Hant');
    expect(i18n.t('order.count', { n: 1 })).toBe('1 張訂單');
  });

  it('puts the app’s table over the shared strings, which it may reword', () => {
    const i18n = new I18n<Key>(tables, 'en');
    expect(i18n.t('error.network')).toBe('We can’t reach the restaurant.');
    // Shared strings the app does not reword come from @dinewire/ui.
    expect(i18n.t('conn.live')).toBe('Live');
    i18n.setLocale('zh-Hans');
    expect(i18n.t('conn.live')).toBe('实时');
    expect(i18n.t('error.forbidden')).toBe('您的账户无权查看此内容。');
  });

  it('looks up codes from the API, falling back to the code itself', () => {
    const i18n = new I18n<Key>(tables, 'zh-Hant');
    expect(i18n.code('cuisine', 'Cantonese')).toBe('粵菜');
    expect(i18n.code('cuisine', 'Peruvian')).toBe('Peruvian');
    expect(i18n.lookup('event.unknown.type')).toBeNull();
  });

  it('formats money in the currency’s own precision, and durations as m:ss', () => {
    const i18n = new I18n<Key>(tables, 'en');
    expect(i18n.money(12345, 'HKD')).toBe('HK$123.45');
    expect(i18n.money(1200, 'JPY')).toBe('¥1,200');
    expect(i18n.money(500, 'POINTS')).toBe('5.00 POINTS');
    expect(i18n.duration(65_000)).toBe('1:05');
    expect(i18n.duration(3_725_000)).toBe('1:02:05');
    expect(i18n.duration(-5)).toBe('0:00');
  });

  it('picks text the API gives in every language', () => {
    const i18n = new I18n<Key>(tables, 'zh-Hans');
    expect(i18n.pick({ en: 'Goose', 'zh-Hans': '烧鹅' }, 'Goose')).toBe('烧鹅');
    expect(i18n.pick({ en: 'Goose' }, 'Goose')).toBe('Goose');
  });
});
