import type { LocalizedText } from '@dinewire/protocol';

export interface MovementRow {
  id: string;
  ingredient_id: string;
  names: LocalizedText;
  unit: string;
  delta: string;
  quantity_after: string;
  reason: 'order' | 'cancel' | 'receive' | 'waste' | 'count' | 'correction' | 'seed';
  note: string | null;
  order_id: string | null;
  order_number: number | null;
  actor_kind: string;
  actor_name: string | null;
  created_at: Date;
}

/**
 * A restaurant's stock ledger, newest first, one page (by id: stable while orders keep adding
 * lines). Served by stock_movements_restaurant, or stock_movements_ingredient with an ingredient.
 * A guest's account (a signed-in guest's order or cancel) shows as `guest`, never by name.
 * Binds: restaurantId, ingredientId (or null), before (or null), limit.
 */
export const MOVEMENTS = `SELECT m.id, m.ingredient_id, i.names, i.unit, m.delta, m.quantity_after, m.reason, m.note,
       m.order_id, o.number AS order_number,
       CASE WHEN u.role = 'guest' THEN 'guest' ELSE m.actor_kind END AS actor_kind,
       CASE WHEN u.role = 'guest' THEN NULL ELSE coalesce(u.name, dv.name) END AS actor_name, m.created_at
  FROM stock_movements m
  JOIN ingredients i ON i.id = m.ingredient_id
  LEFT JOIN orders o ON o.id = m.order_id
  LEFT JOIN users u ON m.actor_kind = 'user' AND u.id = m.actor_id
  LEFT JOIN devices dv ON m.actor_kind = 'device' AND dv.id = m.actor_id
 WHERE m.restaurant_id = $restaurantId
   AND ($ingredientId::uuid IS NULL OR m.ingredient_id = $ingredientId::uuid)
   AND ($before::bigint IS NULL OR m.id < $before::bigint)
 ORDER BY m.id DESC
 LIMIT $limit`;

/** Binds: ingredientId. The row locked before a count: the difference is taken from what it holds now. */
export const LOCK_INGREDIENT = 'SELECT quantity FROM ingredients WHERE id = $ingredientId FOR UPDATE';
