import type { Sequelize } from 'sequelize';
import type { CreationAttributes } from 'sequelize';
import { one } from '../../db/sql';
import { models, type Promotion } from '../../models';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody, TEST_CARD, type TestRestaurant } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

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

const text = (s: string) => ({ en: s, 'zh-Hant': `${s}（繁）`, 'zh-Hans': `${s}（简）` });

async function promotion(r: TestRestaurant, p: Partial<CreationAttributes<Promotion>> & { names: ReturnType<typeof text> }) {
  return models(db).Promotion.create({ restaurantId: r.id, code: null, kind: 'amount', value: 1000, ...p });
}

/** A restaurant with mains and drinks, a free dessert above HK$250, spend-and-save, a category discount and codes. */
async function promoRestaurant(opts: { puddingStock?: number } = {}) {
  const r = await makeRestaurant(db, { serviceChargeBps: 1000, taxRateBps: 500 });
  const drinks = await models(db).Category.create({ restaurantId: r.id, names: text('Drinks') });
  const main = await makeDish(db, r, { priceCents: 12345, stock: 100, name: 'Roast duck' });
  const noodles = await makeDish(db, r, { priceCents: 6800, stock: 100, name: 'Noodles', withSizes: true });
  const tea = await models(db).Dish.create({
    restaurantId: r.id,
    categoryId: drinks.id,
    stationId: r.stationId,
    names: text('Milk tea'),
    descriptions: text('Silky'),
    priceCents: 2550,
  });
  const pudding = await makeDish(db, r, { priceCents: 4800, stock: opts.puddingStock ?? 100, name: 'Mango pudding' });
  const rules = {
    save30: await promotion(r, { names: text('Spend HK$300, save HK$30'), kind: 'amount', value: 3000, minSubtotalCents: 30000, sort: 1 }),
    drinks: await promotion(r, { names: text('Drinks 20% off'), kind: 'percent', value: 20, categoryId: drinks.id, priority: 5 }),
    pudding: await promotion(r, {
      names: text('Free mango pudding over HK$250'),
      kind: 'free_item',
      value: 1,
      freeDishId: pudding.id,
      minSubtotalCents: 25000,
      sort: 2,
    }),
    welcome: await promotion(r, { names: text('Welcome 10%'), code: 'WELCOME10', kind: 'percent', value: 10, priority: 10 }),
    first: await promotion(r, { names: text('First order HK$30 off'), code: 'FIRST', kind: 'amount', value: 3000, perGuestLimit: 1 }),
  };
  return { r, main, noodles, tea, pudding, rules };
}

const TOTALS = ['subtotalCents', 'discountCents', 'serviceChargeCents', 'taxCents', 'totalCents'] as const;
const totalsOf = (o: Record<string, unknown>) => Object.fromEntries(TOTALS.map((k) => [k, o[k]]));

