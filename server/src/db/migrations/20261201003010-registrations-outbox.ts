import type { MigrationFn } from '../migrator';

/**
 * Sign-up by emailed code (registrations) and the messages waiting to be sent (outbox_messages).
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- sha256 of the emailed code: POST /auth/register/verify
      code_hash text NOT NULL UNIQUE,
      email_enc text NOT NULL,
      email_hash text NOT NULL,
      name_enc text NOT NULL,
      phone_enc text NOT NULL,
      password_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- pruning of expired codes
    CREATE INDEX registrations_expires ON registrations (expires_at);

    CREATE TABLE outbox_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('email')),
      recipient_enc text NOT NULL,
      template text NOT NULL,
      payload_enc text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    -- the sender's queue: what is still to send, oldest first
    CREATE INDEX outbox_unsent ON outbox_messages (created_at) WHERE sent_at IS NULL;
    -- pruning: messages past their days, sent or not
    CREATE INDEX outbox_created ON outbox_messages (created_at);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS outbox_messages, registrations;
  `);
};
