import type { MigrationFn } from '../migrator';

/**
 * What a booking carries past its tables: the deposit and where it stands (the money itself moves
 * as payments rows and jobs), the party's allergies, its pre-order's order, whether it is a walk-in,
 * and when its guest was reminded. One migration for the columns every later step reads.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE reservations
      ADD COLUMN deposit_cents integer NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
      ADD COLUMN paid_cents integer NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
      ADD COLUMN refunded_cents integer NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
      ADD COLUMN payment_status text NOT NULL DEFAULT 'none'
        CHECK (payment_status IN ('none', 'pending', 'paid', 'refunded', 'partially_refunded')),
      ADD COLUMN allergies text[] NOT NULL DEFAULT '{}',
      ADD COLUMN preorder_order_id uuid REFERENCES orders (id) ON DELETE SET NULL,
      ADD COLUMN walk_in boolean NOT NULL DEFAULT false,
      ADD COLUMN reminded_at timestamptz,
      ADD CONSTRAINT reservations_refund_within_paid CHECK (refunded_cents <= paid_cents);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE reservations
      DROP CONSTRAINT IF EXISTS reservations_refund_within_paid,
      DROP COLUMN IF EXISTS deposit_cents,
      DROP COLUMN IF EXISTS paid_cents,
      DROP COLUMN IF EXISTS refunded_cents,
      DROP COLUMN IF EXISTS payment_status,
      DROP COLUMN IF EXISTS allergies,
      DROP COLUMN IF EXISTS preorder_order_id,
      DROP COLUMN IF EXISTS walk_in,
      DROP COLUMN IF EXISTS reminded_at;
  `);
};