describe('the preview', () => {
  it('equals what placing the same order charges, for several carts', async () => {
    const { r, main, noodles, tea, pudding, rules } = await promoRestaurant();
    const guest = await makeUser(db, 'guest');
    const [regular, large] = noodles.sizeOptionIds;
    const carts: { name: string; body: Record<string, unknown>; token?: string; promotions: string[] }[] = [
      { name: 'nothing applies', body: orderBody(r, [{ dishId: noodles.id, modifierIds: [regular] }]), promotions: [] },
      { name: 'a drink: the category discount', body: orderBody(r, [{ dishId: tea.id, quantity: 3 }]), promotions: [rules.drinks.id] },
      {
        name: 'over 250: the free pudding, and drinks',
        body: orderBody(r, [{ dishId: main.id, quantity: 2 }, { dishId: tea.id }]),
        promotions: [rules.drinks.id, rules.pudding.id],
      },
      {
        name: 'over 300 with a code: everything stacks',
        body: orderBody(
          r,
          [
            { dishId: main.id, quantity: 2 },
            { dishId: noodles.id, modifierIds: [large] },
          ],
          { promoCode: 'welcome10' },
        ),
        promotions: [rules.welcome.id, rules.save30.id, rules.pudding.id],
      },
      {
        name: 'a signed-in guest’s once-only code, by card',
        body: orderBody(r, [{ dishId: main.id }], { promoCode: 'FIRST', paymentMethod: 'card', card: TEST_CARD }),
        token: guest.token,
        promotions: [rules.first.id],
      },
    ];
    for (const cart of carts) {
      const api = client(nodeA.url, cart.token);
      const preview = await api.post('/api/v1/orders/preview', cart.body);
      expect({ cart: cart.name, status: preview.status }).toEqual({ cart: cart.name, status: 200 });
      expect(preview.body.promotions.map((p: { id: string }) => p.id)).toEqual(cart.promotions);
      const placed = await client(nodeB.url, cart.token).post('/api/v1/orders', cart.body, { 'idempotency-key': idempotencyKey() });
      expect({ cart: cart.name, status: placed.status }).toEqual({ cart: cart.name, status: 201 });
      const order = placed.body.order;
      expect({ cart: cart.name, ...totalsOf(order) }).toEqual({ cart: cart.name, ...totalsOf(preview.body) });
      expect(order.promotions.map((p: { id: string; amountCents: number }) => [p.id, p.amountCents])).toEqual(
        preview.body.promotions.map((p: { id: string; amountCents: number }) => [p.id, p.amountCents]),
      );
      expect(order.promotions.reduce((s: number, p: { amountCents: number }) => s + p.amountCents, 0)).toBe(order.discountCents);
      // The free dish is a line of the order, cooked and charged at its price with the same off.
      const free = order.items.filter((i: { dishId: string }) => i.dishId === pudding.id);
      expect(free.length).toBe(cart.promotions.includes(rules.pudding.id) ? 1 : 0);
      expect(preview.body.freeItems.map((f: { dishId: string }) => f.dishId)).toEqual(free.map((i: { dishId: string }) => i.dishId));
    }
  });

  it('shows names in the asked language, the amounts rounded to the cent, and the next threshold', async () => {
    const { r, main, tea, rules } = await promoRestaurant();
    const api = client(nodeA.url);
    const res = await api.post('/api/v1/orders/preview?lang=zh-Hant', orderBody(r, [{ dishId: main.id }, { dishId: tea.id }]));
    expect(res.status).toBe(200);
    // 123.45 + 25.50 = 148.95; drinks 20% of 25.50 = 5.10; service 10% of 143.85 = 14.39 (14.385 up); tax 5% of 158.24 = 7.91
    expect(res.body).toEqual({
      subtotalCents: 14895,
      discountCents: 510,
      serviceChargeCents: 1439,
      taxCents: 791,
      totalCents: 14895 - 510 + 1439 + 791,
      currency: 'HKD',
      promotions: [{ id: rules.drinks.id, name: 'Drinks 20% off（繁）', amountCents: 510 }],
      nextThreshold: { spendMoreCents: 25000 - 14895, saveCents: 4800, promotionName: 'Free mango pudding over HK$250（繁）' },
      unavailable: [],
      freeItems: [],
      promoCodeProblem: null,
    });
  });

  it('writes nothing and takes no stock; names what cannot be had; needs no Idempotency-Key', async () => {
    const { r, main, noodles, pudding } = await promoRestaurant({ puddingStock: 0 });
    const short = await makeDish(db, r, { priceCents: 3000, stock: 2, name: 'Last two' });
    const manager = await makeUser(db, 'manager', [r.id]);
    await client(nodeA.url, manager.token).post(`/api/v1/dishes/${noodles.id}/availability`, { available: false });
    const before = await one<{ orders: number; stock: number }>(
      db,
      `SELECT (SELECT count(*)::int FROM orders WHERE restaurant_id = $r) AS orders,
              (SELECT sum(quantity)::float FROM ingredients WHERE restaurant_id = $r) AS stock`,
      { r: r.id },
    );
    const res = await client(nodeA.url).post(
      '/api/v1/orders/preview',
      orderBody(r, [
        { dishId: main.id, quantity: 3 },
        { dishId: noodles.id, modifierIds: [noodles.sizeOptionIds[0]] },
        { dishId: short.id, quantity: 3 },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body.unavailable).toEqual([{ dishId: noodles.id }, { dishId: short.id }]);
    // Over the threshold, but the free pudding is out of stock: not given, not replaced.
    expect(res.body.freeItems).toEqual([]);
    expect(res.body.promotions.map((p: { id: string }) => p.id)).not.toContain(pudding.id);
    const after = await one(
      db,
      `SELECT (SELECT count(*)::int FROM orders WHERE restaurant_id = $r) AS orders,
              (SELECT sum(quantity)::float FROM ingredients WHERE restaurant_id = $r) AS stock`,
      { r: r.id },
    );
    expect(after).toEqual(before);
    // The order of the available lines charges what the preview said, without the pudding.
    const body = orderBody(r, [{ dishId: main.id, quantity: 3 }]);
    const preview = await client(nodeA.url).post('/api/v1/orders/preview', body);
    const placed = await client(nodeA.url).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() });
    expect(placed.status).toBe(201);
    expect(totalsOf(placed.body.order)).toEqual(totalsOf(preview.body));
    expect(placed.body.order.items.map((i: { dishId: string }) => i.dishId)).toEqual([main.id]);
  });

  it('refuses bad input naming the field, an unknown code, another restaurant’s dish and channels not open to the caller', async () => {
    const { r, main } = await promoRestaurant();
    const other = await makeRestaurant(db);
    const otherDish = await makeDish(db, other, {});
    const api = client(nodeA.url);
    const cases: [unknown, number, string][] = [
      [{ ...orderBody(r, [{ dishId: main.id }]), items: [] }, 400, 'items'],
      [{ ...orderBody(r, [{ dishId: main.id, quantity: 100 }]) }, 400, 'items.0.quantity'],
      [{ ...orderBody(r, [{ dishId: 'junk' }]) }, 400, 'items.0.dishId'],
      [orderBody(r, [{ dishId: otherDish.id }]), 400, 'items.0.dishId'],
      [orderBody(r, [{ dishId: main.id }], { promoCode: 'NOPE' }), 400, 'promoCode'],
      [orderBody(r, [{ dishId: main.id }], { promoCode: 'x'.repeat(41) }), 400, 'promoCode'],
      [orderBody(r, [{ dishId: main.id }], { channel: 'drone' }), 400, 'channel'],
      [orderBody(r, [{ dishId: main.id }], { tableId: other.tableId }), 400, 'tableId'],
      ['not json at all', 400, ''],
    ];
    for (const [body, status, field] of cases) {
      const res = await api.post('/api/v1/orders/preview', body);
      expect({ field, status: res.status }).toEqual({ field, status });
      if (field) expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await api.post('/api/v1/orders/preview', orderBody(r, [{ dishId: main.id }], { channel: 'staff' }))).status).toBe(401);
    const kioskElsewhere = await makeDevice(db, other.id, 'kiosk');
    const res = await client(nodeA.url, kioskElsewhere.token).post(
      '/api/v1/orders/preview',
      orderBody(r, [{ dishId: main.id }], { channel: 'kiosk' }),
    );
    expect(res.status).toBe(403);
    // What only paying needs may wait for checkout: a card order without its card, a room charge without the room.
    for (const paymentMethod of ['card', 'room']) {
      const res = await api.post('/api/v1/orders/preview', orderBody(r, [{ dishId: main.id }], { paymentMethod }));
      expect({ paymentMethod, status: res.status }).toEqual({ paymentMethod, status: 200 });
    }
    const withPin = await api.post('/api/v1/orders/preview', orderBody(r, [{ dishId: main.id }], { roomPin: '1234' }));
    expect(withPin.body.error.details).toEqual([expect.objectContaining({ field: 'roomPin' })]);
    const missing = orderBody({ ...r, id: '00000000-0000-4000-8000-000000000000' }, [{ dishId: main.id }]);
    expect((await api.post('/api/v1/orders/preview', missing)).status).toBe(404);
    // A code whose condition is not met: the preview says why, the order is refused on the same field.
    const under = orderBody(r, [{ dishId: main.id }], { promoCode: 'FIRST' });
    const preview = await api.post('/api/v1/orders/preview', under);
    expect(preview.status).toBe(200);
    expect(preview.body.promoCodeProblem).toBe('needs a signed-in guest account');
    const placed = await api.post('/api/v1/orders', under, { 'idempotency-key': idempotencyKey() });
    expect(placed.status).toBe(400);
    expect(placed.body.error.details).toEqual([
      expect.objectContaining({ field: 'promoCode', message: 'needs a signed-in guest account' }),
    ]);
  });

  it('is rate limited like other anonymous calls', async () => {
    const node = await startTestNode({ config: { rateLimitPerMinute: 3 } });
    try {
      const { r, main } = await promoRestaurant();
      const api = client(node.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await api.post('/api/v1/orders/preview', orderBody(r, [{ dishId: main.id }]))).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await node.close();
    }
  });
});

