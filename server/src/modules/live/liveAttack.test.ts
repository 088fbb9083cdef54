import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
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

function expectCleanRefusal(what: string, res: { status: number; body: any }, field?: string): void {
  const fields = res.body?.error?.code === 'validation' ? (res.body.error.details ?? []).map((d: { field: string }) => d.field) : [];
  expect({
    what,
    status: res.status >= 400 && res.status < 500,
    code: typeof res.body?.error?.code,
    ...(field ? { field: fields.includes(field) } : {}),
  }).toEqual({
    what,
    status: true,
    code: 'string',
    ...(field ? { field: true } : {}),
  });
}

describe('live, ledger, counts and 86 under attack', () => {
  it('answers query abuse on the ledger with 400 naming the field, and another restaurant’s ingredient with nothing', async () => {
    const a = await makeRestaurant(db);
    const b = await makeRestaurant(db);
    const dishB = await makeDish(db, b, { stock: 5 });
    const manager = await makeUser(db, 'manager', [a.id]);
    const c = client(node.url, manager.token);
    for (const [q, field] of [
      ['limit=1e9', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=0', 'limit'],
      ['limit=NaN', 'limit'],
      ['before=garbage', 'before'],
      ['before=0', 'before'],
      ['before=1e30', 'before'],
      ['before=-5', 'before'],
      ['ingredientId=x', 'ingredientId'],
    ]) {
      expectCleanRefusal(q, await c.get(`/api/v1/restaurants/${a.id}/inventory/movements?${q}`), field);
    }
    const other = await c.get(`/api/v1/restaurants/${a.id}/inventory/movements?ingredientId=${dishB.ingredientId}`);
    expect(other.body.movements).toEqual([]);
    expectCleanRefusal('B ledger', await c.get(`/api/v1/restaurants/${b.id}/inventory/movements`));
    expectCleanRefusal('B live', await c.get(`/api/v1/restaurants/${b.id}/live`));
    expectCleanRefusal('bad id live', await c.get(`/api/v1/restaurants/nope/live`), 'restaurantId');
  });

  it('shows a manager no guest’s account name in the ledger', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 5 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const guest = await makeUser(db, 'guest');
    await db.query(`UPDATE users SET name = 'Perpetua Lindqvist-Oyelaran' WHERE id = '${guest.id}'`);
    const placed = await client(node.url, guest.token).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    const ledger = await client(node.url, manager.token).get(`/api/v1/restaurants/${r.id}/inventory/movements`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.movements.some((m: { reason: string }) => m.reason === 'order')).toBe(true);
    expect(JSON.stringify(ledger.body)).not.toContain('Perpetua');
    expect(ledger.body.movements[0]).toMatchObject({ reason: 'order', actorKind: 'guest', actorName: null });
  });

  it('refuses junk counts and junk 86 bodies, other restaurants and screens, and writes nothing', async () => {
    const a = await makeRestaurant(db);
    const b = await makeRestaurant(db);
    const dish = await makeDish(db, a, { stock: 5 });
    const manager = await makeUser(db, 'manager', [a.id]);
    const c = client(node.url, manager.token);
    for (const body of [
      { reason: 'count', quantity: -1 },
      { reason: 'count', quantity: '5' },
      { reason: 'count', quantity: 1e7 },
      { reason: 'count', quantity: 0.0001 },
      { reason: 'count', quantity: null },
      { reason: 'waste', quantity: 3 },
      { reason: 'count', quantity: 3, delta: 1 },
      [{ reason: 'count', quantity: 3 }],
      { reason: 'count', quantity: 3, note: 'x'.repeat(110_000) },
    ]) {
      expectCleanRefusal(JSON.stringify(body).slice(0, 50), await c.post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, body));
    }
    for (const body of [{}, { available: 'false' }, { available: 0 }, { available: null }, [false], 'false']) {
      expectCleanRefusal(`86 ${JSON.stringify(body)}`, await c.post(`/api/v1/dishes/${dish.id}/availability`, body));
    }
    expectCleanRefusal('86 bad id', await c.post(`/api/v1/dishes/x/availability`, { available: false }), 'dishId');
    for (const token of [
      (await makeUser(db, 'manager', [b.id])).token,
      (await makeUser(db, 'host', [a.id])).token,
      (await makeDevice(db, a.id, 'kitchen')).token,
      (await makeDevice(db, a.id, 'kiosk')).token,
      (await makeUser(db, 'guest')).token,
      undefined,
    ]) {
      expectCleanRefusal(
        '86 by outsider',
        await client(node.url, token).post(`/api/v1/dishes/${dish.id}/availability`, { available: false }),
      );
      expectCleanRefusal(
        'count by outsider',
        await client(node.url, token).post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, { reason: 'count', quantity: 0 }),
      );
      expectCleanRefusal('live by outsider', await client(node.url, token).get(`/api/v1/restaurants/${a.id}/live`));
    }
    const row = await one<{ q: number; sold: boolean; moves: number }>(
      db,
      `SELECT i.quantity::float AS q, (SELECT sold_out_at IS NOT NULL FROM dishes WHERE id = $dish) AS sold,
              (SELECT count(*)::int FROM stock_movements WHERE ingredient_id = i.id AND reason <> 'seed') AS moves
         FROM ingredients i WHERE i.id = $ing`,
      { dish: dish.id, ing: dish.ingredientId },
    );
    expect(row).toEqual({ q: 5, sold: false, moves: 0 });
  });

  it('86es once and counts right under double submits', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 5 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const c = client(node.url, manager.token);
    const n = () => one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM events WHERE restaurant_id = $id', { id: r.id });
    const before = (await n())!.n;
    const offs = await Promise.all([1, 2, 3, 4].map(() => c.post(`/api/v1/dishes/${dish.id}/availability`, { available: false })));
    expect(offs.map((o) => o.status)).toEqual([200, 200, 200, 200]);
    expect((await n())!.n - before).toBe(1);
    const counts = await Promise.all(
      [1, 2, 3].map(() => c.post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, { reason: 'count', quantity: 2 })),
    );
    expect(counts.map((o) => o.status)).toEqual([201, 201, 201]);
    const q = await one<{ q: number; sum: number }>(
      db,
      `SELECT quantity::float AS q, (SELECT sum(delta)::float FROM stock_movements WHERE ingredient_id = $ing AND reason = 'count') AS sum FROM ingredients WHERE id = $ing`,
      { ing: dish.ingredientId },
    );
    expect(q).toEqual({ q: 2, sum: -3 });
  });

  it('shows cluster health to managers only, with no address or secret in it', async () => {
    const r = await makeRestaurant(db);
    for (const token of [
      (await makeUser(db, 'kitchen', [r.id])).token,
      (await makeDevice(db, r.id, 'kitchen')).token,
      (await makeUser(db, 'guest')).token,
      undefined,
    ]) {
      expectCleanRefusal('cluster', await client(node.url, token).get('/api/v1/cluster/health'));
    }
    const ok = await client(node.url, (await makeUser(db, 'manager', [r.id])).token).get('/api/v1/cluster/health');
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).not.toMatch(/postgres:|redis:\/\/|password|secret/i);
  });
});
