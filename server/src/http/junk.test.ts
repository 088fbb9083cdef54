import fc from 'fast-check';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../node';
import { makeDish, makeRestaurant, makeUser, type TestRestaurant } from '../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../test/harness';
import { one } from '../db/sql';

/**
 * Generated bad payloads on every write route: each answer is a 4xx JSON error with a stable
 * code, a validation error names its fields, nothing answers 500, and nothing is half-written.
 */

let db: Sequelize;
let node: DinewireNode;
let restaurant: TestRestaurant;
let manager: { token: string };
let ingredientId: string;
let dishId: string;

beforeAll(async () => {
  db = testSequelize();
  node = await startTestNode();
  restaurant = await makeRestaurant(db);
  const dish = await makeDish(db, restaurant, { stock: 1000, withSizes: true });
  dishId = dish.id;
  ingredientId = dish.ingredientId!;
  manager = await makeUser(db, 'manager', [restaurant.id]);
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

// JSON values of every shape, and near-misses of the real bodies.
const junkValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 50 }),
  fc.constantFrom(null, -1, 0, Number.POSITIVE_INFINITY, 99.5, 100, '', ' ', '<script>', '00000000-0000-0000-0000-000000000000', [], {}),
);

const routes = () => [
  {
    path: '/api/v1/orders',
    valid: { restaurantId: restaurant.id, channel: 'web', items: [{ dishId, quantity: 1 }], paymentMethod: 'counter' },
  },
  { path: '/api/v1/auth/login', valid: { email: 'a@b.example', password: 'x' } },
  { path: '/api/v1/auth/register', valid: { name: 'A', email: 'new@b.example', phone: '+852 9123 4567', password: 'long enough pw' } },
  { path: '/api/v1/auth/register/verify', valid: { code: `rg_${'A'.repeat(43)}` } },
  { path: '/api/v1/devices', valid: { restaurantId: restaurant.id, kind: 'kiosk' } },
  { path: '/api/v1/devices/pair', valid: { pairingCode: 'ABCDEFGH' } },
  { path: `/api/v1/inventory/${ingredientId}/adjustments`, valid: { delta: 5, reason: 'receive' } },
  { path: `/api/v1/orders/00000000-0000-4000-8000-000000000000/cancel`, valid: {} },
  { path: `/api/v1/kitchen/items/not-an-id/bump`, valid: {} },
];

function mutate(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    junkValue,
    // one field replaced by junk
    keys.length ? fc.tuple(fc.constantFrom(...keys), junkValue).map(([k, v]) => ({ ...valid, [k]: v })) : junkValue,
    // one field dropped
    keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))) : junkValue,
    // items with junk inside
    fc.record({ dishId: junkValue, quantity: junkValue, modifierIds: junkValue }).map((item) => ({ ...valid, items: [item] })),
  );
}

describe('junk input', () => {
  it('answers every generated bad body with a 4xx JSON error, never a 500', async () => {
    const before = await one<{ orders: number; stock: number }>(
      db,
      'SELECT (SELECT count(*)::int FROM orders WHERE restaurant_id = $restaurantId) AS orders, (SELECT quantity FROM ingredients WHERE id = $ingredientId) AS stock',
      { restaurantId: restaurant.id, ingredientId },
    );
    for (const route of routes()) {
      await fc.assert(
        fc.asyncProperty(mutate(route.valid), async (body) => {
          const res = await client(node.url, manager.token).post(route.path, body === undefined ? null : body, {
            'idempotency-key': idempotencyKey(),
          });
          if (res.status < 400) return; // a mutation can still be valid (e.g. dropping an optional field)
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body?.error?.code).toBe('string');
          expect(typeof res.body.error.message).toBe('string');
          if (res.body.error.code === 'validation') {
            expect(res.body.error.details.length).toBeGreaterThan(0);
            for (const d of res.body.error.details) expect(typeof d.field).toBe('string');
          }
        }),
        { numRuns: 60 },
      );
    }
    // Whatever was accepted was whole; whatever was refused left nothing behind.
    const after = await one<{ orders: number; stock: number }>(
      db,
      'SELECT (SELECT count(*)::int FROM orders WHERE restaurant_id = $restaurantId) AS orders, (SELECT quantity FROM ingredients WHERE id = $ingredientId) AS stock',
      { restaurantId: restaurant.id, ingredientId },
    );
    const taken = await one<{ qty: number }>(
      db,
      `SELECT coalesce(sum(i.quantity), 0)::int AS qty FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.restaurant_id = $restaurantId`,
      { restaurantId: restaurant.id },
    );
    const adjusted = await one<{ delta: number }>(
      db,
      `SELECT coalesce(sum(delta), 0)::float AS delta FROM stock_movements WHERE ingredient_id = $ingredientId AND reason NOT IN ('order', 'cancel')`,
      { ingredientId },
    );
    expect(after!.stock).toBeCloseTo(before!.stock - taken!.qty + adjusted!.delta, 3);
    expect(after!.orders).toBeGreaterThanOrEqual(before!.orders);
  });

  it('names the field of a bad value', async () => {
    const res = await client(node.url).post(
      '/api/v1/orders',
      { restaurantId: restaurant.id, channel: 'web', items: [{ dishId, quantity: 100 }], paymentMethod: 'counter' },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'items.0.quantity' })]);
    const noKey = await client(node.url).post('/api/v1/orders', { restaurantId: restaurant.id });
    expect(noKey.body.error.details[0].field).toBe('Idempotency-Key');
  });

  it('answers malformed JSON with 400 and a body over 100 kB with 413', async () => {
    const bad = await client(node.url).post('/api/v1/auth/login', '{"email": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation', details: [{ field: 'body' }] });
    const huge = await client(node.url).post('/api/v1/orders', { note: 'x'.repeat(110_000) }, { 'idempotency-key': idempotencyKey() });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('answers unknown routes and malformed ids with JSON', async () => {
    expect((await client(node.url).get('/api/v1/nope')).body.error.code).toBe('not_found');
    const badId = await client(node.url).get('/api/v1/orders/123');
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0].field).toBe('orderId');
  });
});