describe('per-guest limits', () => {
  it('two orders of one guest racing for a once-per-guest code: exactly one gets it', async () => {
    const { r, main, rules } = await promoRestaurant();
    const guest = await makeUser(db, 'guest');
    const body = orderBody(r, [{ dishId: main.id }], { promoCode: 'FIRST' });
    const results = await Promise.all(
      [nodeA, nodeB, nodeA, nodeB].map((n) =>
        client(n.url, guest.token).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() }),
      ),
    );
    const ok = results.filter((x) => x.status === 201);
    expect(ok).toHaveLength(1);
    expect(ok[0].body.order.promotions.map((p: { id: string }) => p.id)).toEqual([rules.first.id]);
    for (const x of results.filter((y) => y.status !== 201)) {
      expect(x.status).toBe(400);
      expect(x.body.error.details).toEqual([expect.objectContaining({ field: 'promoCode', message: 'already used' })]);
    }
    const usage = await one<{ uses: number }>(db, 'SELECT uses FROM promotion_usage WHERE promotion_id = $p AND guest_key = $k', {
      p: rules.first.id,
      k: `user:${guest.id}`,
    });
    expect(usage).toEqual({ uses: 1 });
    // Another guest still has theirs; the preview of the first guest says it is used.
    const other = await makeUser(db, 'guest');
    expect((await client(nodeA.url, other.token).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() })).status).toBe(201);
    expect((await client(nodeA.url, guest.token).post('/api/v1/orders/preview', body)).body.promoCodeProblem).toBe('already used');
  });

  it('racing orders for an automatic once-per-guest offer: one is discounted, the others charged in full', async () => {
    const { r, main } = await promoRestaurant();
    const once = await promotion(r, { names: text('Once: HK$12 off'), kind: 'amount', value: 1200, perGuestLimit: 1, priority: 50 });
    const guest = await makeUser(db, 'guest');
    const body = orderBody(r, [{ dishId: main.id }]);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client((i % 2 ? nodeA : nodeB).url, guest.token).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() }),
      ),
    );
    expect(results.map((x) => x.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const discounted = results.filter((x) => x.body.order.promotions.some((p: { id: string }) => p.id === once.id));
    expect(discounted).toHaveLength(1);
    expect(discounted[0].body.order.discountCents).toBe(1200);
    for (const x of results.filter((y) => !discounted.includes(y))) expect(x.body.order.discountCents).toBe(0);
    // Not for callers that are not a guest account: anonymous, a kiosk, staff.
    const kiosk = await makeDevice(db, r.id, 'kiosk');
    const staff = await makeUser(db, 'host', [r.id]);
    for (const [token, channel] of [
      [undefined, 'web'],
      [kiosk.token, 'kiosk'],
      [staff.token, 'staff'],
    ] as const) {
      const res = await client(nodeA.url, token).post('/api/v1/orders', { ...body, channel }, { 'idempotency-key': idempotencyKey() });
      expect(res.status).toBe(201);
      expect(res.body.order.discountCents).toBe(0);
    }
  });

  it('an order refused for stock takes no use', async () => {
    const { r, rules } = await promoRestaurant();
    const scarce = await makeDish(db, r, { priceCents: 20000, stock: 1, name: 'Scarce' });
    const guest = await makeUser(db, 'guest');
    const api = client(nodeA.url, guest.token);
    const tooMany = await api.post('/api/v1/orders', orderBody(r, [{ dishId: scarce.id, quantity: 2 }], { promoCode: 'FIRST' }), {
      'idempotency-key': idempotencyKey(),
    });
    expect(tooMany.status).toBe(409);
    const ok = await api.post('/api/v1/orders', orderBody(r, [{ dishId: scarce.id }], { promoCode: 'FIRST' }), {
      'idempotency-key': idempotencyKey(),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.order.promotions.map((p: { id: string }) => p.id)).toEqual([rules.first.id]);
  });
});

