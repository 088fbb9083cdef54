import type { MigrationFn } from '../migrator';

/**
 * Restaurants, their event counters, kitchen stations and tables.
 * Money everywhere in the schema is integer minor units; stock is numeric in the ingredient's unit.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE restaurants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE,
      names jsonb NOT NULL,
      descriptions jsonb NOT NULL,
      cuisine text NOT NULL,
      area text NOT NULL,
      price_level smallint NOT NULL CHECK (price_level BETWEEN 1 AND 4),
      time_zone text NOT NULL,
      currency char(3) NOT NULL,
      tax_rate_bps integer NOT NULL DEFAULT 0 CHECK (tax_rate_bps BETWEEN 0 AND 10000),
      service_charge_bps integer NOT NULL DEFAULT 0 CHECK (service_charge_bps BETWEEN 0 AND 10000),
      opening_hours jsonb NOT NULL DEFAULT '[]',
      image_url text,
      cancellation_policy jsonb NOT NULL DEFAULT '{}',
      sort integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- One row per restaurant: the event counter (REALTIME.md). Incremented inside the writing
    -- transaction, its row lock hands out seq gap-free and in commit order. last_* remember the
    -- latest seq each audience was sent, so every event can carry its audience's prevSeq.
    CREATE TABLE restaurant_counters (
      restaurant_id uuid PRIMARY KEY REFERENCES restaurants(id) ON DELETE CASCADE,
      seq bigint NOT NULL DEFAULT 0,
      last_kitchen bigint NOT NULL DEFAULT 0,
      last_board bigint NOT NULL DEFAULT 0,
      last_menu bigint NOT NULL DEFAULT 0,
      -- scratch: the last_* values before the latest increment, set by the same UPDATE
      -- (PostgreSQL 15's RETURNING sees only new values)
      prev bigint[] NOT NULL DEFAULT '{0,0,0}'
    );

    CREATE TABLE stations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      sort integer NOT NULL DEFAULT 0
    );
    -- a restaurant's stations (GET /restaurants/:id, kitchen screens)
    CREATE INDEX stations_restaurant ON stations (restaurant_id);

    CREATE TABLE dining_tables (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      label text NOT NULL,
      seats smallint NOT NULL CHECK (seats BETWEEN 1 AND 40),
      UNIQUE (restaurant_id, label)
    );

    -- Every restaurant has its counter row, whoever inserts the restaurant (seeder, factories,
    -- bench fixtures): the rule lives here and nowhere else. One statement-level trigger, so a
    -- bulk insert of restaurants adds their counters in one statement too.
    CREATE FUNCTION restaurants_add_counters() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO restaurant_counters (restaurant_id) SELECT id FROM added;
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER restaurants_add_counters AFTER INSERT ON restaurants
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION restaurants_add_counters();
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TRIGGER IF EXISTS restaurants_add_counters ON restaurants;
    DROP FUNCTION IF EXISTS restaurants_add_counters();
    DROP TABLE IF EXISTS dining_tables, stations, restaurant_counters, restaurants;
  `);
};
