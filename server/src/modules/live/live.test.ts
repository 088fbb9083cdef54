import type { ClusterHealth, LiveFigures, StockMovementView } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeBookableRestaurant, makeDevice, makeDish, makeHeldBooking, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { localDate, zonedInstant } from '../reservations/localTime';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

let db: Sequelize;
let node: DinewireNode;

beforeAll(async () => {
  db = testSequelize();
  node = await startTestNode({ sequelize: db, redis: true });
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

const place = (token: string | undefined, body: object) =>
  client(node.url, token).post('/api/v1/orders', body, { 'Idempotency-Key': idempotencyKey() });

describe('GET /restaurants/:id/live', () => {
  it('counts what was placed: orders, revenue, open tickets per station, the oldest ticket and ticket times', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const rice = await makeDish(db, r, { priceCents: 5000, stock: 50 });
    const soup = await makeDish(db, r, { priceCents: 3200, name: 'Soup' });
    const placed = [];
    for (const items of [
      [{ dishId: rice.id, quantity: 2 }],
      [{ dishId: soup.id }],
      [{ dishId: rice.id }, { dishId: soup.id, quantity: 3 }],
    ]) {
      const res = await place(undefined, orderBody(r, items));
      expect(res.status).toBe(201);
      placed.push(res.body.order);
    }
    // A cancelled order counts nowhere.
    const cancelled = await place(manager.token, orderBody(r, [{ dishId: soup.id }], { channel: 'staff' }));
    expect((await client(node.url, manager.token).post(`/api/v1/orders/${cancelled.body.order.id}/cancel`)).status).toBe(200);
    // The first order is cooked to ready: one ticket time.
    for (const step of [1, 2]) {
      const res = await client(node.url, manager.token).post(`/api/v1/kitchen/items/${placed[0].items[0].id}/bump`);
      expect([step, res.status]).toEqual([step, 200]);
    }
    const ready = await models(db).Order.findByPk(placed[0].id);
    expect(ready!.status).toBe('ready');
    expect(ready!.readyAt).not.toBeNull();

    const res = await client(node.url, manager.token).get<LiveFigures>(`/api/v1/restaurants/${r.id}/live?lang=zh-Hant`);
    expect(res.status).toBe(200);
    const live = res.body;
    const revenue = placed.reduce((sum, o) => sum + o.totalCents, 0);
    expect(live.today).toEqual({ orders: 3, covers: 3, revenueCents: revenue });
    expect(live.currency).toBe('HKD');
    expect(live.ordersPerMinute).toEqual({ last5: 0.6, last15: 0.2 });
    expect(live.openTickets).toBe(2);
    expect(live.stations).toEqual([{ stationId: r.stationId, name: 'Wok（繁）', names: expect.any(Object), tickets: 2, items: 5 }]);
    expect(live.oldestTicket).toMatchObject({ orderId: placed[1].id, number: placed[1].number });
    expect(live.oldestTicket!.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(live.ticketSeconds.count).toBe(1);
    expect(live.ticketSeconds.average).toBeGreaterThanOrEqual(0);
    expect(live.ticketSeconds.p90).toBe(live.ticketSeconds.average);
    expect(live.series).toHaveLength(60);
    expect(live.series.reduce((n, p) => n + p.orders, 0)).toBe(3);
    expect(live.series.at(-1)!.minute <= live.at).toBe(true);
    expect(live.series.some((p) => p.medianTicketSeconds !== null)).toBe(true);

    // A recall back to cooking reopens the ticket.
    expect((await client(node.url, manager.token).post(`/api/v1/kitchen/items/${placed[0].items[0].id}/recall`)).status).toBe(200);
    expect((await models(db).Order.findByPk(placed[0].id))!.readyAt).toBeNull();
  });

  it('counts the booked covers of the next two hours and of the rest of the restaurant’s day', async () => {
    const r = await makeBookableRestaurant(db, { tables: [1, 2, 3, 4, 5, 6, 7].map(() => ({ seats: 8 })) });
    const manager = await makeUser(db, 'manager', [r.id]);
    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
    const tomorrow = new Date(Date.parse(`${localDate(new Date(now), 'Asia/Hong_Kong')}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const dayEnd = zonedInstant(tomorrow, 0, 'Asia/Hong_Kong').getTime();
    // Each on a table of its own, so no hold overlaps another.
    const made: { minutes: number; partySize: number; status: string }[] = [
      { minutes: 30, partySize: 4, status: 'booked' },
      { minutes: 110, partySize: 3, status: 'booked' },
      { minutes: 150, partySize: 5, status: 'booked' },
      { minutes: 20 * 60, partySize: 6, status: 'booked' },
      { minutes: -10, partySize: 2, status: 'booked' }, // late: started already, not seated
      { minutes: 40, partySize: 7, status: 'cancelled' },
      { minutes: 50, partySize: 8, status: 'seated' },
    ];
    for (const [i, b] of made.entries()) {
      const id = await makeHeldBooking(db, r, {
        tableIds: [r.tables[i].id],
        from: at(b.minutes),
        to: at(b.minutes + 90),
        partySize: b.partySize,
        active: b.status !== 'cancelled',
      });
      if (b.status === 'seated') await db.query("UPDATE reservations SET status = 'seated' WHERE id = $id", { bind: { id } });
    }
    const sum = (pick: (b: (typeof made)[number]) => boolean) => {
      const hit = made.filter((b) => b.status === 'booked' && b.minutes >= 0 && pick(b));
      return { covers: hit.reduce((n, b) => n + b.partySize, 0), bookings: hit.length };
    };
    const soon = sum((b) => b.minutes < 120);
    const day = sum((b) => now + b.minutes * 60_000 < dayEnd);
    expect(soon).toEqual({ covers: 7, bookings: 2 });

    const res = await client(node.url, manager.token).get<LiveFigures>(`/api/v1/restaurants/${r.id}/live`);
    expect(res.status).toBe(200);
    expect(res.body.upcomingCovers).toEqual({
      hours: 2,
      nextHours: soon.covers,
      nextHoursBookings: soon.bookings,
      restOfDay: day.covers,
      restOfDayBookings: day.bookings,
    });
    // Orders carry no party size: a restaurant's order covers stay what they were.
    expect(res.body.today.covers).toBe(0);
  });

  it('is the managers’ of that restaurant only', async () => {
    const r = await makeRestaurant(db);
    const other = await makeRestaurant(db);
    const [own, stranger, chef, host] = await Promise.all([
      makeUser(db, 'manager', [r.id]),
      makeUser(db, 'manager', [other.id]),
      makeUser(db, 'kitchen', [r.id]),
      makeUser(db, 'host', [r.id]),
    ]);
    const screen = await makeDevice(db, r.id, 'kitchen');
    expect((await client(node.url).get(`/api/v1/restaurants/${r.id}/live`)).status).toBe(401);
    for (const t of [stranger.token, chef.token, host.token, screen.token]) {
      expect((await client(node.url, t).get(`/api/v1/restaurants/${r.id}/live`)).status).toBe(403);
    }
    const bad = await client(node.url, own.token).get('/api/v1/restaurants/not-an-id/live');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('restaurantId');
    expect((await client(node.url, own.token).get(`/api/v1/restaurants/${r.id}/live?lang=xx`)).status).toBe(400);
  });
});

describe('POST /dishes/:id/availability ("86")', () => {
  it('takes a dish off for the menu and ordering, with one menu.availability event, and puts it back', async () => {
    const r = await makeRestaurant(db);
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const dish = await makeDish(db, r, { stock: 10 });
    const api = client(node.url, chef.token);
    const seqBefore = (await models(db).RestaurantCounter.findByPk(r.id))?.seq ?? 0;

    const off = await api.post(`/api/v1/dishes/${dish.id}/availability`, { available: false });
    expect(off.status).toBe(200);
    expect(off.body.dish).toEqual({ dishId: dish.id, available: false, remaining: 10, soldOutByHand: true });
    // Again: nothing changes, nothing is announced.
    expect((await api.post(`/api/v1/dishes/${dish.id}/availability`, { available: false })).status).toBe(200);
    const events = await models(db).Event.findAll({ where: { restaurantId: r.id }, order: [['seq', 'ASC']] });
    const after = events.filter((e) => Number(e.seq) > Number(seqBefore));
    expect(after.map((e) => [e.type, e.data])).toEqual([
      ['menu.availability', { dishId: dish.id, available: false, remaining: 10, soldOutByHand: true }],
    ]);

    const menu = await client(node.url).get(`/api/v1/restaurants/${r.id}/menu`);
    expect(menu.body.categories[0].dishes[0]).toMatchObject({ id: dish.id, available: false, remaining: 10, soldOutByHand: true });
    const refused = await place(undefined, orderBody(r, [{ dishId: dish.id }]));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'out_of_stock',
      details: [{ field: 'items.0.dishId', dishId: dish.id, message: 'sold out' }],
    });
    // Nothing was taken.
    expect((await models(db).Ingredient.findByPk(dish.ingredientId!))!.quantity).toBe(10);

    // Stock received while it is off: still off, the count says what is left.
    const manager = await makeUser(db, 'manager', [r.id]);
    const received = await client(node.url, manager.token).post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, {
      delta: -10,
      reason: 'waste',
    });
    expect(received.status).toBe(201);
    const restock = await client(node.url, manager.token).post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, {
      delta: 3,
      reason: 'receive',
    });
    expect(restock.status).toBe(201);
    const lastEvents = await models(db).Event.findAll({
      where: { restaurantId: r.id, type: 'menu.availability' },
      order: [['seq', 'DESC']],
      limit: 1,
    });
    expect(lastEvents[0].data).toEqual({ dishId: dish.id, available: false, remaining: 3, soldOutByHand: true });

    const on = await api.post(`/api/v1/dishes/${dish.id}/availability`, { available: true });
    expect(on.body.dish).toEqual({ dishId: dish.id, available: true, remaining: 3, soldOutByHand: false });
    expect((await place(undefined, orderBody(r, [{ dishId: dish.id }]))).status).toBe(201);
  });

  it('an order racing an 86 either commits before it or is refused', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const dish = await makeDish(db, r, { stock: 1000 });
    for (let round = 0; round < 6; round++) {
      const orders = Array.from({ length: 6 }, () => place(undefined, orderBody(r, [{ dishId: dish.id }])));
      const off = client(node.url, manager.token).post(`/api/v1/dishes/${dish.id}/availability`, { available: false });
      const [offRes, ...answers] = await Promise.all([off, ...orders]);
      expect(offRes.status).toBe(200);
      expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.error.code === 'out_of_stock'))).toBe(true);
      // Every placed order's event comes before the 86's in the restaurant's log.
      const events = await models(db).Event.findAll({ where: { restaurantId: r.id }, order: [['seq', 'ASC']] });
      const offSeq = Number(events.filter((e) => e.type === 'menu.availability').at(-1)!.seq);
      const placedIds = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.order.id));
      const created = events.filter((e) => e.type === 'order.created' && placedIds.has((e.data as { id: string }).id));
      expect(created).toHaveLength(placedIds.size);
      for (const e of created) expect(Number(e.seq)).toBeLessThan(offSeq);
      expect((await client(node.url, manager.token).post(`/api/v1/dishes/${dish.id}/availability`, { available: true })).status).toBe(200);
    }
  });

  it('refuses others: hosts, other restaurants, devices, strangers; junk bodies name the field', async () => {
    const r = await makeRestaurant(db);
    const other = await makeRestaurant(db);
    const dish = await makeDish(db, r);
    const [host, stranger, guest, manager] = await Promise.all([
      makeUser(db, 'host', [r.id]),
      makeUser(db, 'manager', [other.id]),
      makeUser(db, 'guest'),
      makeUser(db, 'manager', [r.id]),
    ]);
    const kitchenScreen = await makeDevice(db, r.id, 'kitchen');
    expect((await client(node.url).post(`/api/v1/dishes/${dish.id}/availability`, { available: false })).status).toBe(401);
    for (const t of [host.token, stranger.token, guest.token, kitchenScreen.token]) {
      expect((await client(node.url, t).post(`/api/v1/dishes/${dish.id}/availability`, { available: false })).status).toBe(403);
    }
    const api = client(node.url, manager.token);
    for (const body of [{}, { available: 'no' }, { available: null }, []]) {
      const res = await api.post(`/api/v1/dishes/${dish.id}/availability`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation');
    }
    expect((await api.post(`/api/v1/dishes/${crypto.randomUUID()}/availability`, { available: false })).status).toBe(404);
    expect((await models(db).Dish.findByPk(dish.id))!.soldOutAt).toBeNull();
  });
});

describe('inventory ledger and counts', () => {
  it('lists every movement with who, why and the quantity after, newest first, in pages; a count sets the quantity', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const dish = await makeDish(db, r, { stock: 10 });
    const otherDish = await makeDish(db, r, { stock: 5, name: 'Tea' });
    const api = client(node.url, manager.token);
    const order = await place(undefined, orderBody(r, [{ dishId: dish.id, quantity: 2 }]));
    expect(order.status).toBe(201);
    expect(
      (await api.post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, { delta: 4, reason: 'receive', note: 'morning delivery' }))
        .status,
    ).toBe(201);
    expect(
      (await api.post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, { delta: -1, reason: 'waste', note: 'dropped' })).status,
    ).toBe(201);
    const counted = await api.post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, { quantity: 9.5, reason: 'count' });
    expect(counted.status).toBe(201);
    expect(counted.body.ingredient.quantity).toBe(9.5);
    expect((await api.post(`/api/v1/inventory/${otherDish.ingredientId}/adjustments`, { delta: 1, reason: 'correction' })).status).toBe(
      201,
    );

    const all = await api.get<{ movements: StockMovementView[]; nextBefore: number | null }>(
      `/api/v1/restaurants/${r.id}/inventory/movements`,
    );
    expect(all.status).toBe(200);
    expect(all.body.movements.map((m) => [m.reason, m.delta, m.quantityAfter])).toEqual([
      ['correction', 1, 6],
      ['count', -1.5, 9.5],
      ['waste', -1, 11],
      ['receive', 4, 12],
      ['order', -2, 8],
    ]);
    expect(all.body.movements[2]).toMatchObject({
      note: 'dropped',
      actorKind: 'user',
      actorName: 'Test manager',
      name: 'Rice',
      unit: 'portion',
    });
    expect(all.body.movements[4]).toMatchObject({
      orderId: order.body.order.id,
      orderNumber: order.body.order.number,
      actorKind: 'anonymous',
      actorName: null,
    });
    expect(all.body.nextBefore).toBeNull();

    const page1 = await api.get(`/api/v1/restaurants/${r.id}/inventory/movements?ingredientId=${dish.ingredientId}&limit=2`);
    expect(page1.body.movements.map((m: StockMovementView) => m.reason)).toEqual(['count', 'waste']);
    const page2 = await api.get(
      `/api/v1/restaurants/${r.id}/inventory/movements?ingredientId=${dish.ingredientId}&limit=2&before=${page1.body.nextBefore}`,
    );
    expect(page2.body.movements.map((m: StockMovementView) => m.reason)).toEqual(['receive', 'order']);

    for (const q of ['limit=0', 'limit=abc', 'ingredientId=nope', 'before=-1']) {
      const res = await api.get(`/api/v1/restaurants/${r.id}/inventory/movements?${q}`);
      expect(res.status).toBe(400);
    }
    for (const body of [
      { reason: 'count' },
      { quantity: 3, reason: 'receive' },
      { quantity: 3, delta: 1, reason: 'count' },
      { quantity: -1, reason: 'count' },
    ]) {
      expect((await api.post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, body)).status).toBe(400);
    }
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const stranger = await makeUser(db, 'manager', [(await makeRestaurant(db)).id]);
    for (const t of [chef.token, stranger.token]) {
      expect((await client(node.url, t).get(`/api/v1/restaurants/${r.id}/inventory/movements`)).status).toBe(403);
    }
  });
});

describe('GET /cluster/health', () => {
  it('gives each node’s sockets, loop lag, memory and pool, and the database and Redis as pinged now', async () => {
    const manager = await makeUser(db, 'manager', []);
    let health: ClusterHealth | null = null;
    for (let i = 0; i < 40 && !health?.nodes.some((n) => n.id === node.services.config.nodeId); i++) {
      const res = await client(node.url, manager.token).get<ClusterHealth>('/api/v1/cluster/health');
      expect(res.status).toBe(200);
      health = res.body;
      if (!health.nodes.some((n) => n.id === node.services.config.nodeId)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(health!.database).toEqual({ ok: true, configured: true, pingMs: expect.any(Number) });
    expect(health!.redis).toEqual({ ok: true, configured: true, pingMs: expect.any(Number) });
    expect(health!.answeredBy).toBe(node.services.config.nodeId);
    const mine = health!.nodes.find((n) => n.id === node.services.config.nodeId)!;
    expect(mine.eventLoopLagP50Ms).toBeGreaterThanOrEqual(0);
    expect(mine.eventLoopLagP99Ms).toBeGreaterThanOrEqual(mine.eventLoopLagP50Ms!);
    expect(mine.heapTotalBytes).toBeGreaterThanOrEqual(mine.heapUsedBytes);
    expect(mine.dbPool).toMatchObject({ max: 5 });
    const chef = await makeUser(db, 'kitchen', []);
    expect((await client(node.url, chef.token).get('/api/v1/cluster/health')).status).toBe(403);
    expect((await client(node.url).get('/api/v1/cluster/health')).status).toBe(401);
  });
});