describe('a cancelled order', () => {
  it('gives its guest the once-per-guest code back', async () => {
    const { r, main, rules } = await promoRestaurant();
    const guest = await makeUser(db, 'guest');
    const api = client(nodeA.url, guest.token);
    const body = orderBody(r, [{ dishId: main.id }], { promoCode: 'FIRST' });
    const first = await api.post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() });
    expect(first.status).toBe(201);
    expect((await api.post('/api/v1/orders/preview', body)).body.promoCodeProblem).toBe('already used');
    expect((await api.post(`/api/v1/orders/${first.body.order.id}/cancel`, {})).status).toBe(200);
    const again = await api.post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() });
    expect(again.status).toBe(201);
    expect(again.body.order.promotions.map((p: { id: string }) => p.id)).toEqual([rules.first.id]);
    expect((await api.post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() })).status).toBe(400);
  });
});

describe('a free dish', () => {
  it('with one portion left and orders racing for it: one gets it, the others are placed without it', async () => {
    const { r, main, pudding, rules } = await promoRestaurant({ puddingStock: 1 });
    const body = orderBody(r, [{ dishId: main.id, quantity: 3 }]);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client((i % 2 ? nodeA : nodeB).url).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() }),
      ),
    );
    expect(results.map((x) => x.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const withPudding = results.filter((x) => x.body.order.items.some((i: { dishId: string }) => i.dishId === pudding.id));
    expect(withPudding).toHaveLength(1);
    expect(withPudding[0].body.order.promotions.map((p: { id: string }) => p.id)).toContain(rules.pudding.id);
    for (const x of results.filter((y) => !withPudding.includes(y))) {
      expect(x.body.order.promotions.map((p: { id: string }) => p.id)).not.toContain(rules.pudding.id);
      expect(x.body.order.totalCents).toBe(withPudding[0].body.order.totalCents);
    }
    const left = await one<{ quantity: string }>(db, 'SELECT quantity FROM ingredients WHERE id = $id', { id: pudding.ingredientId });
    expect(Number(left!.quantity)).toBe(0);
  });
});

