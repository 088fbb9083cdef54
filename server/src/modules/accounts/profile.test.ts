import crypto from 'node:crypto';
import { one } from '../../db/sql';
import { decryptPii } from '../../lib/pii';
import type { DinewireNode } from '../../node';
import { makeBookableRestaurant, makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testConfig, testSequelize } from '../../test/harness';
import { SandboxMailbox } from '../notifications/sandboxMailbox';

const address = () => ({
  'x-forwarded-for': `2001:db8::${crypto.randomBytes(2).toString('hex')}:${crypto.randomBytes(2).toString('hex')}`,
});

/** DELETE /me with its proof in the body (the harness client's delete sends none). */
async function erase(baseUrl: string, token: string, body: unknown): Promise<number> {
  const res = await fetch(`${baseUrl}/api/v1/me`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** A guest's own profile: read, changed by a strict schema, and erased on request with the orders kept anonymous. */
describe('guest profile', () => {
  const sequelize = testSequelize();
  const key = testConfig().piiKey;
  const mail = new SandboxMailbox(sequelize, key);
  let node: DinewireNode;
  beforeAll(async () => {
    node = await startTestNode({ sequelize });
  });
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  it('changes name, phone, allergies and dietary needs, stores the phone encrypted, and shows them to the owner', async () => {
    const g = await makeUser(sequelize, 'guest');
    const api = client(node.url, g.token);
    const changed = await api.patch('/api/v1/me', {
      name: 'Chan Tai Man',
      phone: '+852 6111 2222',
      allergies: ['peanut', 'crustacean', 'peanut'],
      dietary: ['vegetarian'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toEqual({
      id: g.id,
      name: 'Chan Tai Man',
      email: g.email,
      role: 'guest',
      restaurantIds: [],
      phone: '+852 6111 2222',
      allergies: ['peanut', 'crustacean'],
      dietary: ['vegetarian'],
    });
    expect((await api.get('/api/v1/me')).body.user).toEqual(changed.body.user);
    const raw = (await one<{ t: string; phone_enc: string }>(
      sequelize,
      'SELECT row_to_json(u)::text AS t, phone_enc FROM users u WHERE id = $id',
      { id: g.id },
    ))!;
    expect(raw.t).not.toContain('6111');
    expect(decryptPii(key, raw.phone_enc)).toBe('+852 6111 2222');
    // Only what is given changes.
    expect((await api.patch('/api/v1/me', { dietary: [] })).body.user).toMatchObject({
      name: 'Chan Tai Man',
      allergies: ['peanut', 'crustacean'],
      dietary: [],
    });
  });

  it('refuses unknown codes and fields, naming them, and anyone signed out', async () => {
    const g = await makeUser(sequelize, 'guest');
    const api = client(node.url, g.token);
    const nuts = await api.patch('/api/v1/me', { allergies: ['nuts'] });
    expect(nuts.status).toBe(400);
    expect(nuts.body.error.details[0].field).toBe('allergies.0');
    const role = await api.patch('/api/v1/me', { role: 'manager' });
    expect(role.status).toBe(400);
    expect(role.body.error.message).toContain('role');
    expect((await api.get('/api/v1/me')).body.user.role).toBe('guest');
    expect((await client(node.url).patch('/api/v1/me', { name: 'X' })).status).toBe(401);
  });

  it('erases the account with its password: personal data gone, sessions ended, orders kept anonymous', async () => {
    const r = await makeRestaurant(sequelize);
    const dish = await makeDish(sequelize, r);
    const g = await makeUser(sequelize, 'guest');
    const api = client(node.url, g.token);
    await api.patch('/api/v1/me', { name: 'Erase Sentinel', phone: '+852 6333 4444', allergies: ['egg'] });
    const order = await api.post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { guestName: 'Erase Sentinel' }), {
      'idempotency-key': idempotencyKey(),
    });
    expect(order.status).toBe(201);
    // A booking and a waitlist place made signed in, with the guest's contact and allergies.
    const br = await makeBookableRestaurant(sequelize, { tables: [{ seats: 2 }] });
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const contact = { name: 'Erase Sentinel', phone: '+852 6333 4444', email: g.email, notes: 'Erase Sentinel note' };
    const booking = await api.post(
      '/api/v1/reservations',
      { restaurantId: br.id, partySize: 2, startsAt: `${day}T11:00:00.000Z`, allergies: ['sesame'], ...contact },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(booking.status).toBe(201);
    const place = await api.post(`/api/v1/restaurants/${br.id}/waitlist`, { partySize: 2, date: day, ...contact });
    expect(place.status).toBe(201);

    expect(await erase(node.url, g.token, { password: 'not my password' })).toBe(401);
    expect((await api.get('/api/v1/me')).status).toBe(200);

    expect(await erase(node.url, g.token, { password: g.password })).toBe(204);
    expect((await api.get('/api/v1/me')).status).toBe(401);
    expect((await client(node.url).post('/api/v1/auth/login', { email: g.email, password: g.password })).status).toBe(401);
    const row = (await one<{ t: string; email_enc: string; erased_at: Date | null }>(
      sequelize,
      'SELECT row_to_json(u)::text AS t, email_enc, erased_at FROM users u WHERE id = $id',
      { id: g.id },
    ))!;
    expect(row.erased_at).not.toBeNull();
    expect(decryptPii(key, row.email_enc)).toBe('');
    for (const gone of ['Erase Sentinel', 'egg', g.email]) expect(row.t).not.toContain(gone);
    expect(row.t).not.toMatch(/"phone_enc":"/);
    const kept = (await one<{ user_id: string | null; guest_name_enc: string | null; total_cents: number }>(
      sequelize,
      'SELECT user_id, guest_name_enc, total_cents FROM orders WHERE id = $id',
      { id: order.body.order.id },
    ))!;
    expect(kept).toEqual({ user_id: null, guest_name_enc: null, total_cents: order.body.order.totalCents });
    const booked = (await one<{ t: string; name_enc: string; status: string }>(
      sequelize,
      'SELECT row_to_json(r)::text AS t, name_enc, status FROM reservations r WHERE id = $id',
      { id: booking.body.reservation.id },
    ))!;
    const waiting = (await one<{ t: string; email_enc: string }>(
      sequelize,
      'SELECT row_to_json(w)::text AS t, email_enc FROM waitlist_entries w WHERE id = $id',
      { id: place.body.entry.id },
    ))!;
    // Still booked for the restaurant, under its code; nothing of the guest left in either row.
    expect(booked.status).toBe('booked');
    expect([decryptPii(key, booked.name_enc), decryptPii(key, waiting.email_enc)]).toEqual(['', '']);
    for (const t of [booked.t, waiting.t]) {
      for (const gone of ['Erase Sentinel', 'sesame', g.id]) expect(t).not.toContain(gone);
    }
    const sealed = (await one<{ phone_enc: string; email_enc: string }>(
      sequelize,
      'SELECT phone_enc, email_enc FROM reservations WHERE id = $id',
      { id: booking.body.reservation.id },
    ))!;
    expect([decryptPii(key, sealed.phone_enc), decryptPii(key, sealed.email_enc)]).toEqual(['', '']);
    // No lookup hash of the address stays: it is free for a new account, and finds nobody.
    expect(row.t).toContain(`"email_hash":"erased:${g.id}"`);
  });

  it('erases with a fresh sign-in code sent to the account, and refuses staff and a wrong code', async () => {
    const g = await makeUser(sequelize, 'guest');
    const api = client(node.url, g.token);
    expect(await erase(node.url, g.token, { code: '000000' })).toBe(401);
    await client(node.url).post('/api/v1/auth/code', { email: g.email }, address());
    let code = '';
    await eventually(async () => {
      code = /sign-in code is (\d{6})/.exec((await mail.inbox(g.email)).at(-1)?.text ?? '')?.[1] ?? '';
      if (!code) throw new Error('no code yet');
    });
    expect(await erase(node.url, g.token, { code })).toBe(204);
    expect((await api.get('/api/v1/me')).status).toBe(401);

    const manager = await makeUser(sequelize, 'manager');
    expect(await erase(node.url, manager.token, { password: manager.password })).toBe(403);
    expect((await client(node.url, manager.token).get('/api/v1/me')).status).toBe(200);
  });

  it('exports everything held about the guest, decrypted for them alone', async () => {
    const r = await makeRestaurant(sequelize);
    const dish = await makeDish(sequelize, r);
    const g = await makeUser(sequelize, 'guest');
    const api = client(node.url, g.token);
    await api.patch('/api/v1/me', { phone: '+852 6555 7777', allergies: ['sesame'], dietary: ['halal'] });
    const placed = [];
    for (let i = 0; i < 2; i++) {
      const o = await api.post('/api/v1/orders', orderBody(r, [{ dishId: dish.id, quantity: i + 1 }], { guestName: 'Export Sentinel' }), {
        'idempotency-key': idempotencyKey(),
      });
      expect(o.status).toBe(201);
      placed.push(o.body.order.id);
    }
    const other = await makeUser(sequelize, 'guest');
    await client(node.url, other.token).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    const b = await makeBookableRestaurant(sequelize, { tables: [{ seats: 4 }] });
    const booked = await api.post(
      '/api/v1/reservations',
      {
        restaurantId: b.id,
        partySize: 2,
        // 19:00 in the restaurant's Hong Kong time, three days on.
        startsAt: new Date(
          `${new Date(Date.now() + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10)}T19:00:00+08:00`,
        ).toISOString(),
        name: 'Export Sentinel',
        phone: '+852 6555 7777',
        email: g.email,
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(booked.status).toBe(201);

    const exported = await api.get('/api/v1/me/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
    expect(exported.body.account).toMatchObject({
      id: g.id,
      email: g.email,
      phone: '+852 6555 7777',
      allergies: ['sesame'],
      dietary: ['halal'],
    });
    expect(exported.body.orders.map((o: { id: string }) => o.id)).toEqual(placed);
    expect(exported.body.orders[0]).toMatchObject({ guestName: 'Export Sentinel', items: [expect.objectContaining({ dishId: dish.id })] });
    expect(exported.body.reservations).toEqual([booked.body.reservation]);
    expect(exported.body.restaurants.map((x: { id: string }) => x.id).sort()).toEqual([r.id, b.id].sort());
    expect(exported.body.sessions.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported.body)).not.toContain(g.token);
    expect((await client(node.url).get('/api/v1/me/export')).status).toBe(401);
  });
});
