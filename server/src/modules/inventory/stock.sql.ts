import type { LocalizedText } from '@dinewire/protocol';

export interface LockedIngredient {
  id: string;
  names: LocalizedText;
  unit: string;
  quantity: number;
  low_threshold: number;
}

export interface StockChangeRow {
  locked: LockedIngredient[] | null;
  updated: number;
  lines: { dish_id: string; ingredient_id: string; per: number; quantity: number; sold_out: boolean }[];
}

/**
 * One round trip. `locked` takes the row locks in ingredient-id order (two orders sharing
 * ingredients cannot deadlock) and reads the quantities before; the update happens only if no
 * ingredient would go below zero (all or nothing), writes the ledger, and the recipe lines of
 * every dish the change touches come back with the new quantities.
 * Binds: ids (sorted), deltas (same order), restaurantId, reason, orderId, actorKind, actorId, note.
 */
export const CHANGE_STOCK = `WITH d AS (SELECT unnest($ids::uuid[]) AS id, unnest($deltas::numeric[]) AS delta),
     locked AS (SELECT i.id, i.names, i.unit, i.quantity, i.low_threshold FROM ingredients i
                 WHERE i.id = ANY($ids::uuid[]) AND i.restaurant_id = $restaurantId ORDER BY i.id FOR UPDATE),
     enough AS (SELECT count(*) = cardinality($ids::uuid[]) AND bool_and(l.quantity + d.delta >= 0) AS ok
                  FROM locked l JOIN d ON d.id = l.id),
     upd AS (UPDATE ingredients i SET quantity = i.quantity + d.delta FROM d
              WHERE i.id = d.id AND (SELECT ok FROM enough) RETURNING i.id, i.quantity, d.delta),
     mv AS (INSERT INTO stock_movements (restaurant_id, ingredient_id, delta, quantity_after, reason, order_id, actor_kind, actor_id, note)
            SELECT $restaurantId, upd.id, upd.delta, upd.quantity, $reason, $orderId, $actorKind, $actorId, $note FROM upd),
     lines AS (SELECT rl.dish_id, rl.ingredient_id, rl.quantity AS per, coalesce(upd.quantity, i.quantity) AS quantity,
                      dish.sold_out_at IS NOT NULL AS sold_out
                 FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id JOIN dishes dish ON dish.id = rl.dish_id
                 LEFT JOIN upd ON upd.id = rl.ingredient_id
                WHERE rl.dish_id IN (SELECT dish_id FROM recipe_lines WHERE ingredient_id = ANY($ids::uuid[])))
     SELECT (SELECT json_agg(locked ORDER BY id) FROM locked) AS locked,
            (SELECT count(*)::int FROM upd) AS updated,
            (SELECT coalesce(json_agg(lines), '[]') FROM lines) AS lines`;
