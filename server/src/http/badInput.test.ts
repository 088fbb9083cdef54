import zlib from 'node:zlib';
import fc from 'fast-check';
import type { Sequelize } from 'sequelize';
import { one } from '../db/sql';
import type { DinewireNode } from '../node';
import { emailLookupHash } from '../lib/pii';
import { makeDish, makeRestaurant, makeUser, type TestRestaurant } from '../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../test/harness';
import { findDuplicateKey } from './jsonBody';

/**
 * Input that is well-formed JSON but not storable text, bodies that do not decode, duplicate
 * keys and stock finer than its column: each is a 400 naming the field, never a 500, and
 * nothing is written.
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
  const dish = await makeDish(db, restaurant, { stock: 1000 });
  dishId = dish.id;
  ingredientId = dish.ingredientId!;
  manager = await makeUser(db, 'manager', [restaurant.id]);
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

const order = (over: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({
  restaurantId: restaurant.id,
  channel: 'web',
  items: [{ dishId, quantity: 1, ...item }],
  paymentMethod: 'counter',
  ...over,
});
const roomOrder = (over: Record<string, unknown>) => order({ paymentMethod: 'room', roomNumber: '0917', guestName: 'Chan', ...over });
const adjustmentPath = () => `/api/v1/inventory/${ingredientId}/adjustments`;
/** The address the refused registrations give; none of them may leave a user behind. */
const REGISTERING = `ada-${idempotencyKey()}@b.example`;
const register = (over: Record<string, unknown>) => ({
  name: 'Ada',
  email: `ada-${idempotencyKey()}@b.example`,
  phone: '+852 9123 4567',
  password: 'long enough pw',
  ...over,
});

