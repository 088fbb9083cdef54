import type { MigrationFn } from '../migrator';

/**
 * The kitchen display: each restaurant's ticket age thresholds (a ticket turns amber, then red,
 * after so many minutes), an order's rush (set when a cook or manager rushes it, NULL otherwise:
 * rushed tickets lead every rail), and the index the recall list reads.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE restaurants
      ADD COLUMN ticket_amber_minutes smallint NOT NULL DEFAULT 5 CHECK (ticket_amber_minutes BETWEEN 1 AND 240),
      ADD COLUMN ticket_red_minutes smallint NOT NULL DEFAULT 8 CHECK (ticket_red_minutes BETWEEN 2 AND 480),
      ADD CONSTRAINT restaurants_ticket_ages CHECK (ticket_amber_minutes < ticket_red_minutes);
    ALTER TABLE orders ADD COLUMN rushed_at timestamptz;
    -- The recall list: a restaurant's orders changed in the last minutes (kitchen/recentlyBumped).
    CREATE INDEX orders_restaurant_updated ON orders (restaurant_id, updated_at);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP INDEX IF EXISTS orders_restaurant_updated;
    ALTER TABLE orders DROP COLUMN IF EXISTS rushed_at;
    ALTER TABLE restaurants DROP CONSTRAINT IF EXISTS restaurants_ticket_ages,
      DROP COLUMN IF EXISTS ticket_red_minutes, DROP COLUMN IF EXISTS ticket_amber_minutes;
  `);
};