describe('orders show their promotions', () => {
  it('to staff and the owner, with names in every language; not to the kitchen', async () => {
    const { r, main, tea, rules } = await promoRestaurant();
    const placed = await client(nodeA.url).post('/api/v1/orders', orderBody(r, [{ dishId: main.id, quantity: 2 }, { dishId: tea.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    const expected = [
      { id: rules.drinks.id, name: 'Drinks 20% off', names: text('Drinks 20% off'), amountCents: 510 },
      { id: rules.pudding.id, name: 'Free mango pudding over HK$250', names: text('Free mango pudding over HK$250'), amountCents: 4800 },
    ];
    expect(placed.body.order.promotions).toEqual(expected);
    const staff = await makeUser(db, 'manager', [r.id]);
    const list = await client(nodeB.url, staff.token).get(`/api/v1/restaurants/${r.id}/orders`);
    expect(list.body.orders.find((o: { id: string }) => o.id === placed.body.order.id).promotions).toEqual(expected);
    const owner = await client(nodeB.url).get(`/api/v1/orders/${placed.body.order.id}?token=${encodeURIComponent(placed.body.orderToken)}`);
    expect(owner.body.order.promotions).toEqual(expected);
    const kitchen = await makeDevice(db, r.id, 'kitchen');
    const seen = await client(nodeB.url, kitchen.token).get(`/api/v1/orders/${placed.body.order.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.order).not.toHaveProperty('promotions');
    expect(seen.body.order.discountCents).toBe(5310);
  });
});
