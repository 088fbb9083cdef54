import type { LocalizedText } from '@dinewire/protocol';
import { applyPromotions, type CartLine, type EngineInput, type FreeDish, localTime, type PromotionRule, UNKNOWN_CODE } from './engine';

const text = (en: string): LocalizedText => ({ en, 'zh-Hant': `${en}（繁）`, 'zh-Hans': `${en}（简）` });

let seq = 0;
function rule(over: Partial<PromotionRule>): PromotionRule {
  seq++;
  return {
    id: over.id ?? `p${String(seq).padStart(3, '0')}`,
    names: text(over.id ?? `rule ${seq}`),
    code: null,
    kind: 'amount',
    value: 1000,
    minSubtotalCents: 0,
    categoryId: null,
    freeDishId: null,
    channels: null,
    daysOfWeek: null,
    windowStartMinute: null,
    windowEndMinute: null,
    startsAt: null,
    endsAt: null,
    active: true,
    priority: 0,
    stackable: true,
    perGuestLimit: null,
    sort: 0,
    ...over,
  };
}

const line = (lineTotalCents: number, categoryId = 'mains', dishId = 'd-main'): CartLine => ({ dishId, categoryId, lineTotalCents });
const dessert: FreeDish = { dishId: 'd-pudding', priceCents: 4800, canMake: () => true };
const soldOutDessert: FreeDish = { ...dessert, canMake: () => false };

/** Wednesday 2 December 2026, 12:30 in Hong Kong (04:30 UTC). */
const WED_1230_HK = new Date('2026-12-02T04:30:00Z');

function input(over: Partial<EngineInput>): EngineInput {
  return {
    lines: [line(10000)],
    rules: [],
    freeDishes: new Map([[dessert.dishId, dessert]]),
    now: WED_1230_HK,
    timeZone: 'Asia/Hong_Kong',
    channel: 'kiosk',
    promoCode: null,
    guest: { key: null, uses: new Map() },
    ...over,
  };
}

const amounts = (over: Partial<EngineInput>) => applyPromotions(input(over)).applied.map((a) => [a.rule.id, a.amountCents]);

