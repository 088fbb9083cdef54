import type { MigrationFn } from '../migrator';

/**
 * When an unpaid self-service pay-at-counter order lets its stock go: placed_at plus its
 * restaurant's counter_payment_minutes, set when it is placed (NULL for every other order). The
 * queue's minute sweep finds the due ones by the partial index.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE orders ADD COLUMN release_at timestamptz;
    CREATE INDEX orders_release_due ON orders (release_at) WHERE release_at IS NOT NULL AND payment_status = 'due' AND status = 'placed';
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query('DROP INDEX IF EXISTS orders_release_due; ALTER TABLE orders DROP COLUMN IF EXISTS release_at;');
};
