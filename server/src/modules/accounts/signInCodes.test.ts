import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { exec, rows } from '../../db/sql';
import { emailLookupHash, phoneLookupHash } from '../../lib/pii';
import { createLogger } from '../../logger';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeUser } from '../../test/factories';
import { client, eventually, startTestNode, testConfig, testSequelize } from '../../test/harness';
import { SandboxMailbox } from '../notifications/sandboxMailbox';
import { phoneColumns } from './accountEmail';
import { SIGN_IN_CODE_TRIES } from './signInCodes';
import { CODES_PER_ADDRESS_PER_HOUR, CODES_PER_CONTACT_PER_HOUR } from './signInCodeThrottle';

// Loopback is a trusted balancer by default, so X-Forwarded-For stands for the caller's address:
// each test asks from addresses of its own.
const address = () => ({
  'x-forwarded-for': `2001:db8::${crypto.randomBytes(2).toString('hex')}:${crypto.randomBytes(2).toString('hex')}`,
});
const phoneNumber = () => `+852 6${crypto.randomInt(100, 999)} ${crypto.randomInt(1000, 9999)}`;

/** Signing in with a one-time code by email or SMS: once, briefly, a few tries, throttled, telling nobody who has an account. */
describe('sign-in codes', () => {
  const sequelize = testSequelize();
  const key = testConfig().piiKey;
  const mail = new SandboxMailbox(sequelize, key);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let node: DinewireNode;
  beforeAll(async () => {
    node = await startTestNode({ sequelize, logger: createLogger('debug', 'sign-in-code-test', sink) });
  });
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  /** A guest account with a phone. */
  async function guest(): Promise<{ id: string; email: string; phone: string }> {
    const u = await makeUser(sequelize, 'guest');
    const phone = phoneNumber();
    await models(sequelize).User.update(phoneColumns(key, phone), { where: { id: u.id } });
    return { id: u.id, email: u.email, phone };
  }

  /** The newest message's text to this email or (digits of a) phone. */
  async function lastMessage(to: string, before: number): Promise<{ kind: string; text: string }> {
    let m: { kind: string; text: string } | undefined;
    await eventually(async () => {
      m = (await mail.inbox(to)).slice(before).at(-1);
      if (!m) throw new Error(`nothing sent to ${to}`);
    });
    return m!;
  }
  const codeIn = (text: string) => /sign-in code is (\d{6})/.exec(text)?.[1];
  const digits = (phone: string) => `+${phone.replace(/\D/g, '')}`;

  it('signs in once with the emailed code, as a password login answers', async () => {
    const g = await guest();
    const api = client(node.url);
    const from = address();
    const asked = await api.post('/api/v1/auth/code', { email: g.email.toUpperCase() }, from);
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ status: 'code_sent' });
    const m = await lastMessage(g.email, 0);
    expect(m.kind).toBe('email');
    const code = codeIn(m.text)!;
    expect(code).toMatch(/^\d{6}$/);

    const signedIn = await api.post('/api/v1/auth/code/verify', { email: g.email, code }, from);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toEqual({ id: g.id, name: 'Test guest', role: 'guest', restaurantIds: [], email: g.email });
    expect((await client(node.url, signedIn.body.token).get('/api/v1/me')).body.user.id).toBe(g.id);

    const again = await api.post('/api/v1/auth/code/verify', { email: g.email, code }, from);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unauthenticated');
  });

  it('sends the code by SMS for a phone, however the number is written', async () => {
    const g = await guest();
    const api = client(node.url);
    const from = address();
    expect((await api.post('/api/v1/auth/code', { phone: g.phone.replace(/ /g, '-') }, from)).status).toBe(202);
    const m = await lastMessage(digits(g.phone), 0);
    expect(m.kind).toBe('sms');
    const signedIn = await api.post('/api/v1/auth/code/verify', { phone: digits(g.phone), code: codeIn(m.text) }, from);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(g.id);
  });

  it('answers an unknown address exactly as a known one, and no code signs anyone in with it', async () => {
    const g = await guest();
    const stranger = `nobody-${crypto.randomUUID()}@test.example`;
    const api = client(node.url);
    const known = await api.post('/api/v1/auth/code', { email: g.email }, address());
    const unknown = await api.post('/api/v1/auth/code', { email: stranger }, address());
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect([...unknown.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());
    // The same work: a code row each, and one message each (the stranger's says there is no account).
    const hashes = [emailLookupHash(key, g.email), emailLookupHash(key, stranger)];
    const counted = await rows<{ n: number }>(
      sequelize,
      'SELECT count(*)::int AS n FROM sign_in_codes WHERE contact_hash = ANY($h) GROUP BY contact_hash',
      {
        h: hashes,
      },
    );
    expect(counted.map((c) => c.n)).toEqual([1, 1]);
    const told = await lastMessage(stranger, 0);
    expect(told.text).toMatch(/no account/);
    expect(codeIn(told.text)).toBeUndefined();
    for (const code of ['000000', '123456']) {
      expect((await api.post('/api/v1/auth/code/verify', { email: stranger, code }, address())).status).toBe(401);
    }
  });

  it('refuses an expired code', async () => {
    const g = await guest();
    const api = client(node.url);
    await api.post('/api/v1/auth/code', { email: g.email }, address());
    const code = codeIn((await lastMessage(g.email, 0)).text)!;
    await exec(sequelize, `UPDATE sign_in_codes SET expires_at = now() - interval '1 second' WHERE contact_hash = $h`, {
      h: emailLookupHash(key, g.email),
    });
    expect((await api.post('/api/v1/auth/code/verify', { email: g.email, code }, address())).status).toBe(401);
  });

  it(`kills a code after ${SIGN_IN_CODE_TRIES} wrong tries, and a new code ends the old one`, async () => {
    const g = await guest();
    const api = client(node.url);
    await api.post('/api/v1/auth/code', { email: g.email }, address());
    const code = codeIn((await lastMessage(g.email, 0)).text)!;
    const wrong = code === '999999' ? '000000' : '999999';
    for (let i = 0; i < SIGN_IN_CODE_TRIES; i++) {
      expect((await api.post('/api/v1/auth/code/verify', { email: g.email, code: wrong }, address())).status).toBe(401);
    }
    expect((await api.post('/api/v1/auth/code/verify', { email: g.email, code }, address())).status).toBe(401);

    await api.post('/api/v1/auth/code', { email: g.email }, address());
    const second = codeIn((await lastMessage(g.email, 1)).text)!;
    await api.post('/api/v1/auth/code', { email: g.email }, address());
    const third = codeIn((await lastMessage(g.email, 2)).text)!;
    if (second !== third)
      expect((await api.post('/api/v1/auth/code/verify', { email: g.email, code: second }, address())).status).toBe(401);
    expect((await api.post('/api/v1/auth/code/verify', { email: g.email, code: third }, address())).status).toBe(200);
  });

  it('throttles a flood per contact and per client address with 429 JSON', async () => {
    const g = await guest();
    const api = client(node.url);
    const statuses: number[] = [];
    for (let i = 0; i <= CODES_PER_CONTACT_PER_HOUR; i++)
      statuses.push((await api.post('/api/v1/auth/code', { phone: g.phone }, address())).status);
    expect(statuses).toEqual([...Array<number>(CODES_PER_CONTACT_PER_HOUR).fill(202), 429]);

    const from = address();
    const byAddress: number[] = [];
    for (let i = 0; i <= CODES_PER_ADDRESS_PER_HOUR; i++) {
      byAddress.push((await api.post('/api/v1/auth/code', { email: `flood-${i}-${crypto.randomUUID()}@test.example` }, from)).status);
    }
    expect(byAddress.slice(0, CODES_PER_ADDRESS_PER_HOUR).every((s) => s === 202)).toBe(true);
    const refused = await api.post('/api/v1/auth/code', { email: g.email }, from);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts a caller behind no trusted balancer by its own address, whatever X-Forwarded-For it sends', async () => {
    const direct = await startTestNode({ sequelize, config: { trustProxy: ['192.0.2.1'] } });
    try {
      const api = client(direct.url);
      const statuses: number[] = [];
      for (let i = 0; i <= CODES_PER_ADDRESS_PER_HOUR; i++) {
        statuses.push((await api.post('/api/v1/auth/code', { email: `spoof-${i}-${crypto.randomUUID()}@test.example` }, address())).status);
      }
      expect(statuses.slice(0, CODES_PER_ADDRESS_PER_HOUR).every((s) => s === 202)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it('refuses a body without exactly one contact, naming the field', async () => {
    const api = client(node.url);
    for (const body of [{}, { email: 'a@test.example', phone: '+852 6000 1234' }, { email: 'a@test.example', extra: 1 }]) {
      const r = await api.post('/api/v1/auth/code', body, address());
      expect(r.status).toBe(400);
      expect(r.body.error.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining([expect.stringMatching(/email|extra|^body$/)]),
      );
    }
    const bad = await api.post('/api/v1/auth/code/verify', { email: 'a@test.example', code: '12ab56' }, address());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('code');
  });

  it('holds no plain email, phone or code in the raw rows or the log', async () => {
    const g = await guest();
    const api = client(node.url);
    await api.post('/api/v1/auth/code', { email: g.email }, address());
    await api.post('/api/v1/auth/code', { phone: g.phone }, address());
    const emailCode = codeIn((await lastMessage(g.email, 0)).text)!;
    const smsCode = codeIn((await lastMessage(digits(g.phone), 0)).text)!;
    await api.post('/api/v1/auth/code/verify', { phone: g.phone, code: smsCode === '111111' ? '222222' : '111111' }, address());
    expect((await api.post('/api/v1/auth/code/verify', { email: g.email, code: emailCode }, address())).status).toBe(200);

    // This guest's rows (the shared test database holds other suites' too); random digits could
    // turn up in any ciphertext, so the codes are looked for in the code rows and the log only.
    const contacts = [emailLookupHash(key, g.email), phoneLookupHash(key, g.phone)];
    const clear = [g.email, g.email.split('@')[0], g.phone, digits(g.phone)];
    const raw: Record<string, { sql: string; secrets: string[] }> = {
      users: { sql: 'SELECT * FROM users WHERE id = $id', secrets: clear },
      sign_in_codes: { sql: 'SELECT * FROM sign_in_codes WHERE contact_hash = ANY($contacts)', secrets: [...clear, emailCode, smsCode] },
      outbox_messages: { sql: `SELECT * FROM outbox_messages WHERE created_at > now() - interval '1 minute'`, secrets: clear },
      sandbox_mailbox: { sql: 'SELECT * FROM sandbox_mailbox WHERE recipient_hash = ANY($mailboxes)', secrets: clear },
    };
    for (const [table, { sql, secrets }] of Object.entries(raw)) {
      const found = await rows<Record<string, unknown>>(sequelize, sql, {
        id: g.id,
        contacts,
        mailboxes: [emailLookupHash(key, g.email), emailLookupHash(key, digits(g.phone))],
      });
      expect(found.length).toBeGreaterThan(0);
      const text = JSON.stringify(found);
      for (const secret of secrets) expect({ table, found: text.includes(secret) ? secret : null }).toEqual({ table, found: null });
    }
    const log = lines.join('\n');
    expect(log).toContain('/auth/code');
    for (const secret of [...clear, emailCode, smsCode]) expect(log).not.toContain(secret);
  });
});
