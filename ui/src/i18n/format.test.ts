import { formatMessage, interpolate, pluralForm } from './format';

describe('plural rules', () => {
  const orders = { '=0': 'No orders', one: '{n} order', other: '{n} orders' } as const;

  it('picks English one/other by the count', () => {
    expect(pluralForm(orders, 1, 'en')).toBe('{n} order');
    expect(pluralForm(orders, 2, 'en')).toBe('{n} orders');
    expect(pluralForm(orders, 21, 'en')).toBe('{n} orders');
    expect(pluralForm(orders, 1.5, 'en')).toBe('{n} orders');
  });

  it('prefers an exact =N form over the category', () => {
    expect(pluralForm(orders, 0, 'en')).toBe('No orders');
  });

  it('uses only `other` in Chinese, which has no plural forms', () => {
    for (const locale of ['zh-Hant', 'zh-Hans'] as const) {
      expect(pluralForm({ one: 'one', other: '{n} 張' }, 1, locale)).toBe('{n} 張');
      expect(pluralForm({ one: 'one', other: '{n} 張' }, 5, locale)).toBe('{n} 張');
    }
  });

  it('formats a plural message with its count, and a plain one with its params', () => {
    expect(formatMessage(orders, 'en', { n: 1 })).toBe('1 order');
    expect(formatMessage(orders, 'en', { n: 3 })).toBe('3 orders');
    expect(formatMessage(orders, 'en', { n: 0 })).toBe('No orders');
    expect(formatMessage(orders, 'en')).toBe('{n} orders');
    expect(formatMessage('Only {n} left', 'en', { n: 2 })).toBe('Only 2 left');
  });

  it('leaves an unknown placeholder as written', () => {
    expect(interpolate('{dish} is sold out ({when})', { dish: 'Roast Goose' })).toBe('Roast Goose is sold out ({when})');
  });
});
