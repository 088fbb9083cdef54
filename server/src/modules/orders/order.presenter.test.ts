import type { Order } from '@dinewire/protocol';
import { ORDER_FIELDS, ORDER_ITEM_FIELDS, presentOrderFor } from './order.presenter';

const order: Order = {
  id: 'o1',
  restaurantId: 'r1',
  number: 7,
  channel: 'room',
  tableId: null,
  status: 'preparing',
  items: [
    {
      id: 'i1',
      dishId: 'd1',
      name: 'Fried rice',
      names: { en: 'Fried rice', 'zh-Hant': '炒飯', 'zh-Hans': '炒饭' },
      quantity: 2,
      modifiers: [],
      note: 'no onion',
      unitPriceCents: 5000,
      lineTotalCents: 10000,
      status: 'cooking',
      stationId: 's1',
      statusChangedAt: '2026-12-01T10:00:00.000Z',
    },
  ],
  subtotalCents: 10000,
  discountCents: 1000,
  serviceChargeCents: 900,
  taxCents: 0,
  totalCents: 9900,
  refundedCents: 0,
  currency: 'HKD',
  paymentMethod: 'room',
  paymentStatus: 'charged_to_room',
  guestName: 'Chan Tai Man',
  roomNumber: '1208',
  cardLast4: null,
  promoCode: 'WELCOME10',
  placedAt: '2026-12-01T09:59:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  rushedAt: null,
  version: 3,
};

describe('order presenters', () => {
  it('give staff and the owner every field', () => {
    expect(presentOrderFor(order, 'staff')).toEqual(order);
    expect(presentOrderFor(order, 'owner')).toEqual(order);
  });

  it('give the kitchen what to cook, not who the guest is or how they pay', () => {
    const kitchen = presentOrderFor(order, 'kitchen') as Order;
    for (const f of ['guestName', 'roomNumber', 'cardLast4', 'promoCode']) expect(kitchen).not.toHaveProperty(f);
    expect(kitchen.items).toEqual(order.items);
    expect(kitchen).toMatchObject({ id: 'o1', number: 7, status: 'preparing', version: 3 });
  });

  it('give a board the number and the state only', () => {
    expect(presentOrderFor(order, 'board')).toEqual({ id: 'o1', number: 7, status: 'preparing', version: 3 });
  });

  it('leave out what no list names: a field the presenters do not know reaches nobody', () => {
    const withSecret = { ...order, internalNote: 'VIP', items: [{ ...order.items[0], costCents: 900 }] } as unknown as Order;
    for (const audience of ['staff', 'owner', 'kitchen', 'board'] as const) {
      const out = presentOrderFor(withSecret, audience) as unknown as Record<string, unknown>;
      expect(Object.keys(out).every((k) => (ORDER_FIELDS[audience] as readonly string[]).includes(k))).toBe(true);
      for (const item of (out.items as Record<string, unknown>[] | undefined) ?? []) {
        expect(Object.keys(item).every((k) => ORDER_ITEM_FIELDS.includes(k as never))).toBe(true);
      }
    }
  });
});
