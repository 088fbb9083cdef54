import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../db/connection';
import { createMigrator } from '../../db/migrator';
import { rows } from '../../db/sql';
import { encryptPii, phoneLookupHash } from '../../lib/pii';
import { testConfig } from '../../test/harness';
import { scratchDatabase } from '../../test/scratchDb';
import { emailColumns } from './accountEmail';

const MIGRATION = '20261202150000-sign-in-codes';

/** Accounts stored before sign-in by code get their phone's lookup hash; without PII_KEY nothing changes. */
describe('sign-in codes migration', () => {
  const key = testConfig().piiKey;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let sequelize: Sequelize;
  beforeAll(async () => {
    scratch = await scratchDatabase('signincodes');
    sequelize = createSequelize(scratch.url, { poolMax: 2 });
  });
  afterAll(async () => {
    await sequelize?.close();
    await scratch?.drop();
  });

  it('hashes stored phones for lookup, refuses without PII_KEY, and goes down again', async () => {
    const withKey = createMigrator(sequelize, undefined, { piiKey: key });
    const pending = (await withKey.pending()).map((m) => m.name);
    await withKey.up({ to: pending[pending.indexOf(MIGRATION) - 1] });
    const a = emailColumns(key, 'old.guest@test.example');
    const b = emailColumns(key, 'no.phone@test.example');
    await sequelize.query(
      `INSERT INTO users (email_enc, email_hash, name, phone_enc, password_hash, role)
       VALUES ($aEnc, $aHash, 'Old Guest', $phone, 'x', 'guest'), ($bEnc, $bHash, 'No Phone', NULL, 'x', 'guest')`,
      { bind: { aEnc: a.emailEnc, aHash: a.emailHash, bEnc: b.emailEnc, bHash: b.emailHash, phone: encryptPii(key, '+852 6000 4321') } },
    );

    await expect(createMigrator(sequelize).up({ to: MIGRATION })).rejects.toThrow(/PII_KEY/);
    await withKey.up({ to: MIGRATION });
    const after = await rows<{ name: string; phone_hash: string | null }>(sequelize, 'SELECT name, phone_hash FROM users ORDER BY name');
    expect(after).toEqual([
      { name: 'No Phone', phone_hash: null },
      { name: 'Old Guest', phone_hash: phoneLookupHash(key, '+85260004321') },
    ]);

    await withKey.down({ to: MIGRATION });
    const [column] = await sequelize.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'phone_hash'`,
    );
    expect(column).toHaveLength(0);
    await withKey.up();
  });
});
