import type { LocalizedText } from '@dinewire/protocol';
import { type MenuDish, priceItems, shortageDetails, stockNeeds } from './pricing';
import { applyBps, computeTotals } from './totals';

const text = (en: string): LocalizedText => ({ en, 'zh-Hant': en, 'zh-Hans': en });

describe('totals', () => {
  it('rounds half up in integer arithmetic', () => {
    expect(applyBps(20600, 1000)).toBe(2060);
    expect(applyBps(22660, 500)).toBe(1133);
    expect(applyBps(5, 1000)).toBe(1); // 0.5 rounds up
    expect(applyBps(4, 1000)).toBe(0); // 0.4 rounds down
    expect(applyBps(0.1 * 3 * 100, 10000)).toBe(30);
  });

  it('takes the discount first, then service on what remains, then tax on both', () => {
    expect(computeTotals({ subtotalCents: 20600, discountCents: 0, serviceChargeBps: 1000, taxRateBps: 500 })).toEqual({
      subtotalCents: 20600,
      discountCents: 0,
      serviceChargeCents: 2060,
      taxCents: 1133,
      totalCents: 23793,
    });
    const percent = computeTotals({
      subtotalCents: 10000,
      discountCents: 1500,
      serviceChargeBps: 1000,
      taxRateBps: 0,
    });
    expect(percent).toEqual({ subtotalCents: 10000, discountCents: 1500, serviceChargeCents: 850, taxCents: 0, totalCents: 9350 });
  });

  it('never discounts more than the subtotal, nor below zero', () => {
    const big = computeTotals({
      subtotalCents: 3000,
      discountCents: 5000,
      serviceChargeBps: 1000,
      taxRateBps: 500,
    });
    expect(big).toMatchObject({ discountCents: 3000, serviceChargeCents: 0, taxCents: 0, totalCents: 0 });
    const under = computeTotals({
      subtotalCents: 3000,
      discountCents: -500,
      serviceChargeBps: 0,
      taxRateBps: 0,
    });
    expect(under).toMatchObject({ discountCents: 0, totalCents: 3000 });
  });
});

describe('pricing', () => {
  const dish: MenuDish = {
    id: 'd1',
    restaurant_id: 'r1',
    names: text('Noodles'),
    price_cents: 6800,
    station_id: 's1',
    category_id: 'c1',
    active: true,
    sold_out: false,
    modifiers: [
      {
        group_id: 'size',
        min_choices: 1,
        max_choices: 1,
        group_names: text('Size'),
        option_id: 'regular',
        option_names: text('Regular'),
        price_delta_cents: 0,
      },
      {
        group_id: 'size',
        min_choices: 1,
        max_choices: 1,
        group_names: text('Size'),
        option_id: 'large',
        option_names: text('Large'),
        price_delta_cents: 1200,
      },
      {
        group_id: 'extra',
        min_choices: 0,
        max_choices: 2,
        group_names: text('Extras'),
        option_id: 'egg',
        option_names: text('Egg'),
        price_delta_cents: 800,
      },
    ],
    recipe: [{ ingredient_id: 'noodle', quantity: 0.15, on_hand: 10 }],
  };

  it('prices options into the unit and the quantity into the line', () => {
    const [item] = priceItems({ restaurantId: 'r1', items: [{ dishId: 'd1', quantity: 3, modifierIds: ['large', 'egg'] }] }, [dish]);
    expect(item).toMatchObject({ unitPriceCents: 8800, lineTotalCents: 26400, stationId: 's1', quantity: 3 });
    expect(stockNeeds([item]).get('noodle')).toBeCloseTo(0.45);
  });

  it('names the field of every item that cannot be ordered', () => {
    expect(() =>
      priceItems(
        {
          restaurantId: 'r1',
          items: [
            { dishId: 'd1', quantity: 1 },
            { dishId: 'd1', quantity: 1, modifierIds: ['large', 'regular'] },
            { dishId: 'nope', quantity: 1 },
            { dishId: 'd1', quantity: 1, modifierIds: ['regular', 'regular'] },
          ],
        },
        [dish],
      ),
    ).toThrow(
      expect.objectContaining({
        details: [
          { field: 'items.0.modifierIds', message: 'choose 1 of "Size"' },
          { field: 'items.1.modifierIds', message: 'choose 1 of "Size"' },
          { field: 'items.2.dishId', message: 'no such dish in this restaurant' },
          { field: 'items.3.modifierIds', message: 'an option is chosen twice' },
          { field: 'items.3.modifierIds', message: 'choose 1 of "Size"' },
        ],
      }),
    );
    expect(() =>
      priceItems({ restaurantId: 'r1', items: [{ dishId: 'd1', quantity: 1, modifierIds: ['regular'] }] }, [{ ...dish, active: false }]),
    ).toThrow(expect.objectContaining({ details: [{ field: 'items.0.dishId', message: 'this dish is not on the menu now' }] }));
  });

  it('tells how many portions are left of each short item', () => {
    const priced = priceItems({ restaurantId: 'r1', items: [{ dishId: 'd1', quantity: 5, modifierIds: ['regular'] }] }, [dish]);
    expect(shortageDetails(priced, [{ ingredientId: 'noodle', available: 0.45 }])).toEqual([
      { field: 'items.0.quantity', dishId: 'd1', name: 'Noodles', remaining: 3, message: 'only 3 left' },
    ]);
    expect(shortageDetails(priced, [{ ingredientId: 'noodle', available: 0.1 }])[0]).toMatchObject({ remaining: 0, message: 'sold out' });
  });
});
