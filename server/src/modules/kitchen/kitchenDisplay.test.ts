import type { DinewireEvent, Order } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody, type TestRestaurant } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

/** The kitchen display's routes: ticket ages, rush, whole-ticket moves and the recall list. */

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

const api = (token?: string) => client(node.url, token);

async function addStation(r: TestRestaurant, name = 'Grill'): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO stations (restaurant_id, names) VALUES ($restaurantId, jsonb_build_object('en', $name::text, 'zh-Hant', $name::text, 'zh-Hans', $name::text)) RETURNING id`,
    { restaurantId: r.id, name },
  );
  return row!.id;
}

/** A restaurant with two stations (wok: two dishes; grill: one), its staff and screens, and an order of all three. */
async function kitchen() {
  const r = await makeRestaurant(db);
  const grillId = await addStation(r);
  const noodles = await makeDish(db, r, { stock: 50, name: 'Noodles' });
  const rice = await makeDish(db, r, { stock: 50, name: 'Fried rice' });
  const steak = await makeDish(db, { ...r, stationId: grillId }, { stock: 50, name: 'Steak' });
  const [manager, chef, host] = await Promise.all([
    makeUser(db, 'manager', [r.id]),
    makeUser(db, 'kitchen', [r.id]),
    makeUser(db, 'host', [r.id]),
  ]);
  const [wokScreen, grillScreen, allScreen, board] = await Promise.all([
    makeDevice(db, r.id, 'kitchen', r.stationId),
    makeDevice(db, r.id, 'kitchen', grillId),
    makeDevice(db, r.id, 'kitchen'),
    makeDevice(db, r.id, 'board'),
  ]);
  const place = async () => {
    const res = await api().post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: noodles.id }, { dishId: rice.id, quantity: 2 }, { dishId: steak.id }]),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(res.status).toBe(201);
    return res.body.order as Order;
  };
  return { r, grillId, manager, chef, host, wokScreen, grillScreen, allScreen, board, place };
}

const seenOf = (o: Order) => Object.fromEntries(o.items.map((i) => [i.id, i.status]));
const statuses = (o: Order) => o.items.map((i) => i.status);

async function kitchenEvents(restaurantId: string, token: string, after = 0): Promise<DinewireEvent[]> {
  const res = await api(token).get(`/api/v1/restaurants/${restaurantId}/events?after=${after}&scope=kitchen`);
  expect(res.status).toBe(200);
  return res.body.events;
}

describe('ticket age thresholds', () => {
  it('shows them to staff and kitchen screens only, and lets a manager set them with amber below red', async () => {
    const k = await kitchen();
    const other = await makeUser(db, 'manager', [(await makeRestaurant(db)).id]);
    const path = `/api/v1/restaurants/${k.r.id}`;
    expect((await api().get(path)).body.restaurant).not.toHaveProperty('ticketAges');
    expect((await api(k.board.token).get(path)).body.restaurant).not.toHaveProperty('ticketAges');
    expect((await api(other.token).get(path)).body.restaurant).not.toHaveProperty('ticketAges');
    expect((await api(k.chef.token).get(path)).body.restaurant.ticketAges).toEqual({ amberMinutes: 5, redMinutes: 8 });
    expect((await api(k.wokScreen.token).get(path)).body.restaurant.ticketAges).toEqual({ amberMinutes: 5, redMinutes: 8 });

    const set = (token: string, body: unknown) => api(token).patch(`${path}/ticket-ages`, body);
    const ok = await set(k.manager.token, { amberMinutes: 6 });
    expect(ok.status).toBe(200);
    expect(ok.body.restaurant.ticketAges).toEqual({ amberMinutes: 6, redMinutes: 8 });
    expect(ok.body.restaurant.stations).toHaveLength(2);
    expect(ok.body.restaurant.tables).toEqual([{ id: k.r.tableId, label: 'T1', seats: 4 }]);

    const tooLate = await set(k.manager.token, { amberMinutes: 8 });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.details[0].field).toBe('amberMinutes');
    const tooEarly = await set(k.manager.token, { redMinutes: 6 });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.details[0].field).toBe('redMinutes');
    for (const junk of [
      {},
      { amberMinutes: 'five' },
      { amberMinutes: 0 },
      { amberMinutes: 2.5 },
      { redMinutes: 481 },
      { amber: 3 },
      { amberMinutes: 9, redMinutes: 9 },
      [1],
    ]) {
      const res = await set(k.manager.token, junk);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation');
    }
    expect((await set(k.chef.token, { amberMinutes: 4 })).status).toBe(403);
    expect((await set(k.allScreen.token, { amberMinutes: 4 })).status).toBe(403);
    expect((await set(other.token, { amberMinutes: 4 })).status).toBe(403);
    expect((await set('', { amberMinutes: 4 })).status).toBe(401);
    expect((await api(k.manager.token).patch(`/api/v1/restaurants/not-an-id/ticket-ages`, { amberMinutes: 4 })).status).toBe(400);

    const both = await set(k.manager.token, { amberMinutes: 10, redMinutes: 15 });
    expect(both.body.restaurant.ticketAges).toEqual({ amberMinutes: 10, redMinutes: 15 });
    // Kitchen screens hear of each change, in the restaurant's log.
    const settings = (await kitchenEvents(k.r.id, k.wokScreen.token)).filter((e) => e.type === 'kitchen.settings').map((e) => e.data);
    expect(settings).toEqual([{ ticketAges: { amberMinutes: 6, redMinutes: 8 } }, { ticketAges: { amberMinutes: 10, redMinutes: 15 } }]);
  });
});

describe('rush', () => {
  it('is stored on the order, committed with its event, idempotent, and refused to whoever does not run the kitchen', async () => {
    const k = await kitchen();
    const order = await k.place();
    const rush = (token: string | undefined, body: unknown, id = order.id) => api(token).post(`/api/v1/orders/${id}/rush`, body);

    const rushed = await rush(k.grillScreen.token, { rushed: true });
    expect(rushed.status).toBe(200);
    expect(rushed.body.order.rushedAt).toEqual(expect.any(String));
    expect(rushed.body.order.version).toBe(order.version + 1);
    expect((await rush(k.chef.token, { rushed: true })).body.order.version).toBe(order.version + 1); // no change, no event
    const events = (await kitchenEvents(k.r.id, k.wokScreen.token)).filter((e) => e.type === 'order.updated');
    expect(events).toHaveLength(1);
    expect((events[0].data as Order).rushedAt).toBe(rushed.body.order.rushedAt);
    // The pickup board sees numbers only.
    const boardEvents = (await api(k.board.token).get(`/api/v1/restaurants/${k.r.id}/events?after=0&scope=board`)).body.events;
    expect(boardEvents.at(-1).data).not.toHaveProperty('rushedAt');

    const calm = await rush(k.manager.token, { rushed: false });
    expect(calm.body.order).toMatchObject({ rushedAt: null, version: order.version + 2 });

    expect((await rush(k.host.token, { rushed: true })).status).toBe(403);
    expect((await rush(k.board.token, { rushed: true })).status).toBe(404);
    expect((await rush(undefined, { rushed: true })).status).toBe(404);
    const elsewhere = await makeRestaurant(db);
    expect((await rush((await makeDevice(db, elsewhere.id, 'kitchen')).token, { rushed: true })).status).toBe(404);
    expect((await rush((await makeUser(db, 'kitchen', [elsewhere.id])).token, { rushed: true })).status).toBe(404);
    for (const junk of [{}, { rushed: 'yes' }, { rushed: true, extra: 1 }, null]) expect((await rush(k.chef.token, junk)).status).toBe(400);
    expect((await rush(k.chef.token, { rushed: true }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

    // A finished order has nothing left to rush.
    let o = (await api(k.chef.token).get(`/api/v1/orders/${order.id}`)).body.order as Order;
    for (let step = 0; step < 2; step++) {
      o = (await api(k.chef.token).post(`/api/v1/kitchen/orders/${o.id}/bump`, { seen: seenOf(o) })).body.order;
    }
    expect(o.status).toBe('ready');
    for (const i of o.items) o = (await api(k.chef.token).post(`/api/v1/kitchen/items/${i.id}/bump`)).body.order;
    expect(o.status).toBe('completed');
    const late = await rush(k.chef.token, { rushed: true });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_transition');
  });
});

describe('whole-ticket bump and recall', () => {
  it('moves one station’s items (or every station’s) one step in one event, and a station screen only its own', async () => {
    const k = await kitchen();
    const order = await k.place();
    const [noodles, rice, steak] = order.items;
    expect([noodles.stationId, rice.stationId, steak.stationId]).toEqual([k.r.stationId, k.r.stationId, k.grillId]);
    const before = (await kitchenEvents(k.r.id, k.chef.token)).length;

    const wok = await api(k.wokScreen.token).post(`/api/v1/kitchen/orders/${order.id}/bump`, {
      stationId: k.r.stationId,
      seen: seenOf(order),
    });
    expect(wok.status).toBe(200);
    expect(statuses(wok.body.order)).toEqual(['cooking', 'cooking', 'queued']);
    expect(wok.body.order.status).toBe('preparing');
    expect((await kitchenEvents(k.r.id, k.chef.token)).length).toBe(before + 1);

    // A station screen moves neither another station's items nor every station's.
    const o1 = wok.body.order as Order;
    expect(
      (await api(k.grillScreen.token).post(`/api/v1/kitchen/orders/${order.id}/bump`, { stationId: k.r.stationId, seen: seenOf(o1) }))
        .status,
    ).toBe(403);
    expect((await api(k.grillScreen.token).post(`/api/v1/kitchen/orders/${order.id}/bump`, { seen: seenOf(o1) })).status).toBe(403);

    const all = await api(k.allScreen.token).post(`/api/v1/kitchen/orders/${order.id}/bump`, { seen: seenOf(o1) });
    expect(statuses(all.body.order)).toEqual(['ready', 'ready', 'cooking']);
    const o2 = all.body.order as Order;
    const grill = await api(k.grillScreen.token).post(`/api/v1/kitchen/orders/${order.id}/bump`, {
      stationId: k.grillId,
      seen: seenOf(o2),
    });
    expect(grill.body.order.status).toBe('ready');
    const o3 = grill.body.order as Order;

    // Ready is as far as the kitchen bumps a ticket; serving is the pass's.
    const again = await api(k.chef.token).post(`/api/v1/kitchen/orders/${order.id}/bump`, { seen: seenOf(o3) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');

    const recalled = await api(k.wokScreen.token).post(`/api/v1/kitchen/orders/${order.id}/recall`, {
      stationId: k.r.stationId,
      seen: seenOf(o3),
    });
    expect(statuses(recalled.body.order)).toEqual(['cooking', 'cooking', 'ready']);
    expect(recalled.body.order.status).toBe('preparing');
    const noneReady = await api(k.wokScreen.token).post(`/api/v1/kitchen/orders/${order.id}/recall`, {
      stationId: k.r.stationId,
      seen: seenOf(recalled.body.order),
    });
    expect(noneReady.status).toBe(409);
  });

  it('refuses a ticket that changed since the screen showed it, and junk, moving nothing', async () => {
    const k = await kitchen();
    const order = await k.place();
    const bump = (token: string, body: unknown, id = order.id) => api(token).post(`/api/v1/kitchen/orders/${id}/bump`, body);
    await api(k.chef.token).post(`/api/v1/kitchen/items/${order.items[0].id}/bump`);
    const stale = await bump(k.chef.token, { seen: seenOf(order) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('invalid_transition');
    // An item the screen never showed is not moved blind either.
    const partial = await bump(k.chef.token, { seen: { [order.items[1].id]: 'queued' } });
    expect(partial.status).toBe(409);
    const now = (await api(k.chef.token).get(`/api/v1/orders/${order.id}`)).body.order as Order;
    expect(statuses(now)).toEqual(['cooking', 'queued', 'queued']);

    const elsewhere = await makeRestaurant(db);
    for (const junk of [
      {},
      { seen: [] },
      { seen: { 'not-an-id': 'queued' } },
      { seen: { [order.items[0].id]: 'burnt' } },
      { seen: seenOf(now), stationId: 'grill' },
      { seen: seenOf(now), stationId: elsewhere.stationId },
      { seen: seenOf(now), extra: true },
    ]) {
      const res = await bump(k.chef.token, junk);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation');
    }
    expect((await bump(k.board.token, { seen: seenOf(now) })).status).toBe(404);
    expect((await bump((await makeDevice(db, elsewhere.id, 'kitchen')).token, { seen: seenOf(now) })).status).toBe(404);
    expect((await bump(k.chef.token, { seen: seenOf(now) }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(statuses((await api(k.chef.token).get(`/api/v1/orders/${order.id}`)).body.order)).toEqual(['cooking', 'queued', 'queued']);
  });

  it('moves a ticket once when several cooks bump it at the same moment', async () => {
    const k = await kitchen();
    const order = await k.place();
    const before = (await kitchenEvents(k.r.id, k.chef.token)).length;
    const tokens = [k.chef.token, k.manager.token, k.allScreen.token, k.chef.token, k.allScreen.token];
    const results = await Promise.all(tokens.map((t) => api(t).post(`/api/v1/kitchen/orders/${order.id}/bump`, { seen: seenOf(order) })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const now = (await api(k.chef.token).get(`/api/v1/orders/${order.id}`)).body.order as Order;
    expect(statuses(now)).toEqual(['cooking', 'cooking', 'cooking']);
    expect(now.version).toBe(order.version + 1);
    expect((await kitchenEvents(k.r.id, k.chef.token)).length).toBe(before + 1);

    // One item, tapped by two cooks at once with what they saw: it moves one step.
    const item = now.items[2];
    const taps = await Promise.all(
      [k.grillScreen.token, k.chef.token].map((t) => api(t).post(`/api/v1/kitchen/items/${item.id}/bump`, { from: 'cooking' })),
    );
    expect(taps.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await api(k.chef.token).get(`/api/v1/orders/${order.id}`)).body.order as Order;
    expect(after.items[2].status).toBe('ready');
    expect((await api(k.chef.token).post(`/api/v1/kitchen/items/${item.id}/bump`, { from: 'burnt' })).status).toBe(400);
  });
});

describe('the recall list', () => {
  it('lists what a station moved to ready or served lately, for that station’s screen and the kitchen', async () => {
    const k = await kitchen();
    const first = await k.place();
    const second = await k.place();
    await k.place(); // untouched: never listed
    let o = (await api(k.chef.token).post(`/api/v1/kitchen/orders/${first.id}/bump`, { stationId: k.r.stationId, seen: seenOf(first) }))
      .body.order;
    o = (await api(k.chef.token).post(`/api/v1/kitchen/orders/${first.id}/bump`, { stationId: k.r.stationId, seen: seenOf(o) })).body.order;
    expect(statuses(o)).toEqual(['ready', 'ready', 'queued']);
    let s = (await api(k.chef.token).post(`/api/v1/kitchen/orders/${second.id}/bump`, { stationId: k.grillId, seen: seenOf(second) })).body
      .order;
    s = (await api(k.chef.token).post(`/api/v1/kitchen/orders/${second.id}/bump`, { stationId: k.grillId, seen: seenOf(s) })).body.order;
    expect(statuses(s)).toEqual(['queued', 'queued', 'ready']);

    const recent = (token: string, query = '') => api(token).get(`/api/v1/restaurants/${k.r.id}/kitchen/recent${query}`);
    const wok = await recent(k.wokScreen.token, `?stationId=${k.r.stationId}`);
    expect(wok.status).toBe(200);
    expect(wok.body.orders.map((x: Order) => x.id)).toEqual([first.id]);
    expect(wok.body.orders[0]).not.toHaveProperty('guestName');
    expect(wok.body.latestSeq).toEqual(expect.any(Number));
    expect((await recent(k.grillScreen.token, `?stationId=${k.grillId}&minutes=5`)).body.orders.map((x: Order) => x.id)).toEqual([
      second.id,
    ]);
    // Every station: newest change first.
    expect((await recent(k.chef.token)).body.orders.map((x: Order) => x.id)).toEqual([second.id, first.id]);

    // Recalling the only ready items takes the order off the list.
    await api(k.wokScreen.token).post(`/api/v1/kitchen/orders/${first.id}/recall`, { stationId: k.r.stationId, seen: seenOf(o) });
    expect((await recent(k.wokScreen.token, `?stationId=${k.r.stationId}`)).body.orders).toEqual([]);

    expect((await recent(k.wokScreen.token, `?stationId=${k.grillId}`)).status).toBe(403);
    expect((await recent(k.wokScreen.token)).status).toBe(403);
    expect((await recent(k.board.token)).status).toBe(403);
    expect((await recent((await makeUser(db, 'kitchen', [(await makeRestaurant(db)).id])).token)).status).toBe(403);
    expect((await api().get(`/api/v1/restaurants/${k.r.id}/kitchen/recent`)).status).toBe(401);
    for (const q of ['?minutes=0', '?minutes=61', '?minutes=ten', '?stationId=grill'])
      expect((await recent(k.chef.token, q)).status).toBe(400);
  });
});
