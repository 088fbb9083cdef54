import crypto from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { rows } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

/**
 * Issue 7, findings 3 and 5: what an order leaves at rest (no usable token, no plain guest name or
 * room in the stored response or the event log) and what a stranger can do with an anonymous
 * Idempotency-Key (nothing: weak keys are refused, and a replay re-derives the token from the key).
 */

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

const GUEST = 'Wilhelmina Quartermaine';
const ROOM = 'QX-917';

/** Every stored row that mentions the order, as text: its own row, its idempotency row (by its response) and its events. */
async function rowsAbout(orderId: string): Promise<{ order: string[]; keys: string[]; events: string[] }> {
  const order = await rows<{ t: string }>(db, 'SELECT row_to_json(o)::text AS t FROM orders o WHERE id = $orderId', { orderId });
  const keys = await rows<{ t: string }>(
    db,
    `SELECT row_to_json(k)::text AS t FROM idempotency_keys k WHERE row_to_json(k)::text LIKE $like`,
    {
      like: `%${orderId}%`,
    },
  );
  const events = await rows<{ t: string }>(db, 'SELECT row_to_json(e)::text AS t FROM events e WHERE order_id = $orderId', { orderId });
  return { order: order.map((r) => r.t), keys: keys.map((r) => r.t), events: events.map((r) => r.t) };
}

/** An anonymous caller from one address (the test's loopback is a trusted balancer). */
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('order secrets at rest', () => {
  it('keeps no order token, no Idempotency-Key and no plain guest name or room in the stored response or the events', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const key = idempotencyKey();
    const placed = await client(node.url).post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id }], { guestName: GUEST, roomNumber: ROOM }),
      {
        'idempotency-key': key,
        ...from('203.0.113.10'),
      },
    );
    expect(placed.status).toBe(201);
    const { order, orderToken } = placed.body;
    // A bump writes order.updated, the other event an order's data is stored in.
    expect((await client(node.url, manager.token).post(`/api/v1/kitchen/items/${order.items[0].id}/bump`)).status).toBe(200);

    const stored = await rowsAbout(order.id);
    expect(stored.order).toHaveLength(1);
    expect(stored.keys).toHaveLength(1);
    expect(stored.events).toHaveLength(2);
    for (const text of [...stored.order, ...stored.keys, ...stored.events]) {
      expect(text).not.toContain(orderToken);
      expect(text).not.toContain(key);
      expect(text).not.toContain(GUEST);
      expect(text).not.toContain(ROOM);
    }
    process.stdout.write(`secrets at rest: ${stored.keys.length} idempotency row and ${stored.events.length} events hold none\n`);

    // Staff still read the name and room, live and in a catch-up.
    const page = await client(node.url, manager.token).get(`/api/v1/restaurants/${r.id}/events?after=0&scope=staff`);
    expect(page.body.events.map((e: { data: { guestName: string; roomNumber: string } }) => [e.data.guestName, e.data.roomNumber])).toEqual(
      [
        [GUEST, ROOM],
        [GUEST, ROOM],
      ],
    );
  });

  it('answers a replay with the same key with the same token, name and room', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const key = idempotencyKey();
    const body = orderBody(r, [{ dishId: dish.id }], { guestName: GUEST, roomNumber: ROOM });
    const first = await client(node.url).post('/api/v1/orders', body, { 'idempotency-key': key, ...from('203.0.113.11') });
    // The same guest retrying from another network.
    const again = await client(node.url).post('/api/v1/orders', body, { 'idempotency-key': key, ...from('198.51.100.11') });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.body.order).toMatchObject({ guestName: GUEST, roomNumber: ROOM });
    const read = await client(node.url).get(`/api/v1/orders/${first.body.order.id}?token=${encodeURIComponent(again.body.orderToken)}`);
    expect(read.status).toBe(200);
  });

  it('gives each order its own token, even for one key used by two callers of different scopes', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const guest = await makeUser(db, 'guest');
    const key = idempotencyKey();
    const body = orderBody(r, [{ dishId: dish.id }]);
    const anonymous = await client(node.url).post('/api/v1/orders', body, { 'idempotency-key': key });
    const signedIn = await client(node.url, guest.token).post('/api/v1/orders', body, { 'idempotency-key': key });
    expect([anonymous.status, signedIn.status]).toEqual([201, 201]);
    expect(signedIn.body.order.id).not.toBe(anonymous.body.order.id);
    expect(signedIn.body.orderToken).not.toBe(anonymous.body.orderToken);
    expect(anonymous.body.orderToken).toMatch(/^ot_[A-Za-z0-9_-]{43}$/);
  });
});

describe('anonymous Idempotency-Keys', () => {
  it('refuses a guessable key from an anonymous caller, so another caller cannot replay it for the token and name', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const body = orderBody(r, [{ dishId: dish.id }], { guestName: GUEST });
    const weak = `order-${Date.now() % 100000}`;
    const victim = await client(node.url).post('/api/v1/orders', body, { 'idempotency-key': weak, ...from('203.0.113.20') });
    const attacker = await client(node.url).post('/api/v1/orders', body, { 'idempotency-key': weak, ...from('198.51.100.20') });
    for (const res of [victim, attacker]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['Idempotency-Key']);
      expect(JSON.stringify(res.body)).not.toContain(GUEST);
    }
    // Nothing was placed with it.
    const placed = await rows(db, 'SELECT id FROM orders WHERE restaurant_id = $restaurantId', { restaurantId: r.id });
    expect(placed).toHaveLength(0);
  });

  it('takes a UUID v4 or 22+ characters of A-Z a-z 0-9 _ - from anonymous callers', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const keys = [crypto.randomUUID(), crypto.randomBytes(16).toString('base64url'), idempotencyKey()];
    for (const key of keys) {
      const res = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), { 'idempotency-key': key });
      expect({ key, status: res.status }).toEqual({ key, status: 201 });
    }
    for (const key of ['fanout-1a2b3c4d-17', 'x'.repeat(21), `${crypto.randomUUID()}!`]) {
      const res = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), { 'idempotency-key': key });
      expect({ key, status: res.status }).toEqual({ key, status: 400 });
    }
  });

  it('still takes a kiosk’s or staff member’s own sequential keys (their scope is their own)', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const kiosk = await makeDevice(db, r.id, 'kiosk');
    const host = await makeUser(db, 'host', [r.id]);
    const byKiosk = await client(node.url, kiosk.token).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { channel: 'kiosk' }), {
      'idempotency-key': 'kiosk-run-17',
    });
    const byHost = await client(node.url, host.token).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { channel: 'staff' }), {
      'idempotency-key': 'kiosk-run-17',
    });
    expect([byKiosk.status, byHost.status]).toEqual([201, 201]);
    expect(byHost.body.order.id).not.toBe(byKiosk.body.order.id);
  });
});
