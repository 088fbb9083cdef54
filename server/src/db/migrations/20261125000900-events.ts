import type { MigrationFn } from '../migrator';

/**
 * The event log that real time and catch-up read.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    -- The event log: one row per change, written in the change's transaction.
    CREATE TABLE events (
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      type text NOT NULL,
      order_id uuid,
      -- the previous seq each audience was sent (staff: seq - 1)
      prev_kitchen bigint,
      prev_board bigint,
      prev_menu bigint,
      prev_order bigint,
      data jsonb NOT NULL,
      -- clock_timestamp, not now(): as close to the commit as the row can know (latency is measured from it)
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      -- GET /restaurants/:id/events?after=
      PRIMARY KEY (restaurant_id, seq)
    );
    -- catch-up of one order's subscribers
    CREATE INDEX events_order ON events (order_id, seq) WHERE order_id IS NOT NULL;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS events;
  `);
};
