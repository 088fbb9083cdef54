import type { MigrationFn } from '../migrator';

/**
 * Promotions become rules the engine (modules/promotions/engine.ts) applies by itself:
 * - `kind`: 'percent' (a whole percentage off the subtotal, or off one category's lines),
 *   'amount' (cents off: spend-and-save when `min_subtotal_cents` is set), 'free_item' (one
 *   portion of `free_dish_id` free above `min_subtotal_cents`);
 * - `code`: NULL for a rule that applies without one; else only when the guest types it;
 * - a weekly window in the restaurant's time zone (`days_of_week` 0 = Sunday, minutes of the day
 *   `[window_start_minute, window_end_minute)`), the channels it is open to (NULL: all);
 * - stacking: rules are tried by `priority` (higher first); one that does not `stackable` applies
 *   only alone (nothing before it, nothing after it);
 * - `per_guest_limit`: how many orders of one guest account it may discount (NULL: no limit), counted in
 *   `promotion_usage` by a conditional upsert, so two racing orders cannot both take the last use.
 * Orders keep the promotions applied to them, with their names and amounts, as charged.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE promotions
      ALTER COLUMN code DROP NOT NULL,
      DROP CONSTRAINT IF EXISTS promotions_kind_check,
      ADD CONSTRAINT promotions_kind_check CHECK (kind IN ('percent', 'amount', 'free_item')),
      ADD CONSTRAINT promotions_percent_range CHECK (kind <> 'percent' OR value <= 100),
      ADD COLUMN category_id uuid REFERENCES categories(id) ON DELETE CASCADE,
      ADD COLUMN free_dish_id uuid REFERENCES dishes(id) ON DELETE CASCADE,
      ADD COLUMN channels text[],
      ADD COLUMN days_of_week smallint[],
      ADD COLUMN window_start_minute smallint,
      ADD COLUMN window_end_minute smallint,
      ADD COLUMN priority integer NOT NULL DEFAULT 0,
      ADD COLUMN stackable boolean NOT NULL DEFAULT true,
      ADD COLUMN per_guest_limit integer CHECK (per_guest_limit IS NULL OR per_guest_limit > 0),
      ADD COLUMN sort integer NOT NULL DEFAULT 0,
      ADD CONSTRAINT promotions_free_dish CHECK ((kind = 'free_item') = (free_dish_id IS NOT NULL)),
      ADD CONSTRAINT promotions_window CHECK (
        (window_start_minute IS NULL AND window_end_minute IS NULL)
        OR (window_start_minute >= 0 AND window_end_minute <= 1440 AND window_start_minute < window_end_minute)),
      ADD CONSTRAINT promotions_channels CHECK (channels <@ ARRAY['kiosk', 'web', 'staff', 'room']::text[]),
      ADD CONSTRAINT promotions_days CHECK (days_of_week <@ ARRAY[0, 1, 2, 3, 4, 5, 6]::smallint[]);
    CREATE INDEX promotions_restaurant ON promotions (restaurant_id) WHERE active;

    CREATE TABLE promotion_usage (
      promotion_id uuid NOT NULL REFERENCES promotions(id) ON DELETE CASCADE,
      -- 'user:<id>': a guest account (the only guests a limited promotion is open to)
      guest_key text NOT NULL,
      uses integer NOT NULL CHECK (uses >= 0),
      PRIMARY KEY (promotion_id, guest_key)
    );

    ALTER TABLE orders ADD COLUMN promotions jsonb NOT NULL DEFAULT '[]';
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE orders DROP COLUMN IF EXISTS promotions;
    DROP TABLE IF EXISTS promotion_usage;
    DROP INDEX IF EXISTS promotions_restaurant;
    DELETE FROM promotions WHERE code IS NULL OR kind = 'free_item';
    ALTER TABLE promotions
      DROP CONSTRAINT IF EXISTS promotions_free_dish,
      DROP CONSTRAINT IF EXISTS promotions_window,
      DROP CONSTRAINT IF EXISTS promotions_channels,
      DROP CONSTRAINT IF EXISTS promotions_days,
      DROP CONSTRAINT IF EXISTS promotions_percent_range,
      DROP COLUMN category_id, DROP COLUMN free_dish_id, DROP COLUMN channels, DROP COLUMN days_of_week,
      DROP COLUMN window_start_minute, DROP COLUMN window_end_minute, DROP COLUMN priority, DROP COLUMN stackable,
      DROP COLUMN per_guest_limit, DROP COLUMN sort,
      DROP CONSTRAINT IF EXISTS promotions_kind_check,
      ADD CONSTRAINT promotions_kind_check CHECK (kind IN ('percent', 'amount')),
      ALTER COLUMN code SET NOT NULL;
  `);
};