async function counts() {
  return (await one<{ orders: number; stock: number; movements: number; users: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM orders WHERE restaurant_id = $restaurantId) AS orders,
            (SELECT quantity::float FROM ingredients WHERE id = $ingredientId) AS stock,
            (SELECT count(*)::int FROM stock_movements WHERE ingredient_id = $ingredientId) AS movements,
            (SELECT count(*)::int FROM users WHERE email_hash = $emailHash) AS users`,
    // Users by the address this test registers with: other suites sign people up meanwhile.
    { restaurantId: restaurant.id, ingredientId, emailHash: emailLookupHash(node.services.config.piiKey, REGISTERING) },
  ))!;
}

function expectFieldError(res: { status: number; body: any }, field: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 400, code: 'validation' });
  expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

describe('text that cannot be stored', () => {
  const bad = { nul: 'a\u0000b', lone: 'a\uD800b', trailing: 'x\uDC00' };

  it.each(Object.entries(bad))('refuses %s in a note, a name and a room number with 400 naming the field', async (_kind, text) => {
    const before = await counts();
    const api = client(node.url, manager.token);
    const post = (path: string, body: unknown) => api.post(path, body, { 'idempotency-key': idempotencyKey() });
    expectFieldError(await post('/api/v1/orders', order({}, { note: text })), 'items.0.note');
    expectFieldError(await post('/api/v1/orders', roomOrder({ guestName: text })), 'guestName');
    expectFieldError(await post('/api/v1/orders', roomOrder({ roomNumber: text })), 'roomNumber');
    expectFieldError(await post('/api/v1/auth/register', register({ name: text, email: REGISTERING })), 'name');
    expectFieldError(await post(adjustmentPath(), { delta: 1, reason: 'receive', note: text }), 'note');
    expect(await counts()).toEqual(before);
  });

  it('refuses NUL in a field no schema reads, and in a key, instead of storing it', async () => {
    const api = client(node.url, manager.token);
    const extra = await api.post(
      '/api/v1/orders',
      { ...order(), extra: { deep: ['ok', 'x\u0000'] } },
      { 'idempotency-key': idempotencyKey() },
    );
    expectFieldError(extra, 'extra.deep.1');
    const key = await api.post(adjustmentPath(), { delta: 1, reason: 'receive', 'k\u0000': 1 });
    expect(key.status).toBe(400);
    const query = await client(node.url).get('/api/v1/dishes?q=a%00b');
    expectFieldError(query, 'q');
  });
});

describe('bodies that do not decode', () => {
  const json = JSON.stringify({ email: 'a@b.example', password: 'x' });
  const post = (encoding: string, body: Buffer | string) =>
    client(node.url).raw('POST', '/api/v1/auth/login', body.toString('latin1'), {
      'content-type': 'application/json',
      'content-encoding': encoding,
    });

  it.each(['gzip', 'deflate', 'br'])('answers a corrupt %s body with 400 naming the body', async (encoding) => {
    const res = await fetch(`${node.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: Buffer.from('this is not compressed at all {"email": 1}'),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ code: 'validation', details: [{ field: 'body' }] });
  });

  it('still reads a well-formed gzip body, and answers an unknown encoding with 415', async () => {
    const ok = await fetch(`${node.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: zlib.gzipSync(json),
    });
    expect(ok.status).toBe(401); // decoded, then refused as wrong credentials
    const unknown = await post('x-unknown', json);
    expect(unknown.status).toBe(415);
    expect(unknown.body.error.code).toBe('validation');
  });
});

describe('duplicate JSON keys', () => {
  it('refuses a body with a repeated key, naming where', async () => {
    const before = await counts();
    const api = client(node.url, manager.token);
    const body = `{"restaurantId":"${restaurant.id}","channel":"web","items":[{"dishId":"${dishId}","quantity":1,"quantity":99}],"paymentMethod":"counter"}`;
    expectFieldError(await api.post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() }), 'items.0.quantity');
    expectFieldError(await api.post(adjustmentPath(), '{"delta":1,"reason":"receive","delta":-999}'), 'delta');
    // An escaped spelling of the same key is the same key.
    expectFieldError(await api.post(adjustmentPath(), '{"delta":1,"reason":"receive","\\u0064elta":2}'), 'delta');
    expect(await counts()).toEqual(before);
  });

  it('finds duplicates only where they are', () => {
    expect(findDuplicateKey('{"a":{"b":1},"c":{"b":2}}')).toBeNull();
    expect(findDuplicateKey('[{"a":1},{"a":2}]')).toBeNull();
    expect(findDuplicateKey('{"s":"{\\"a\\":1,\\"a\\":2}"}')).toBeNull();
    expect(findDuplicateKey('{"x":[1,{"y":{"a":1,"a":2}}]}')).toBe('x.1.y.a');
    expect(findDuplicateKey('{"a": ')).toBeNull();
  });
});

describe('stock finer than its column', () => {
  it('refuses a delta that is not a multiple of 0.001 and takes one that is', async () => {
    const before = await counts();
    const api = client(node.url, manager.token);
    for (const delta of [0.0001, 1.0005, -0.0004, 1e-9]) {
      expectFieldError(await api.post(adjustmentPath(), { delta, reason: 'correction' }), 'delta');
    }
    expect(await counts()).toEqual(before);
    const ok = await api.post(adjustmentPath(), { delta: 0.001, reason: 'receive' });
    expect(ok.status).toBeLessThan(300);
    expect((await counts()).stock).toBeCloseTo(before.stock + 0.001, 3);
  });
});

describe('fuzzed text fields', () => {
  // Strings of any UTF-16 code units, so NUL and unpaired surrogates come up often.
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 12 }),
    fc.constantFrom('\u0000', '\uD83D', '\uDE00x', 'ok\u0000', '0917'),
  );
  const cases = () => [
    {
      path: '/api/v1/orders',
      fields: ['note', 'guestName', 'roomNumber', 'promoCode'],
      body: (f: string, t: string) => (f === 'note' ? order({}, { note: t }) : roomOrder({ [f]: t })),
    },
    { path: '/api/v1/auth/register', fields: ['name', 'email', 'phone', 'password'], body: (f: string, t: string) => register({ [f]: t }) },
    { path: adjustmentPath(), fields: ['note', 'reason'], body: (f: string, t: string) => ({ delta: 1, reason: 'waste', [f]: t }) },
  ];

  it('never answers 500 for any text in any text field', async () => {
    for (const c of cases()) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...c.fields), text, async (field, t) => {
          const res = await client(node.url, manager.token).post(c.path, c.body(field, t), { 'idempotency-key': idempotencyKey() });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(typeof res.body?.error?.code).toBe('string');
        }),
        { numRuns: 80 },
      );
    }
  });
});
