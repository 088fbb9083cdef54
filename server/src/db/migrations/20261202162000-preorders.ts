import type { MigrationFn } from '../migrator';

/**
 * Pre-orders and allergies on the kitchen's tickets. `held`: a pre-order placed with a booking
 * waits for its party; no kitchen screen or order list sees it until the host seats the party
 * (it is then numbered and timed as placed at that moment). `allergies`: what the kitchen is told
 * the guests at the order's table cannot eat (the booking's and the guest account's), fixed when
 * the order reaches the kitchen.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE orders
      ADD COLUMN held boolean NOT NULL DEFAULT false,
      ADD COLUMN allergies text[] NOT NULL DEFAULT '{}';
    -- the orders waiting for their party are few: a partial index keeps them apart cheaply
    CREATE INDEX orders_held ON orders (restaurant_id) WHERE held;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP INDEX IF EXISTS orders_held;
    ALTER TABLE orders DROP COLUMN IF EXISTS held, DROP COLUMN IF EXISTS allergies;
  `);
};
