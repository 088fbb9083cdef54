import type { MigrationFn } from '../migrator';

/**
 * Inventory: ingredients, recipes (what a portion of a dish takes) and the stock ledger.
 * After menu (recipe lines name dishes) and orders (stock movements name the order).
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE ingredients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      unit text NOT NULL,
      -- the database itself refuses negative stock, whatever the code does
      quantity numeric(14,3) NOT NULL CHECK (quantity >= 0),
      low_threshold numeric(14,3) NOT NULL DEFAULT 0 CHECK (low_threshold >= 0)
    );
    -- GET /restaurants/:id/inventory
    CREATE INDEX ingredients_restaurant ON ingredients (restaurant_id);

    CREATE TABLE recipe_lines (
      dish_id uuid NOT NULL REFERENCES dishes(id) ON DELETE CASCADE,
      ingredient_id uuid NOT NULL REFERENCES ingredients(id) ON DELETE CASCADE,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (dish_id, ingredient_id)
    );
    -- which dishes an ingredient's stock change affects
    CREATE INDEX recipe_lines_ingredient ON recipe_lines (ingredient_id);

    CREATE TABLE stock_movements (
      id bigserial PRIMARY KEY,
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      ingredient_id uuid NOT NULL REFERENCES ingredients(id) ON DELETE CASCADE,
      delta numeric(14,3) NOT NULL,
      quantity_after numeric(14,3) NOT NULL,
      reason text NOT NULL CHECK (reason IN ('order', 'cancel', 'receive', 'waste', 'count', 'correction', 'seed')),
      -- deferred: an order's stock is taken before its row is written, in the same transaction
      order_id uuid REFERENCES orders(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
      actor_kind text NOT NULL,
      actor_id uuid,
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- an ingredient's ledger
    CREATE INDEX stock_movements_ingredient ON stock_movements (ingredient_id, id);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS stock_movements, recipe_lines, ingredients;
  `);
};
