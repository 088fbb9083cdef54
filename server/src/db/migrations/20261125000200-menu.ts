import type { MigrationFn } from '../migrator';

/**
 * The menu: categories, dishes and their modifiers.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE categories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      sort integer NOT NULL DEFAULT 0
    );
    -- a restaurant's menu, by category
    CREATE INDEX categories_restaurant ON categories (restaurant_id);

    CREATE TABLE dishes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
      station_id uuid REFERENCES stations(id) ON DELETE SET NULL,
      names jsonb NOT NULL,
      descriptions jsonb NOT NULL,
      price_cents integer NOT NULL CHECK (price_cents >= 0),
      image_url text,
      tags text[] NOT NULL DEFAULT '{}',
      allergens text[] NOT NULL DEFAULT '{}',
      spice_level smallint NOT NULL DEFAULT 0 CHECK (spice_level BETWEEN 0 AND 5),
      active boolean NOT NULL DEFAULT true,
      sort integer NOT NULL DEFAULT 0
    );
    -- menu of one restaurant
    CREATE INDEX dishes_restaurant ON dishes (restaurant_id, sort);

    CREATE TABLE modifier_groups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dish_id uuid NOT NULL REFERENCES dishes(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      min_choices smallint NOT NULL DEFAULT 0,
      max_choices smallint NOT NULL DEFAULT 1,
      sort integer NOT NULL DEFAULT 0,
      CHECK (min_choices >= 0 AND max_choices >= min_choices AND max_choices >= 1)
    );
    -- the modifiers of the dishes on a menu
    CREATE INDEX modifier_groups_dish ON modifier_groups (dish_id);

    CREATE TABLE modifier_options (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      group_id uuid NOT NULL REFERENCES modifier_groups(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      price_delta_cents integer NOT NULL DEFAULT 0,
      sort integer NOT NULL DEFAULT 0
    );
    -- the options of those modifier groups
    CREATE INDEX modifier_options_group ON modifier_options (group_id);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS modifier_options, modifier_groups, dishes, categories;
  `);
};
