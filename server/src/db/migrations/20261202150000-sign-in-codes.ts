import { QueryTypes } from 'sequelize';
import { decryptPii, phoneLookupHash } from '../../lib/pii';
import type { MigrationFn } from '../migrator';

/**
 * Sign-in by a one-time code sent to the account's email or phone: accounts are found by the
 * phone's keyed hash (users.phone_hash, filled from phone_enc, so rows with a phone need
 * PII_KEY), the outbox also sends SMS, and each code asked for is a sign_in_codes row.
 */
export const up: MigrationFn = async ({ context: q, secrets }) => {
  const s = q.sequelize;
  const phones = await s.query<{ id: string; phone_enc: string }>('SELECT id, phone_enc FROM users WHERE phone_enc IS NOT NULL', {
    type: QueryTypes.SELECT,
  });
  if (phones.length && !secrets.piiKey) throw new Error('users has phone numbers: hashing them for lookup needs PII_KEY');
  await s.transaction(async (transaction) => {
    await s.query(
      `
      ALTER TABLE users ADD COLUMN phone_hash text;
      -- sign-in by phone: POST /auth/code {phone}
      CREATE INDEX users_phone_hash ON users (phone_hash) WHERE phone_hash IS NOT NULL;

      ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check;
      ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check CHECK (kind IN ('email', 'sms'));

      CREATE TABLE sign_in_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- the keyed hash of the email or phone the code was sent to
        contact_hash text NOT NULL,
        -- null when no account has that contact: the same row is written either way
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        -- lib/pii signInCodeHash: keyed, a six-digit code cannot be tried without PII_KEY
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- the contact's latest code
      CREATE INDEX sign_in_codes_contact ON sign_in_codes (contact_hash, created_at DESC);
      -- pruning of expired codes
      CREATE INDEX sign_in_codes_expires ON sign_in_codes (expires_at);
    `,
      { transaction },
    );
    const values = phones.map((u) => ({ id: u.id, hash: phoneLookupHash(secrets.piiKey!, decryptPii(secrets.piiKey!, u.phone_enc)!) }));
    if (values.length) {
      await s.query(
        `UPDATE users u SET phone_hash = v.hash FROM jsonb_to_recordset($rows::jsonb) AS v(id uuid, hash text) WHERE u.id = v.id`,
        { bind: { rows: JSON.stringify(values) }, transaction },
      );
    }
  });
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS sign_in_codes;
    DELETE FROM outbox_messages WHERE kind = 'sms';
    ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check;
    ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check CHECK (kind IN ('email'));
    DROP INDEX IF EXISTS users_phone_hash;
    ALTER TABLE users DROP COLUMN IF EXISTS phone_hash;
  `);
};
