import type { MigrationFn } from '../migrator';

/**
 * Money moved after commit, by jobs: our books say whether the processor has confirmed each
 * movement, and the sandbox processor answers a repeated capture or refund (same idempotency
 * key) with the first answer, as a real processor does.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    -- pending: a card capture or refund still to be confirmed by the processor (a job is on the
    -- queue); settled: confirmed (or our own books only: room charges); void: the processor
    -- refused the capture, so no money moved.
    ALTER TABLE payments
      ADD COLUMN status text NOT NULL DEFAULT 'settled' CHECK (status IN ('pending', 'settled', 'void')),
      ADD COLUMN settled_at timestamptz;
    UPDATE payments SET settled_at = created_at;

    ALTER TABLE sandbox_charges
      ADD COLUMN capture_key text,
      ADD COLUMN refund_keys text[] NOT NULL DEFAULT '{}';
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE sandbox_charges DROP COLUMN IF EXISTS refund_keys, DROP COLUMN IF EXISTS capture_key;
    ALTER TABLE payments DROP COLUMN IF EXISTS settled_at, DROP COLUMN IF EXISTS status;
  `);
};
