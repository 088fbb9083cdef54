import type { MigrationFn } from '../migrator';

/**
 * The sandbox sender's mailbox (NOTIFIER=sandbox): what a person would have received, kept
 * where tests and the demo read it.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    -- It stands for the recipients' mail servers, so it is written outside our transactions, as
    -- mail once sent stays sent. Recipient and message are personal (and hold sign-up codes):
    -- stored encrypted (lib/pii), found by the recipient's keyed hash.
    CREATE TABLE sandbox_mailbox (
      id bigserial PRIMARY KEY,
      -- the outbox message it came from: a message sent twice shows up twice, as in a real inbox
      message_id uuid NOT NULL,
      recipient_hash text NOT NULL,
      message_enc text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    );
    -- reading one address's inbox, oldest first
    CREATE INDEX sandbox_mailbox_recipient ON sandbox_mailbox (recipient_hash, id);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS sandbox_mailbox;
  `);
};
