import type { MigrationFn } from '../migrator';

/**
 * "Goes well with": for each pair of dishes of a restaurant ordered together in the last 30 days,
 * in how many orders, and a score (orders together / √(orders of each)), refreshed by the
 * `recommendations.refresh` job. Both directions are stored, so a lookup reads one side.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE dish_pairings (
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      dish_id uuid NOT NULL REFERENCES dishes(id) ON DELETE CASCADE,
      other_dish_id uuid NOT NULL REFERENCES dishes(id) ON DELETE CASCADE,
      orders integer NOT NULL CHECK (orders > 0),
      score double precision NOT NULL CHECK (score > 0 AND score <= 1),
      computed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (dish_id, other_dish_id),
      CHECK (dish_id <> other_dish_id)
    );
    CREATE INDEX dish_pairings_restaurant ON dish_pairings (restaurant_id);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query('DROP TABLE IF EXISTS dish_pairings;');
};
