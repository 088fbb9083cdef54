import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../db/connection';
import { createMigrator } from '../../db/migrator';
import { one, rows } from '../../db/sql';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../demo/demoData';
import { seedDemo } from '../../demo/demoSeeder';
import { decryptPii, emailLookupHash } from '../../lib/pii';
import type { DinewireNode } from '../../node';
import { client, startTestNode, testConfig } from '../../test/harness';
import { scratchDatabase } from '../../test/scratchDb';
import { verifyPassword } from './passwords';

const EMAILS_MIGRATION = '20261201003000-user-emails-encrypted';

/** Accounts already stored move to encrypted emails, and the demo accounts are stored like any. */
describe('account emails at rest', () => {
  const key = testConfig().piiKey;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let sequelize: Sequelize;
  let node: DinewireNode | undefined;
  beforeAll(async () => {
    scratch = await scratchDatabase('emails');
    sequelize = createSequelize(scratch.url, { poolMax: 4 });
  });
  afterAll(async () => {
    await node?.close();
    await sequelize?.close();
    await scratch?.drop();
  });

  it('moves stored emails to ciphertext and a keyed hash, refuses without PII_KEY, and goes down again', async () => {
    const withKey = createMigrator(sequelize, undefined, { piiKey: key });
    const before = (await withKey.pending()).map((m) => m.name);
    await withKey.up({ to: before[before.indexOf(EMAILS_MIGRATION) - 1] });
    const legacy = ['Old.Manager@Example.COM', 'guest@old.example'];
    await sequelize.query(
      `INSERT INTO users (email, name, password_hash, role) VALUES ($a, 'Old Manager', 'x', 'manager'), ($b, 'Old Guest', 'x', 'guest')`,
      { bind: { a: legacy[0], b: legacy[1] } },
    );

    // Without the key nothing changes: the rows cannot be encrypted.
    await expect(createMigrator(sequelize).up({ to: EMAILS_MIGRATION })).rejects.toThrow(/PII_KEY/);
    expect((await rows<{ email: string }>(sequelize, 'SELECT email FROM users ORDER BY email')).map((u) => u.email)).toEqual(legacy.sort());

    await withKey.up();
    const moved = await rows<{ text: string; email_enc: string; email_hash: string }>(
      sequelize,
      'SELECT row_to_json(u)::text AS text, email_enc, email_hash FROM users u',
    );
    expect(moved).toHaveLength(2);
    const clear = moved.map((u) => decryptPii(key, u.email_enc)).sort();
    expect(clear).toEqual(legacy.map((e) => e.toLowerCase()).sort());
    for (const u of moved) {
      expect(u.text.toLowerCase()).not.toMatch(/example/);
      expect(u.email_hash).toBe(emailLookupHash(key, decryptPii(key, u.email_enc)!.toUpperCase()));
    }

    await withKey.down({ to: EMAILS_MIGRATION });
    expect((await rows<{ email: string }>(sequelize, 'SELECT email FROM users ORDER BY email')).map((u) => u.email)).toEqual(
      legacy.map((e) => e.toLowerCase()).sort(),
    );
    await withKey.up();
    await sequelize.query('DELETE FROM users');
  });

  it('seeds each demo account with its own hash and salt, its email and phone encrypted, and signs in with the demo password', async () => {
    expect(await seedDemo(sequelize, { piiKey: key })).toEqual({ seeded: true });
    const users = await rows<{ text: string; password_hash: string; email_enc: string; phone_enc: string | null }>(
      sequelize,
      'SELECT row_to_json(u)::text AS text, password_hash, email_enc, phone_enc FROM users u',
    );
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(DEMO_ACCOUNTS.length);
    const salts = users.map((u) => u.password_hash.split('$')[4]);
    expect(new Set(salts).size).toBe(DEMO_ACCOUNTS.length);
    for (const u of users) {
      expect(await verifyPassword(u.password_hash, DEMO_PASSWORD)).toBe(true);
      expect(u.text).not.toMatch(/@example\.com|9123/);
    }
    expect(users.map((u) => decryptPii(key, u.email_enc)).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    expect(users.map((u) => decryptPii(key, u.phone_enc)).filter(Boolean)).toEqual(DEMO_ACCOUNTS.map((a) => a.phone).filter(Boolean));

    node = await startTestNode({ sequelize, config: { databaseUrl: scratch.url } });
    const login = await client(node.url).post('/api/v1/auth/login', { email: 'Manager@Example.com', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'manager@example.com', role: 'manager' });
    const count = await one<{ n: number }>(sequelize, 'SELECT count(*)::int AS n FROM users');
    expect(count!.n).toBe(DEMO_ACCOUNTS.length);
  });
});
