import type { DinewireEvent } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';
import { one } from '../../db/sql';

let db: Sequelize;
let node: DinewireNode;

beforeAll(async () => {
  db = testSequelize();
  node = await startTestNode();
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

async function staffEvents(restaurantId: string, token: string): Promise<DinewireEvent[]> {
  return (await client(node.url, token).get(`/api/v1/restaurants/${restaurantId}/events?after=0&scope=staff`)).body.events;
}

describe('kitchen flow', () => {
  it('bumps items through their steps, derives the order status, and recalls one step back', async () => {
    const r = await makeRestaurant(db);
    const a = await makeDish(db, r, { stock: 10 });
    const b = await makeDish(db, r, { stock: 10 });
    const chef = client(node.url, (await makeUser(db, 'kitchen', [r.id])).token);
    const placed = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: a.id }, { dishId: b.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    const [i1, i2] = placed.body.order.items.map((i: { id: string }) => i.id);
    const bump = async (id: string) => (await chef.post(`/api/v1/kitchen/items/${id}/bump`)).body.order;

    expect((await bump(i1)).status).toBe('preparing');
    expect((await bump(i1)).status).toBe('preparing'); // i1 ready, i2 queued
    await bump(i2);
    const ready = await bump(i2);
    expect(ready.status).toBe('ready');
    expect(ready.version).toBe(5);
    await bump(i1);
    const done = await bump(i2);
    expect(done.status).toBe('completed');
    const beyond = await chef.post(`/api/v1/kitchen/items/${i2}/bump`);
    expect(beyond.status).toBe(409);
    expect(beyond.body.error.code).toBe('invalid_transition');

    const recalled = await chef.post(`/api/v1/kitchen/items/${i2}/recall`);
    expect(recalled.body.order.status).toBe('ready');
    expect(recalled.body.order.items[1].status).toBe('ready');
  });

  it('refuses to move items of a cancelled order, and refuses a station screen another station’s items', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const placed = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    const itemId = placed.body.order.items[0].id;
    const otherStation = await one<{ id: string }>(
      db,
      `INSERT INTO stations (restaurant_id, names) VALUES ($restaurantId, '{"en":"Grill","zh-Hant":"燒烤","zh-Hans":"烧烤"}') RETURNING id`,
      { restaurantId: r.id },
    );
    const grillScreen = client(node.url, (await makeDevice(db, r.id, 'kitchen', otherStation!.id)).token);
    expect((await grillScreen.post(`/api/v1/kitchen/items/${itemId}/bump`)).status).toBe(403);
    const wokScreen = client(node.url, (await makeDevice(db, r.id, 'kitchen', r.stationId)).token);
    expect((await wokScreen.post(`/api/v1/kitchen/items/${itemId}/recall`)).body.error.code).toBe('invalid_transition');

    await client(node.url).post(`/api/v1/orders/${placed.body.order.id}/cancel`, { token: placed.body.orderToken });
    const res = await wokScreen.post(`/api/v1/kitchen/items/${itemId}/bump`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
  });

  it('lets a guest cancel only before cooking; staff cancel later and keep the started part', async () => {
    const r = await makeRestaurant(db, { serviceChargeBps: 0 });
    const a = await makeDish(db, r, { stock: 10, priceCents: 6000 });
    const b = await makeDish(db, r, { stock: 10, priceCents: 4000 });
    const chef = client(node.url, (await makeUser(db, 'kitchen', [r.id])).token);
    const manager = client(node.url, (await makeUser(db, 'manager', [r.id])).token);
    const placed = await client(node.url).post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: a.id }, { dishId: b.id }], {
        paymentMethod: 'card',
        card: { number: '4242424242424242', expMonth: 1, expYear: 2040, cvc: '123' },
      }),
      { 'idempotency-key': idempotencyKey() },
    );
    await chef.post(`/api/v1/kitchen/items/${placed.body.order.items[0].id}/bump`);
    const guestCancel = await client(node.url).post(`/api/v1/orders/${placed.body.order.id}/cancel`, { token: placed.body.orderToken });
    expect(guestCancel.status).toBe(409);
    expect(guestCancel.body.error.code).toBe('invalid_transition');
    expect((await chef.post(`/api/v1/orders/${placed.body.order.id}/cancel`)).status).toBe(403);

    const cancel = await manager.post(`/api/v1/orders/${placed.body.order.id}/cancel`, { reason: 'guest left' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.refund).toEqual({ amountCents: 4000, feeCents: 6000 });
    expect(cancel.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'partially_refunded', refundedCents: 4000 });
    // The cooking dish's stock stays used; the queued one's comes back.
    const stock = async (id: string) =>
      (await one<{ quantity: number }>(db, 'SELECT quantity FROM ingredients WHERE id = $id', { id }))!.quantity;
    expect(await stock(a.ingredientId!)).toBe(9);
    expect(await stock(b.ingredientId!)).toBe(10);
  });
});

describe('inventory', () => {
  it('announces a dish going unavailable at once, low stock once, and availability again after a delivery', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 3, lowThreshold: 1 });
    const manager = await makeUser(db, 'manager', [r.id]);
    for (let i = 0; i < 3; i++) {
      const res = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
        'idempotency-key': idempotencyKey(),
      });
      expect(res.status).toBe(201);
    }
    const menu = await client(node.url).get(`/api/v1/restaurants/${r.id}/menu`);
    expect(menu.body.categories[0].dishes[0]).toMatchObject({ id: dish.id, available: false, remaining: 0 });

    const adjust = await client(node.url, manager.token).post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, {
      delta: 20,
      reason: 'receive',
      note: 'morning delivery',
    });
    expect(adjust.status).toBe(201);
    expect(adjust.body.ingredient.quantity).toBe(20);
    const below = await client(node.url, manager.token).post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, {
      delta: -21,
      reason: 'waste',
    });
    expect(below.status).toBe(400);
    expect(below.body.error.details[0].field).toBe('delta');

    const events = await staffEvents(r.id, manager.token);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'inventory.low')).toHaveLength(1);
    const availability = events.filter((e) => e.type === 'menu.availability').map((e) => e.data);
    expect(availability).toContainEqual({ dishId: dish.id, available: false, remaining: 0 });
    expect(availability[availability.length - 1]).toEqual({ dishId: dish.id, available: true, remaining: 20 });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

    const ledger = await client(node.url, manager.token).get(`/api/v1/restaurants/${r.id}/inventory`);
    expect(ledger.body.ingredients[0]).toMatchObject({ id: dish.ingredientId, quantity: 20, lowThreshold: 1 });
  });
});
