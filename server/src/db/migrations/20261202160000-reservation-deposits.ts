import type { MigrationFn } from '../migrator';

/**
 * A booking's deposit moves as rows of our one money book, `payments`, as an order's payment does:
 * a row belongs to an order or to a booking, exactly one of them (a CHECK), so every reader of
 * an order's payments keeps reading only those, and the payment jobs' patterns (pending until the
 * processor confirms, idempotency key = the row's id) carry over unchanged.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE payments
      ALTER COLUMN order_id DROP NOT NULL,
      ADD COLUMN reservation_id uuid REFERENCES reservations (id) ON DELETE CASCADE,
      ADD CONSTRAINT payments_one_owner CHECK (num_nonnulls(order_id, reservation_id) = 1),
      -- a deposit's refund names the charge it pays back (a top-up is a charge of its own)
      ADD COLUMN refund_of uuid REFERENCES payments (id) ON DELETE CASCADE,
      ADD CONSTRAINT payments_refund_of_refund CHECK (refund_of IS NULL OR kind = 'refund');
    -- a booking's charges and refunds (cancel, no-show, capture)
    CREATE INDEX payments_reservation ON payments (reservation_id) WHERE reservation_id IS NOT NULL;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DELETE FROM payments WHERE reservation_id IS NOT NULL;
    DROP INDEX IF EXISTS payments_reservation;
    ALTER TABLE payments
      DROP CONSTRAINT IF EXISTS payments_refund_of_refund,
      DROP COLUMN IF EXISTS refund_of,
      DROP CONSTRAINT IF EXISTS payments_one_owner,
      DROP COLUMN IF EXISTS reservation_id,
      ALTER COLUMN order_id SET NOT NULL;
  `);
};
