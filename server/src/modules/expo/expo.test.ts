import type { DinewireEvent } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody, type TestRestaurant } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

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

interface Placed {
  id: string;
  items: { id: string }[];
}

async function place(r: TestRestaurant, dishIds: string[]): Promise<Placed> {
  const res = await client(node.url).post(
    '/api/v1/orders',
    orderBody(
      r,
      dishIds.map((dishId) => ({ dishId })),
    ),
    { 'idempotency-key': idempotencyKey() },
  );
  expect(res.status).toBe(201);
  return res.body.order;
}

async function bumpTo(token: string, itemId: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) expect((await client(node.url, token).post(`/api/v1/kitchen/items/${itemId}/bump`)).status).toBe(200);
}

async function orderEvents(restaurantId: string, token: string, orderId: string, after: number): Promise<DinewireEvent[]> {
  const res = await client(node.url, token).get(`/api/v1/restaurants/${restaurantId}/events?after=${after}&scope=staff`);
  return (res.body.events as DinewireEvent[]).filter((e) => (e.data as { id?: string }).id === orderId);
}

async function seqOf(restaurantId: string): Promise<number> {
  return (await one<{ seq: number }>(db, 'SELECT seq FROM restaurant_counters WHERE restaurant_id = $restaurantId', { restaurantId }))!.seq;
}

describe('hand-off (expo)', () => {
  it('is refused until every item is ready, then serves them all and completes the order with one event', async () => {
    const r = await makeRestaurant(db);
    const a = await makeDish(db, r, { stock: 10 });
    const b = await makeDish(db, r, { stock: 10 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const order = await place(r, [a.id, b.id]);
    const handOff = () => client(node.url, chef.token).post(`/api/v1/orders/${order.id}/handoff`);

    const early = await handOff();
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('invalid_transition');
    await bumpTo(chef.token, order.items[0].id, 2);
    await bumpTo(chef.token, order.items[1].id, 1);
    const half = await handOff();
    expect(half.status).toBe(409);
    expect(half.body.error).toMatchObject({ code: 'invalid_transition', message: '1 of the order’s items is not ready yet.' });

    await bumpTo(chef.token, order.items[1].id, 1);
    const before = await seqOf(r.id);
    const done = await handOff();
    expect(done.status).toBe(200);
    expect(done.body.order.status).toBe('completed');
    expect(done.body.order.items.map((i: { status: string }) => i.status)).toEqual(['served', 'served']);
    // The kitchen's presentation: no guest fields.
    expect(done.body.order).not.toHaveProperty('guestName');

    const events = await orderEvents(r.id, manager.token, order.id, before);
    expect(events.map((e) => [e.type, (e.data as { status: string }).status, e.seq])).toEqual([['order.updated', 'completed', before + 1]]);
    expect(await seqOf(r.id)).toBe(before + 1);

    const again = await handOff();
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
    // Completed orders leave the open lists (and so the pickup board).
    const open = await client(node.url, manager.token).get(`/api/v1/restaurants/${r.id}/orders?status=placed,preparing,ready`);
    expect(open.body.orders.map((o: { id: string }) => o.id)).not.toContain(order.id);
  });

  it('of many hand-offs at once, exactly one changes the order', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const host = await makeUser(db, 'host', [r.id]);
    const manager = await makeUser(db, 'manager', [r.id]);
    const pass = await makeDevice(db, r.id, 'kitchen');
    const order = await place(r, [dish.id, dish.id]);
    for (const item of order.items) await bumpTo(chef.token, item.id, 2);
    const before = await seqOf(r.id);

    const tokens = [chef.token, host.token, manager.token, pass.token, chef.token, host.token, manager.token, pass.token];
    const answers = await Promise.all(tokens.map((t) => client(node.url, t).post(`/api/v1/orders/${order.id}/handoff`)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('invalid_transition');

    const events = await orderEvents(r.id, manager.token, order.id, before);
    expect(events).toHaveLength(1);
    const row = await one<{ status: string; version: number }>(db, 'SELECT status, version FROM orders WHERE id = $id', { id: order.id });
    // Placed (1), four bumps, one hand-off.
    expect(row).toEqual({ status: 'completed', version: 6 });
  });

  it('leaves cancelled items as they are and refuses a cancelled order', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const manager = await makeUser(db, 'manager', [r.id]);
    const order = await place(r, [dish.id, dish.id]);
    await db.query(`UPDATE order_items SET status = 'cancelled' WHERE id = $1`, { bind: [order.items[1].id] });
    await bumpTo(chef.token, order.items[0].id, 2);
    const done = await client(node.url, chef.token).post(`/api/v1/orders/${order.id}/handoff`);
    expect(done.status).toBe(200);
    expect(done.body.order.items.map((i: { status: string }) => i.status)).toEqual(['served', 'cancelled']);

    const other = await place(r, [dish.id]);
    expect((await client(node.url, manager.token).post(`/api/v1/orders/${other.id}/cancel`)).status).toBe(200);
    const refused = await client(node.url, manager.token).post(`/api/v1/orders/${other.id}/handoff`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_transition');
  });

  it('is refused to boards, kiosks, station screens, other restaurants and strangers; junk ids are 400', async () => {
    const r = await makeRestaurant(db);
    const elsewhere = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const order = await place(r, [dish.id]);
    await bumpTo(chef.token, order.items[0].id, 2);
    const callers: [string, string | undefined, number][] = [
      ['board', (await makeDevice(db, r.id, 'board')).token, 403],
      ['kiosk', (await makeDevice(db, r.id, 'kiosk')).token, 403],
      ['station screen', (await makeDevice(db, r.id, 'kitchen', r.stationId)).token, 403],
      ['kitchen screen elsewhere', (await makeDevice(db, elsewhere.id, 'kitchen')).token, 403],
      ['manager elsewhere', (await makeUser(db, 'manager', [elsewhere.id])).token, 403],
      ['guest', (await makeUser(db, 'guest')).token, 403],
      ['anonymous', undefined, 401],
    ];
    for (const [who, token, status] of callers) {
      const res = await client(node.url, token).post(`/api/v1/orders/${order.id}/handoff`);
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    const still = await one<{ status: string }>(db, 'SELECT status FROM orders WHERE id = $id', { id: order.id });
    expect(still!.status).toBe('ready');

    const junk = await client(node.url, chef.token).post('/api/v1/orders/not-an-id/handoff');
    expect(junk.status).toBe(400);
    expect(junk.body.error.details[0].field).toBe('orderId');
    const unknown = await client(node.url, chef.token).post('/api/v1/orders/00000000-0000-4000-8000-000000000000/handoff');
    expect(unknown.status).toBe(404);
  });
});
