import type { MigrationFn } from '../migrator';

/**
 * The sandbox card processor's ledger (stands for an outside processor).
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    -- The sandbox card processor's own ledger: it stands for the outside processor, so it is
    -- written outside our transactions, as a real processor's records would be.
    CREATE TABLE sandbox_charges (
      id text PRIMARY KEY,
      idempotency_key text UNIQUE,
      amount_cents integer NOT NULL CHECK (amount_cents >= 0),
      currency char(3) NOT NULL,
      status text NOT NULL CHECK (status IN ('authorized', 'captured', 'voided')),
      captured_cents integer NOT NULL DEFAULT 0,
      refunded_cents integer NOT NULL DEFAULT 0,
      brand text NOT NULL,
      last4 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (refunded_cents <= captured_cents)
    );
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS sandbox_charges;
  `);
};
