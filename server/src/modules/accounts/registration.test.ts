import crypto from 'node:crypto';
import { one } from '../../db/sql';
import { emailLookupHash } from '../../lib/pii';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeDevice, makeRestaurant, makeUser } from '../../test/factories';
import { client, eventually, startTestNode, testConfig, testSequelize } from '../../test/harness';
import { codeSentTo, signUp } from '../../test/signUp';
import { SandboxMailbox } from '../notifications/sandboxMailbox';
import { sha256 } from './sessions';
import { SIGN_UP_MESSAGES_PER_HOUR } from './signUpMailThrottle';

/** Sign-up that tells nobody which addresses have accounts, and passwords worth having. */
describe('registration', () => {
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

  const body = (over: Record<string, unknown> = {}) => ({
    name: 'Lee Ka Yan',
    email: `reg-${crypto.randomUUID()}@test.example`,
    phone: '+852 6000 1234',
    password: 'plum blossom teahouse',
    ...over,
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  it('answers 202 verification_sent alike, in about the same time, for a new and an existing address', async () => {
    const api = client(node.url);
    const existing = await makeUser(sequelize, 'guest');
    const times = { fresh: [] as number[], existing: [] as number[] };
    const answers = new Set<string>();
    for (let i = 0; i < 12; i++) {
      for (const kind of ['fresh', 'existing'] as const) {
        const b = body(kind === 'existing' ? { email: existing.email.toUpperCase() } : {});
        const start = performance.now();
        const res = await api.post('/api/v1/auth/register', b);
        times[kind].push(performance.now() - start);
        answers.add(JSON.stringify({ status: res.status, body: res.body, type: res.headers.get('content-type') }));
      }
    }
    expect([...answers]).toEqual([
      JSON.stringify({ status: 202, body: { status: 'verification_sent' }, type: 'application/json; charset=utf-8' }),
    ]);
    const [fresh, known] = [median(times.fresh), median(times.existing)];
    console.log(`register median: new address ${fresh.toFixed(1)} ms, existing address ${known.toFixed(1)} ms`);
    // Both hash the password (tens of ms); what differs is one insert.
    expect(Math.abs(fresh - known)).toBeLessThan(Math.max(15, 0.25 * Math.max(fresh, known)));
    // The owner of the existing address is told, and gets no code.
    await eventually(async () => expect(await mail.inbox(existing.email)).toHaveLength(12));
    const told = await mail.inbox(existing.email);
    expect(told[0].text).toContain('You already have an account; sign in or reset your password');
    expect(told[0].text).not.toMatch(/Finish signing up/);
  });

  it('finishes with the emailed code once: 201 {user, token} and the cookie, as a login answers', async () => {
    const b = body();
    const reg = await client(node.url).post('/api/v1/auth/register', b);
    expect(reg.status).toBe(202);
    // Nothing exists until the address is proven.
    expect(await models(sequelize).User.count({ where: { emailHash: emailLookupHash(key, b.email) } })).toBe(0);
    const code = await codeSentTo(mail, b.email);
    expect(code).toMatch(/^rg_[A-Za-z0-9_-]{43}$/);
    const done = await client(node.url).post('/api/v1/auth/register/verify', { code });
    expect(done.status).toBe(201);
    expect(done.body.user).toEqual({ id: expect.any(String), name: b.name, email: b.email, role: 'guest', restaurantIds: [] });
    expect(done.headers.get('set-cookie')).toMatch(/dw_session=.*HttpOnly/i);
    expect((await client(node.url, done.body.token).get('/api/v1/me')).body.user.email).toBe(b.email);
    expect((await client(node.url).post('/api/v1/auth/login', { email: b.email, password: b.password })).status).toBe(200);

    const again = await client(node.url).post('/api/v1/auth/register/verify', { code });
    expect(again.status).toBe(400);
    expect(again.body.error.details[0].field).toBe('code');
  });

  it('stores the code only as a hash and the message encrypted, and refuses an expired or made-up code', async () => {
    const b = body();
    await client(node.url).post('/api/v1/auth/register', b);
    const code = await codeSentTo(mail, b.email);
    const pending = await models(sequelize).Registration.findOne({ where: { codeHash: sha256(code) } });
    expect(pending).not.toBeNull();
    const stored = await one<{ text: string }>(
      sequelize,
      `SELECT (SELECT row_to_json(r)::text FROM registrations r WHERE r.id = $id) ||
              (SELECT string_agg(row_to_json(o)::text, '') FROM outbox_messages o) AS text`,
      { id: pending!.id },
    );
    for (const secret of [code, b.email, b.name, '6000 1234', b.password]) expect(stored!.text).not.toContain(secret);

    await pending!.update({ expiresAt: new Date(Date.now() - 1000) });
    expect((await client(node.url).post('/api/v1/auth/register/verify', { code })).status).toBe(400);
    const guessed = await client(node.url).post('/api/v1/auth/register/verify', { code: `rg_${'A'.repeat(43)}` });
    expect(guessed.status).toBe(400);
    expect(guessed.body.error.details[0].field).toBe('code');
  });

  it('refuses short and common passwords with 400 naming password, and creates nothing', async () => {
    const api = client(node.url);
    for (const password of ['password', '12345678', 'short pw', 'qwertyuiop', 'Password123', '1q2w3e4r5t']) {
      const b = body({ password });
      const res = await api.post('/api/v1/auth/register', b);
      expect({ password, status: res.status }).toEqual({ password, status: 400 });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['password']);
    }
    expect((await signUp(node.url, mail, body({ password: 'ten chars!' }))).status).toBe(201);
  });

  it('keeps account emails encrypted, found by their keyed hash in any case', async () => {
    const b = body({ email: `Mixed.Case-${crypto.randomUUID()}@Test.Example` });
    const done = await signUp(node.url, mail, b);
    expect(done.status).toBe(201);
    expect(done.body.user.email).toBe(b.email.toLowerCase());
    const row = await one<{ text: string; email_hash: string }>(
      sequelize,
      'SELECT row_to_json(u)::text AS text, email_hash FROM users u WHERE id = $id',
      {
        id: done.body.user.id,
      },
    );
    expect(row!.text.toLowerCase()).not.toContain(b.email.toLowerCase());
    expect(row!.email_hash).toBe(
      crypto
        .createHmac('sha256', Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'dinewire:email-lookup', 32)))
        .update(b.email.toLowerCase())
        .digest('base64url'),
    );
    expect((await client(node.url).post('/api/v1/auth/login', { email: b.email.toUpperCase(), password: b.password })).status).toBe(200);
  });

  it('sends one address at most SIGN_UP_MESSAGES_PER_HOUR messages, answering 202 all the same', async () => {
    const limited = await startTestNode({ sequelize, config: { rateLimitPerMinute: 600 } });
    try {
      const fresh = body();
      const known = await makeUser(sequelize, 'guest');
      for (const email of [fresh.email, known.email]) {
        const statuses: number[] = [];
        for (let i = 0; i < SIGN_UP_MESSAGES_PER_HOUR + 3; i++)
          statuses.push((await client(limited.url).post('/api/v1/auth/register', { ...fresh, email })).status);
        expect(statuses).toEqual(Array(SIGN_UP_MESSAGES_PER_HOUR + 3).fill(202));
        await eventually(async () => expect(await mail.inbox(email)).toHaveLength(SIGN_UP_MESSAGES_PER_HOUR));
      }
      // Every code sent still works; the ones not sent were never made.
      expect(await models(sequelize).Registration.count({ where: { emailHash: emailLookupHash(key, fresh.email) } })).toBe(
        SIGN_UP_MESSAGES_PER_HOUR,
      );
    } finally {
      await limited.close();
    }
  });

  it('is closed to paired screens', async () => {
    const r = await makeRestaurant(sequelize);
    const kiosk = await makeDevice(sequelize, r.id, 'kiosk');
    expect((await client(node.url, kiosk.token).post('/api/v1/auth/register', body())).status).toBe(403);
  });
});
