import type { MigrationFn } from '../migrator';

/**
 * Promotion codes, per restaurant.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE promotions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      code text NOT NULL,
      names jsonb NOT NULL,
      kind text NOT NULL CHECK (kind IN ('percent', 'amount')),
      value integer NOT NULL CHECK (value > 0),
      min_subtotal_cents integer NOT NULL DEFAULT 0,
      starts_at timestamptz,
      ends_at timestamptz,
      active boolean NOT NULL DEFAULT true
    );
    -- a promo code at checkout, case-insensitive; one code per restaurant
    CREATE UNIQUE INDEX promotions_code ON promotions (restaurant_id, upper(code));
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS promotions;
  `);
};
