import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testConfig, testSequelize } from '../../test/harness';
import { signUp } from '../../test/signUp';
import { SandboxMailbox } from '../notifications/sandboxMailbox';

let db: Sequelize;
let node: DinewireNode;
let mail: SandboxMailbox;

beforeAll(async () => {
  db = testSequelize();
  mail = new SandboxMailbox(db, testConfig().piiKey);
  node = await startTestNode({ redis: true });
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

describe('accounts', () => {
  it('registers a guest, logs in with argon2id, and refuses a wrong password', async () => {
    const api = client(node.url);
    const email = `guest-${Date.now()}@test.example`;
    const reg = await signUp(node.url, mail, {
      name: 'Wong Siu Ming',
      email,
      phone: '+852 9123 4567',
      password: 'a long password',
    });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ role: 'guest', email, restaurantIds: [] });
    // Contract change: registering an address that has an account no longer answers 409 (an
    // enumeration oracle); it answers as for a new address, and the mailbox's owner is told.
    const dup = await api.post('/api/v1/auth/register', {
      name: 'X',
      email: email.toUpperCase(),
      phone: '+852 9123 4567',
      password: 'a long password',
    });
    expect(dup.status).toBe(202);
    expect(dup.body).toEqual({ status: 'verification_sent' });
    await eventually(async () => expect((await mail.inbox(email)).at(-1)?.text).toContain('You already have an account'));

    const login = await api.post('/api/v1/auth/login', { email, password: 'a long password' });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/dw_session=.*HttpOnly/i);
    expect((await client(node.url, login.body.token).get('/api/v1/me')).body.user.email).toBe(email);
    const wrong = await api.post('/api/v1/auth/login', { email, password: 'not it' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    const stored = await db.query('SELECT password_hash, phone_enc FROM users WHERE id = $1', {
      bind: [reg.body.user.id],
      type: 'SELECT' as never,
    });
    const row = (stored as unknown as { password_hash: string; phone_enc: string }[])[0];
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.phone_enc).not.toContain('9123');
  });

  it('pairs a device with a one-time code and lets a manager revoke it', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const created = await client(node.url, manager.token).post('/api/v1/devices', {
      restaurantId: r.id,
      kind: 'kitchen',
      stationId: r.stationId,
    });
    expect(created.status).toBe(201);
    const pair = await client(node.url).post('/api/v1/devices/pair', { pairingCode: created.body.pairingCode.toLowerCase() });
    expect(pair.status).toBe(200);
    expect(pair.body.device).toMatchObject({ kind: 'kitchen', stationId: r.stationId });
    // The code works once.
    expect((await client(node.url).post('/api/v1/devices/pair', { pairingCode: created.body.pairingCode })).status).toBe(400);
    const screen = client(node.url, pair.body.token);
    expect((await screen.get(`/api/v1/restaurants/${r.id}/orders`)).status).toBe(200);
    await client(node.url, manager.token).post(`/api/v1/devices/${pair.body.device.id}/revoke`);
    expect((await screen.get(`/api/v1/restaurants/${r.id}/orders`)).status).toBe(401);
  });
});

describe('authorization', () => {
  it('keeps a kitchen account to its own restaurant and away from stock adjustments', async () => {
    const mine = await makeRestaurant(db);
    const theirs = await makeRestaurant(db);
    const theirDish = await makeDish(db, theirs, { stock: 10 });
    const myDish = await makeDish(db, mine, { stock: 10 });
    const chef = client(node.url, (await makeUser(db, 'kitchen', [mine.id])).token);
    expect((await chef.get(`/api/v1/restaurants/${theirs.id}/orders`)).status).toBe(403);
    expect((await chef.get(`/api/v1/restaurants/${theirs.id}/inventory`)).status).toBe(403);
    const adjustTheirs = await chef.post(`/api/v1/inventory/${theirDish.ingredientId}/adjustments`, { delta: 5, reason: 'receive' });
    expect(adjustTheirs.status).toBe(403);
    // Even in its own restaurant, adjusting stock is a manager's job.
    expect((await chef.post(`/api/v1/inventory/${myDish.ingredientId}/adjustments`, { delta: 5, reason: 'receive' })).status).toBe(403);
    expect((await chef.get(`/api/v1/restaurants/${mine.id}/inventory`)).status).toBe(200);
  });

  it('does not show a guest another guest’s order', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r);
    const alice = await makeUser(db, 'guest');
    const bob = await makeUser(db, 'guest');
    const placed = await client(node.url, alice.token).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    const id = placed.body.order.id;
    expect((await client(node.url, alice.token).get(`/api/v1/orders/${id}`)).status).toBe(200);
    expect((await client(node.url, bob.token).get(`/api/v1/orders/${id}`)).status).toBe(404);
    expect((await client(node.url, bob.token).post(`/api/v1/orders/${id}/cancel`)).status).toBe(404);
    expect((await client(node.url).get(`/api/v1/orders/${id}`)).status).toBe(401);
    expect((await client(node.url, alice.token).get('/api/v1/me/orders')).body.orders.map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await client(node.url, bob.token).get('/api/v1/me/orders')).body.orders).toEqual([]);
  });

  it('keeps a kiosk device away from manager routes', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10 });
    const kiosk = client(node.url, (await makeDevice(db, r.id, 'kiosk')).token);
    expect((await kiosk.post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk' })).status).toBe(403);
    expect((await kiosk.get(`/api/v1/restaurants/${r.id}/devices`)).status).toBe(403);
    expect((await kiosk.post(`/api/v1/inventory/${dish.ingredientId}/adjustments`, { delta: 1, reason: 'receive' })).status).toBe(403);
    expect((await kiosk.get(`/api/v1/restaurants/${r.id}/orders`)).status).toBe(403);
    // …but it can take orders for its own restaurant.
    const order = await kiosk.post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { channel: 'kiosk' }), {
      'idempotency-key': idempotencyKey(),
    });
    expect(order.status).toBe(201);
  });

  it('limits requests per address when limits are on', async () => {
    const limited = await startTestNode({ config: { rateLimitPerMinute: 5 } });
    try {
      const api = client(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await api.get('/api/v1/restaurants')).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses[5]).toBe(429);
      const res = await api.get('/api/v1/restaurants');
      expect(res.body.error.code).toBe('rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
