import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { decryptPii, emailLookupHash, encryptPii, normaliseEmail } from '../../lib/pii';
import type { MigrationFn } from '../migrator';

/**
 * Account emails encrypted at rest (lib/pii) with a keyed hash to look them up: existing rows
 * are moved in batches, so the migration needs PII_KEY when there are any.
 */

const BATCH = 500;

/** The key, when there are rows to move; checked before any change, so a refused run leaves the schema as it was. */
async function keyIfRows(sequelize: Sequelize, piiKey: Buffer | undefined, direction: string): Promise<Buffer | null> {
  const [found] = await sequelize.query('SELECT 1 FROM users LIMIT 1');
  if (found.length === 0) return null;
  if (!piiKey) throw new Error(`users has rows: migrating account emails ${direction} needs PII_KEY`);
  return piiKey;
}

/** Rewrites users in id order, BATCH rows a statement, with `set` computing each row's new values. */
async function rewriteInBatches(
  sequelize: Sequelize,
  transaction: Transaction,
  select: string,
  update: string,
  set: (row: Record<string, string>) => Record<string, string>,
): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await sequelize.query<Record<string, string>>(select, {
      bind: { after, limit: BATCH },
      type: QueryTypes.SELECT,
      transaction,
    });
    if (batch.length === 0) return;
    const values = batch.map((row) => ({ id: row.id, ...set(row) }));
    await sequelize.query(update, { bind: { rows: JSON.stringify(values) }, transaction });
    after = batch[batch.length - 1].id;
  }
}

// One transaction (PostgreSQL's DDL is transactional): a failure leaves users as it was.
export const up: MigrationFn = async ({ context: q, secrets }) => {
  const s = q.sequelize;
  const key = await keyIfRows(s, secrets.piiKey, 'up');
  await s.transaction(async (transaction) => {
    await s.query(`ALTER TABLE users ADD COLUMN email_enc text, ADD COLUMN email_hash text`, { transaction });
    if (key) {
      await rewriteInBatches(
        s,
        transaction,
        'SELECT id, email FROM users WHERE id > $after ORDER BY id LIMIT $limit',
        `UPDATE users u SET email_enc = v.email_enc, email_hash = v.email_hash
         FROM jsonb_to_recordset($rows::jsonb) AS v(id uuid, email_enc text, email_hash text) WHERE u.id = v.id`,
        (row) => ({ email_enc: encryptPii(key, normaliseEmail(row.email))!, email_hash: emailLookupHash(key, row.email) }),
      );
    }
    await s.query(
      `
    ALTER TABLE users ALTER COLUMN email_enc SET NOT NULL, ALTER COLUMN email_hash SET NOT NULL;
    DROP INDEX users_email;
    ALTER TABLE users DROP COLUMN email;
    -- login and registration look an address up by its keyed hash; one account per address
    CREATE UNIQUE INDEX users_email_hash ON users (email_hash);
  `,
      { transaction },
    );
  });
};

export const down: MigrationFn = async ({ context: q, secrets }) => {
  const s = q.sequelize;
  const key = await keyIfRows(s, secrets.piiKey, 'down');
  await s.transaction(async (transaction) => {
    await s.query(`ALTER TABLE users ADD COLUMN email text`, { transaction });
    if (key) {
      await rewriteInBatches(
        s,
        transaction,
        'SELECT id, email_enc FROM users WHERE id > $after ORDER BY id LIMIT $limit',
        `UPDATE users u SET email = v.email FROM jsonb_to_recordset($rows::jsonb) AS v(id uuid, email text) WHERE u.id = v.id`,
        (row) => ({ email: decryptPii(key, row.email_enc)! }),
      );
    }
    await s.query(
      `
    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    DROP INDEX users_email_hash;
    ALTER TABLE users DROP COLUMN email_enc, DROP COLUMN email_hash;
    CREATE UNIQUE INDEX users_email ON users (lower(email));
  `,
      { transaction },
    );
  });
};
