import crypto from 'node:crypto';
import type { Order } from '@dinewire/protocol';
import type { OrderAudience } from '../../policies';
import { presentOrderFor } from '../orders/order.presenter';
import { sealOrder } from '../orders/orderSecrets';
import { presentEventData } from './eventPresenter';

const piiKey = crypto.randomBytes(32);
const AUDIENCES: OrderAudience[] = ['staff', 'owner', 'kitchen', 'board'];

const order: Order = {
  id: 'o1',
  restaurantId: 'r1',
  number: 7,
  channel: 'room',
  tableId: null,
  status: 'placed',
  items: [],
  subtotalCents: 10000,
  discountCents: 0,
  serviceChargeCents: 1000,
  taxCents: 0,
  totalCents: 11000,
  refundedCents: 0,
  currency: 'HKD',
  paymentMethod: 'room',
  paymentStatus: 'charged_to_room',
  guestName: 'Chan Tai Man',
  roomNumber: '1208',
  cardLast4: null,
  promoCode: null,
  placedAt: '2026-12-01T09:59:00.000Z',
  updatedAt: '2026-12-01T09:59:00.000Z',
  rushedAt: null,
  version: 1,
};
const anonymousCounterOrder: Order = {
  ...order,
  channel: 'web',
  paymentMethod: 'counter',
  paymentStatus: 'due',
  guestName: null,
  roomNumber: null,
};

describe('order events, stored sealed', () => {
  it('store neither the guest’s name nor the room in the clear', () => {
    const stored = JSON.stringify(sealOrder(piiKey, order));
    expect(stored).not.toContain('Chan Tai Man');
    expect(stored).not.toContain('1208');
  });

  it('present to every audience exactly what the order presented before sealing', () => {
    for (const o of [order, anonymousCounterOrder]) {
      // Sealed as now stored, and plain as rows written before sealing still are.
      for (const stored of [sealOrder(piiKey, o), o]) {
        for (const audience of AUDIENCES) {
          expect({ audience, data: presentEventData(piiKey, 'order.created', stored, audience) }).toEqual({
            audience,
            data: presentOrderFor(o, audience),
          });
        }
      }
    }
  });

  it('cost a fraction of a millisecond to seal, open and present', () => {
    const n = 10_000;
    const started = performance.now();
    for (let i = 0; i < n; i++) presentEventData(piiKey, 'order.updated', sealOrder(piiKey, order), 'staff');
    const perMicros = ((performance.now() - started) * 1000) / n;
    process.stdout.write(`seal + open + present for staff: ${perMicros.toFixed(1)} µs an order\n`);
    expect(perMicros).toBeLessThan(2000);
  });
});