describe('promotions engine', () => {
  it('reads the local weekday and minute in the restaurant’s zone', () => {
    expect(localTime(WED_1230_HK, 'Asia/Hong_Kong')).toEqual({ day: 3, minute: 12 * 60 + 30 });
    expect(localTime(new Date('2026-12-02T23:30:00Z'), 'Asia/Hong_Kong')).toEqual({ day: 4, minute: 7 * 60 + 30 });
    expect(localTime(new Date('2026-12-02T23:30:00Z'), 'UTC')).toEqual({ day: 3, minute: 23 * 60 + 30 });
  });

  describe('spend-and-save thresholds', () => {
    const save50 = rule({ id: 'save50', kind: 'amount', value: 5000, minSubtotalCents: 30000 });
    it.each([
      ['one cent short', 29999, []],
      ['exactly met', 30000, [['save50', 5000]]],
      ['passed', 45000, [['save50', 5000]]],
    ])('%s', (_what, subtotal, expected) => {
      expect(amounts({ lines: [line(subtotal)], rules: [save50] })).toEqual(expected);
    });

    it('points to the next threshold, the nearest first', () => {
      const save20 = rule({ id: 'save20', kind: 'amount', value: 2000, minSubtotalCents: 20000 });
      const r = applyPromotions(input({ lines: [line(17000)], rules: [save50, save20] }));
      expect(r.applied).toEqual([]);
      expect(r.nextThreshold).toMatchObject({ spendMoreCents: 3000, saveCents: 2000, rule: { id: 'save20' } });
      const past = applyPromotions(input({ lines: [line(20000)], rules: [save50, save20] }));
      expect(past.nextThreshold).toMatchObject({ spendMoreCents: 10000, saveCents: 5000, rule: { id: 'save50' } });
      expect(applyPromotions(input({ lines: [line(30000)], rules: [save50, save20] })).nextThreshold).toBeNull();
    });

    it('does not point to a threshold that would not apply (not stacking with what applies, or used up)', () => {
      const exclusive = rule({ id: 'exclusive', kind: 'percent', value: 10, stackable: false, priority: 10 });
      expect(applyPromotions(input({ lines: [line(10000)], rules: [exclusive, save50] })).nextThreshold).toBeNull();
      const once = rule({ id: 'once', minSubtotalCents: 20000, perGuestLimit: 1 });
      const used = { key: 'user:1', uses: new Map([['once', 1]]) };
      expect(applyPromotions(input({ lines: [line(10000)], rules: [once], guest: used })).nextThreshold).toBeNull();
    });

    it('never takes more than the guest’s lines', () => {
      const huge = rule({ id: 'huge', value: 50000 });
      const r = applyPromotions(input({ lines: [line(3000)], rules: [huge] }));
      expect(r.applied.map((a) => a.amountCents)).toEqual([3000]);
      expect(r.discountCents).toBe(3000);
    });
  });

  describe('percentages, rounded half up to the cent', () => {
    it.each([
      ['10% of 123.45', 12345, 10, 1235], // 1234.5 → 1235
      ['10% of 123.44', 12344, 10, 1234], // 1234.4 → 1234
      ['15% of 0.03', 3, 15, 0], // 0.45 → 0: not applied at all
      ['33% of 0.05', 5, 33, 2], // 1.65 → 2
      ['100% of 87.00', 8700, 100, 8700],
    ])('%s', (_what, subtotal, percent, expected) => {
      const r = applyPromotions(input({ lines: [line(subtotal)], rules: [rule({ id: 'pct', kind: 'percent', value: percent })] }));
      expect(r.discountCents).toBe(expected);
      expect(r.applied.length).toBe(expected ? 1 : 0);
    });

    it('takes a category’s percentage off that category’s lines only', () => {
      const drinks = rule({ id: 'drinks', kind: 'percent', value: 20, categoryId: 'drinks' });
      const lines = [line(10000, 'mains'), line(2550, 'drinks', 'd-tea'), line(1000, 'drinks', 'd-soda')];
      expect(amounts({ lines, rules: [drinks] })).toEqual([['drinks', 710]]); // 20% of 35.50
      expect(amounts({ lines: [line(10000, 'mains')], rules: [drinks] })).toEqual([]);
    });
  });

  describe('time windows, in the restaurant’s time zone', () => {
    const lunch = (over: Partial<PromotionRule> = {}) =>
      rule({
        id: 'lunch',
        kind: 'percent',
        value: 15,
        daysOfWeek: [1, 2, 3, 4, 5],
        windowStartMinute: 12 * 60,
        windowEndMinute: 14 * 60,
        ...over,
      });
    it.each([
      ['Wednesday 12:30 HK', '2026-12-02T04:30:00Z', true],
      ['Wednesday 12:00 HK, the window’s first minute', '2026-12-02T04:00:00Z', true],
      ['Wednesday 11:59 HK', '2026-12-02T03:59:00Z', false],
      ['Wednesday 14:00 HK, the window’s end (excluded)', '2026-12-02T06:00:00Z', false],
      ['Saturday 12:30 HK', '2026-12-05T04:30:00Z', false],
      // 12:30 on a Friday in Hong Kong is Friday 04:30 UTC; 12:30 UTC on Friday is 20:30 HK.
      ['Friday 12:30 UTC (20:30 HK)', '2026-12-04T12:30:00Z', false],
    ])('%s: %s', (_what, at, applies) => {
      expect(amounts({ now: new Date(at), rules: [lunch()] }).length).toBe(applies ? 1 : 0);
    });

    it('honours validity dates (the end excluded)', () => {
      const dated = rule({ id: 'dated', startsAt: new Date('2026-12-01T00:00:00Z'), endsAt: new Date('2026-12-02T04:30:00Z') });
      expect(amounts({ now: new Date('2026-12-02T04:29:59Z'), rules: [dated] }).length).toBe(1);
      expect(amounts({ now: new Date('2026-12-02T04:30:00Z'), rules: [dated] }).length).toBe(0);
      expect(amounts({ now: new Date('2026-11-30T23:59:59Z'), rules: [dated] }).length).toBe(0);
      expect(amounts({ rules: [{ ...dated, startsAt: null, endsAt: null, active: false }] }).length).toBe(0);
    });
  });

  describe('channels', () => {
    const webOnly = rule({ id: 'web', channels: ['web', 'room'] });
    it.each([
      ['kiosk', false],
      ['web', true],
      ['room', true],
      ['staff', false],
    ] as const)('%s: %s', (channel, applies) => {
      expect(amounts({ channel, rules: [webOnly] }).length).toBe(applies ? 1 : 0);
    });
  });

  describe('free item above a threshold', () => {
    const pudding = rule({ id: 'pudding', kind: 'free_item', value: 1, freeDishId: 'd-pudding', minSubtotalCents: 25000 });
    it('adds the dish at its price and takes the same off', () => {
      const r = applyPromotions(input({ lines: [line(25000)], rules: [pudding] }));
      expect(r.applied).toEqual([{ rule: pudding, amountCents: 4800, free: { dishId: 'd-pudding', quantity: 1, unitPriceCents: 4800 } }]);
      expect(r).toMatchObject({ linesSubtotalCents: 25000, subtotalCents: 29800, discountCents: 4800 });
    });
    it('gives nothing (and no substitute) when the dish cannot be made, and no hint toward it', () => {
      const soldOut = new Map([[dessert.dishId, soldOutDessert]]);
      const r = applyPromotions(input({ lines: [line(30000)], rules: [pudding], freeDishes: soldOut }));
      expect(r).toMatchObject({ applied: [], subtotalCents: 30000, discountCents: 0 });
      expect(applyPromotions(input({ lines: [line(20000)], rules: [pudding], freeDishes: soldOut })).nextThreshold).toBeNull();
      expect(applyPromotions(input({ lines: [line(20000)], rules: [pudding], freeDishes: new Map() })).applied).toEqual([]);
    });
    it('hints toward it with the dish’s price as the saving', () => {
      expect(applyPromotions(input({ lines: [line(20000)], rules: [pudding] })).nextThreshold).toMatchObject({
        spendMoreCents: 5000,
        saveCents: 4800,
      });
    });
    it('is not limited by the other discounts (it pays for itself)', () => {
      const all = rule({ id: 'all', kind: 'percent', value: 100 });
      const r = applyPromotions(input({ lines: [line(25000)], rules: [all, pudding] }));
      expect(r.applied.map((a) => [a.rule.id, a.amountCents])).toEqual([
        ['all', 25000],
        ['pudding', 4800],
      ]);
      expect(r.subtotalCents - r.discountCents).toBe(0);
    });
    it('asks for as many portions as two rules give of one dish', () => {
      const asked: number[] = [];
      const counting: FreeDish = { ...dessert, canMake: (n) => (asked.push(n), n <= 1) };
      const twice = rule({ id: 'pudding2', kind: 'free_item', value: 1, freeDishId: 'd-pudding' });
      const r = applyPromotions(
        input({ rules: [twice, { ...pudding, minSubtotalCents: 0 }], freeDishes: new Map([[dessert.dishId, counting]]) }),
      );
      expect(r.applied.length).toBe(1);
      expect(asked).toEqual([1, 2]);
    });
  });

  describe('codes', () => {
    const welcome = rule({ id: 'welcome', code: 'WELCOME10', kind: 'percent', value: 10 });
    const big = rule({ id: 'big', code: 'BIG', kind: 'amount', value: 1000, minSubtotalCents: 20000 });
    it.each([
      ['no code typed', null, [], null],
      ['the code', 'WELCOME10', [['welcome', 1000]], null],
      ['the code in lower case with spaces', ' welcome10 ', [['welcome', 1000]], null],
      ['an unknown code', 'NOPE', [], UNKNOWN_CODE],
      ['a code whose minimum is not reached', 'BIG', [], 'needs a subtotal of at least 200.00'],
    ])('%s', (_what, promoCode, expected, problem) => {
      const r = applyPromotions(input({ rules: [welcome, big], promoCode }));
      expect(r.applied.map((a) => [a.rule.id, a.amountCents])).toEqual(expected);
      expect(r.codeProblem).toBe(problem);
    });
    it('says why a code does not apply here and now', () => {
      expect(applyPromotions(input({ rules: [{ ...welcome, channels: ['web'] }], promoCode: 'WELCOME10' })).codeProblem).toBe(
        'not available when ordering this way',
      );
      expect(applyPromotions(input({ rules: [{ ...welcome, daysOfWeek: [0] }], promoCode: 'WELCOME10' })).codeProblem).toBe(
        'not valid today',
      );
      expect(applyPromotions(input({ rules: [{ ...welcome, endsAt: new Date(0) }], promoCode: 'WELCOME10' })).codeProblem).toBe('expired');
    });
  });

  describe('stacking order', () => {
    const a = rule({ id: 'a', kind: 'amount', value: 1000, priority: 5 });
    const b = rule({ id: 'b', kind: 'percent', value: 10, priority: 1 });
    const solo = rule({ id: 'solo', kind: 'percent', value: 30, priority: 3, stackable: false });
    const soloTop = rule({ id: 'soloTop', kind: 'amount', value: 500, priority: 9, stackable: false });
    const code = rule({ id: 'code', code: 'SOLO', kind: 'percent', value: 20, priority: 0, stackable: false });
    it.each([
      [
        'stackable rules all apply, by priority',
        [b, a],
        [
          ['a', 1000],
          ['b', 1000],
        ],
      ],
      [
        'a percentage is of the subtotal, not of what an earlier rule left',
        [a, b],
        [
          ['a', 1000],
          ['b', 1000],
        ],
      ],
      [
        'a rule that does not stack is skipped once something applied',
        [a, b, solo],
        [
          ['a', 1000],
          ['b', 1000],
        ],
      ],
      ['a rule that does not stack, first, applies alone', [a, b, soloTop], [['soloTop', 500]]],
      [
        'ties go by sort, then id',
        [rule({ id: 'y', sort: 1, stackable: false }), rule({ id: 'x', sort: 1, stackable: false })],
        [['x', 1000]],
      ],
    ])('%s', (_what, rules, expected) => {
      expect(amounts({ rules })).toEqual(expected);
    });
    it('the last rule shrinks to what is left, and one left with nothing is not applied', () => {
      const big = rule({ id: 'big', value: 9500, priority: 9 });
      const r = applyPromotions(input({ rules: [big, a, b] }));
      expect(r.applied.map((x) => [x.rule.id, x.amountCents])).toEqual([
        ['big', 9500],
        ['a', 500],
      ]);
      expect(r.discountCents).toBe(10000);
    });
    it('a typed code that cannot combine with what applies says so', () => {
      const r = applyPromotions(input({ rules: [a, code], promoCode: 'SOLO' }));
      expect(r.applied.map((x) => x.rule.id)).toEqual(['a']);
      expect(r.codeProblem).toBe('cannot be combined with "a"');
    });
  });

  describe('per-guest limits', () => {
    const once = rule({ id: 'once', kind: 'amount', value: 2000, perGuestLimit: 1 });
    const twice = rule({ id: 'twice', kind: 'amount', value: 300, perGuestLimit: 2 });
    it.each([
      ['no account: never', null, [], []],
      [
        'an account that never used them',
        'user:1',
        [],
        [
          ['once', 2000],
          ['twice', 300],
        ],
      ],
      [
        'used once',
        'user:1',
        [
          ['once', 1],
          ['twice', 1],
        ],
        [['twice', 300]],
      ],
      [
        'used up',
        'user:1',
        [
          ['once', 1],
          ['twice', 2],
        ],
        [],
      ],
    ] as const)('%s', (_what, key, uses, expected) => {
      const guest = { key, uses: new Map(uses.map(([id, n]) => [id, n])) };
      expect(amounts({ rules: [once, twice], guest })).toEqual(expected);
    });
    it('a limited code without an account asks for one', () => {
      const coded = { ...once, code: 'FIRST' };
      expect(applyPromotions(input({ rules: [coded], promoCode: 'FIRST' })).codeProblem).toBe('needs a signed-in guest account');
      const used = { key: 'user:1', uses: new Map([['once', 1]]) };
      expect(applyPromotions(input({ rules: [coded], promoCode: 'first', guest: used })).codeProblem).toBe('already used');
    });
  });
});
