import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../../node';
import { DECLINED_CARD, TEST_CARD, makeDish, makeInHouseGuest, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';
import { one } from '../../db/sql';

let db: Sequelize;
let nodeA: DinewireNode;
let nodeB: DinewireNode;

beforeAll(async () => {
  db = testSequelize();
  [nodeA, nodeB] = await Promise.all([startTestNode({ redis: true }), startTestNode({ redis: true })]);
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await db?.close();
});

const stockOf = async (ingredientId: string) =>
  (await one<{ quantity: number }>(db, 'SELECT quantity FROM ingredients WHERE id = $ingredientId', { ingredientId }))!.quantity;

describe('placing an order', () => {
  it('computes totals on the server and hands out pickup numbers and an order token', async () => {
    const r = await makeRestaurant(db, { serviceChargeBps: 1000, taxRateBps: 500 });
    const dish = await makeDish(db, r, { priceCents: 8800, stock: 50, withSizes: true });
    const api = client(nodeA.url);
    const res = await api.post('/api/v1/orders', orderBody(r, [{ dishId: dish.id, quantity: 2, modifierIds: [dish.sizeOptionIds[1]] }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(res.status).toBe(201);
    const o = res.body.order;
    // (8800 + 1500) × 2 = 20600; service 10% = 2060; tax 5% of 22660 = 1133
    expect(o).toMatchObject({ subtotalCents: 20600, discountCents: 0, serviceChargeCents: 2060, taxCents: 1133, totalCents: 23793 });
    expect(o).toMatchObject({ status: 'placed', number: 1, currency: 'HKD', version: 1, paymentStatus: 'due' });
    expect(o.items[0]).toMatchObject({ dishId: dish.id, quantity: 2, status: 'queued', stationId: r.stationId });
    expect(typeof res.body.orderToken).toBe('string');
    expect(await stockOf(dish.ingredientId!)).toBe(48);

    const second = await api.post('/api/v1/orders', orderBody(r, [{ dishId: dish.id, modifierIds: [dish.sizeOptionIds[0]] }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(second.body.order.number).toBe(2);

    // The token reads the order; a stranger's request does not.
    const read = await api.get(`/api/v1/orders/${o.id}?token=${encodeURIComponent(res.body.orderToken)}`);
    expect(read.status).toBe(200);
    expect(read.body.order.id).toBe(o.id);
    expect((await api.get(`/api/v1/orders/${o.id}?token=${encodeURIComponent(second.body.orderToken)}`)).status).toBe(404);
  });

  it('refuses a missing required option, naming the field', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { withSizes: true });
    const res = await client(nodeA.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.details[0].field).toBe('items.0.modifierIds');
  });

  it('sells exactly the stock when 100 orders race over two nodes for 10 portions', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        client(i % 2 ? nodeA.url : nodeB.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
          'idempotency-key': idempotencyKey(),
        }),
      ),
    );
    const elapsed = Date.now() - started;
    const ok = results.filter((x) => x.status === 201);
    const refused = results.filter((x) => x.status === 409);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(90);
    for (const x of refused) {
      expect(x.body.error.code).toBe('out_of_stock');
      expect(x.body.error.details[0]).toMatchObject({ dishId: dish.id, remaining: 0 });
    }
    expect(await stockOf(dish.ingredientId!)).toBe(0);
    // Pickup numbers 1..10, no gaps, no repeats.
    expect(ok.map((x) => x.body.order.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const moves = await one<{ n: number; total: number }>(
      db,
      `SELECT count(*)::int AS n, sum(delta)::float AS total FROM stock_movements WHERE ingredient_id = $ingredientId AND reason = 'order'`,
      { ingredientId: dish.ingredientId },
    );
    expect(moves).toEqual({ n: 10, total: -10 });
    process.stdout.write(`race: 100 orders over 2 nodes in ${elapsed} ms (${Math.round(100000 / elapsed)} requests/s)\n`);
  });

  it('never deadlocks or oversells when racing orders share ingredients in different orders', async () => {
    const r = await makeRestaurant(db);
    const a = await makeDish(db, r, { stock: 30 });
    const b = await makeDish(db, r, { stock: 30 });
    // Each dish also needs the other's ingredient: orders lock both, whichever item comes first.
    await db.query('INSERT INTO recipe_lines (dish_id, ingredient_id, quantity) VALUES ($1, $2, 1), ($3, $4, 1)', {
      bind: [a.id, b.ingredientId, b.id, a.ingredientId],
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client(i % 2 ? nodeA.url : nodeB.url).post(
          '/api/v1/orders',
          orderBody(r, i % 2 ? [{ dishId: a.id }, { dishId: b.id }] : [{ dishId: b.id }, { dishId: a.id }]),
          { 'idempotency-key': idempotencyKey() },
        ),
      ),
    );
    expect(results.filter((x) => x.status === 201)).toHaveLength(15);
    expect(results.filter((x) => x.status === 409)).toHaveLength(25);
    expect(await stockOf(a.ingredientId!)).toBe(0);
    expect(await stockOf(b.ingredientId!)).toBe(0);
  });

  it('makes one order of 20 concurrent requests with one key, and refuses that key with another body', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 100 });
    const key = idempotencyKey();
    const body = orderBody(r, [{ dishId: dish.id, quantity: 2 }]);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client(i % 2 ? nodeA.url : nodeB.url).post('/api/v1/orders', body, { 'idempotency-key': key })),
    );
    expect(results.map((x) => x.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((x) => x.body.order.id)).size).toBe(1);
    expect(await stockOf(dish.ingredientId!)).toBe(98);
    const count = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM orders WHERE restaurant_id = $restaurantId', {
      restaurantId: r.id,
    });
    expect(count!.n).toBe(1);

    const other = await client(nodeA.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id, quantity: 3 }]), {
      'idempotency-key': key,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_mismatch');
  });

  it('leaves no order and no stock taken when the card is declined', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 5 });
    const staff = await makeUser(db, 'manager', [r.id]);
    const res = await client(nodeA.url).post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'card', card: DECLINED_CARD }),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ code: 'payment_declined', details: [{ field: 'card' }] });
    expect(await stockOf(dish.ingredientId!)).toBe(5);
    const kitchen = await client(nodeA.url, staff.token).get(`/api/v1/restaurants/${r.id}/orders`);
    expect(kitchen.body.orders).toEqual([]);
    const moves = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM stock_movements WHERE ingredient_id = $ingredientId', {
      ingredientId: dish.ingredientId,
    });
    expect(moves!.n).toBe(0);
  });

  it('captures an approved card, never stores its number, and refunds it on cancel', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 5, priceCents: 10000 });
    const api = client(nodeA.url);
    const res = await api.post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'card', card: TEST_CARD }), {
      'idempotency-key': idempotencyKey(),
    });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ paymentStatus: 'paid', cardLast4: '4242', totalCents: 11000 });
    const stored = await one<{ found: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM orders o WHERE o.id = $orderId AND row_to_json(o)::text LIKE '%4242424242424242%') AS found`,
      { orderId: res.body.order.id },
    );
    expect(stored!.found).toBe(false);
    const cancel = await api.post(`/api/v1/orders/${res.body.order.id}/cancel`, { token: res.body.orderToken });
    expect(cancel.status).toBe(200);
    expect(cancel.body.refund).toEqual({ amountCents: 11000, feeCents: 0 });
    expect(cancel.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(await stockOf(dish.ingredientId!)).toBe(5);
    // Capture and refund are jobs after commit: the processor's ledger gets there shortly.
    await eventually(async () => {
      const charge = await one<{ refunded_cents: number; captured_cents: number }>(
        db,
        'SELECT refunded_cents, captured_cents FROM sandbox_charges WHERE id = (SELECT processor_ref FROM orders WHERE id = $orderId)',
        { orderId: res.body.order.id },
      );
      expect(charge).toEqual({ refunded_cents: 11000, captured_cents: 11000 });
    }, 20_000);
    // A second cancel is not a transition, and refunds nothing twice.
    expect((await api.post(`/api/v1/orders/${res.body.order.id}/cancel`, { token: res.body.orderToken })).body.error.code).toBe(
      'invalid_transition',
    );
  });

  it('charges a room only for an in-house guest', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r);
    await makeInHouseGuest(db, '1208', 'Chan Tai Man', '4821');
    const api = client(nodeA.url);
    // A guest's phone gives the stay's PIN; the host charges by name (and gets the miss named by field).
    const host = client(nodeA.url, (await makeUser(db, 'host', [r.id])).token);
    const good = await api.post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id }], {
        paymentMethod: 'room',
        channel: 'room',
        roomNumber: '1208',
        guestName: 'chan  tai man',
        roomPin: '4821',
      }),
      { 'idempotency-key': idempotencyKey() },
    );
    expect(good.status).toBe(201);
    expect(good.body.order).toMatchObject({ paymentStatus: 'charged_to_room', roomNumber: '1208' });
    // The surname alone names the guest too (the kiosk's form asks for it), a middle name does not.
    const bySurname = await api.post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id }], {
        paymentMethod: 'room',
        channel: 'room',
        roomNumber: '1208',
        guestName: 'CHAN',
        roomPin: '4821',
      }),
      { 'idempotency-key': idempotencyKey() },
    );
    expect(bySurname.status).toBe(201);
    const byMiddleName = await host.post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'room', channel: 'room', roomNumber: '1208', guestName: 'Tai' }),
      { 'idempotency-key': idempotencyKey() },
    );
    expect(byMiddleName.status).toBe(400);
    const bad = await host.post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'room', channel: 'room', roomNumber: '1208', guestName: 'Somebody Else' }),
      { 'idempotency-key': idempotencyKey() },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['roomNumber', 'guestName']);
  });
});
