import type { MigrationFn } from '../migrator';

/**
 * When an order was first all ready (or completed without passing through ready): the end of its
 * ticket time on the manager's live view. Orders ready before this migration take their last
 * change as the time. The indexes serve the live figures: today's orders and the last hour's
 * series by placed_at, ticket times by ready_at.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE orders ADD COLUMN ready_at timestamptz;
    UPDATE orders SET ready_at = updated_at WHERE status IN ('ready', 'completed');
    CREATE INDEX orders_restaurant_placed ON orders (restaurant_id, placed_at);
    CREATE INDEX orders_restaurant_ready ON orders (restaurant_id, ready_at) WHERE ready_at IS NOT NULL;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP INDEX IF EXISTS orders_restaurant_ready;
    DROP INDEX IF EXISTS orders_restaurant_placed;
    ALTER TABLE orders DROP COLUMN IF EXISTS ready_at;
  `);
};
