import { FEW_PORTIONS_LEFT, type InventoryLevel, type LocalizedText, type MenuAvailability } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import type { Actor } from '../../context';
import { rows } from '../../db/sql';

export type StockReason = 'order' | 'cancel' | 'receive' | 'waste' | 'count' | 'correction';

interface LockedIngredient {
  id: string;
  names: LocalizedText;
  unit: string;
  quantity: number;
  low_threshold: number;
}

export interface StockChangeResult {
  /** Ingredients that would go below zero; nothing was changed when this is not empty. */
  shortages: { ingredientId: string; available: number; needed: number }[];
  availability: MenuAvailability[];
  low: InventoryLevel[];
  levels: InventoryLevel[];
}

/** Rounds to the column's 3 decimals so float noise never fails the >= 0 check. */
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Changes stock of one restaurant's ingredients inside the caller's transaction. Rows are locked
 * in ingredient-id order, so two orders sharing ingredients cannot deadlock; a change that would
 * take any ingredient below zero changes nothing and reports the shortages. Every movement goes
 * to the ledger. Returns the availability and low-stock changes for the caller to announce.
 */
export async function changeStock(
  sequelize: Sequelize,
  t: Transaction,
  args: {
    restaurantId: string;
    deltas: Map<string, number>;
    reason: StockReason;
    orderId?: string | null;
    actor: Actor;
    note?: string | null;
  },
): Promise<StockChangeResult> {
  const ids = [...args.deltas.keys()].sort();
  const empty: StockChangeResult = { shortages: [], availability: [], low: [], levels: [] };
  if (ids.length === 0) return empty;
  const deltas = ids.map((id) => round3(args.deltas.get(id)!));
  // One round trip. `locked` takes the row locks in ingredient-id order (two orders sharing
  // ingredients cannot deadlock) and reads the quantities before; the update happens only if no
  // ingredient would go below zero (all or nothing), writes the ledger, and the recipe lines of
  // every dish the change touches come back with the new quantities.
  const [result] = await rows<{ locked: LockedIngredient[] | null; updated: number; lines: { dish_id: string; ingredient_id: string; per: number; quantity: number }[] }>(
    sequelize,
    `WITH d AS (SELECT unnest($1::uuid[]) AS id, unnest($2::numeric[]) AS delta),
     locked AS (SELECT i.id, i.names, i.unit, i.quantity, i.low_threshold FROM ingredients i
                 WHERE i.id = ANY($1::uuid[]) AND i.restaurant_id = $3 ORDER BY i.id FOR UPDATE),
     enough AS (SELECT count(*) = cardinality($1::uuid[]) AND bool_and(l.quantity + d.delta >= 0) AS ok
                  FROM locked l JOIN d ON d.id = l.id),
     upd AS (UPDATE ingredients i SET quantity = i.quantity + d.delta FROM d
              WHERE i.id = d.id AND (SELECT ok FROM enough) RETURNING i.id, i.quantity, d.delta),
     mv AS (INSERT INTO stock_movements (restaurant_id, ingredient_id, delta, quantity_after, reason, order_id, actor_kind, actor_id, note)
            SELECT $3, upd.id, upd.delta, upd.quantity, $4, $5, $6, $7, $8 FROM upd),
     lines AS (SELECT rl.dish_id, rl.ingredient_id, rl.quantity AS per, coalesce(upd.quantity, i.quantity) AS quantity
                 FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id LEFT JOIN upd ON upd.id = rl.ingredient_id
                WHERE rl.dish_id IN (SELECT dish_id FROM recipe_lines WHERE ingredient_id = ANY($1::uuid[])))
     SELECT (SELECT json_agg(locked ORDER BY id) FROM locked) AS locked,
            (SELECT count(*)::int FROM upd) AS updated,
            (SELECT coalesce(json_agg(lines), '[]') FROM lines) AS lines`,
    [
      ids,
      deltas,
      args.restaurantId,
      args.reason,
      args.orderId ?? null,
      args.actor.kind,
      args.actor.kind === 'anonymous' ? null : args.actor.id,
      args.note ?? null,
    ],
    t,
  );
  const before = new Map((result.locked ?? []).map((r) => [r.id, { ...r, quantity: Number(r.quantity), low_threshold: Number(r.low_threshold) }]));
  const shortages: StockChangeResult['shortages'] = [];
  const after = new Map<string, number>();
  for (const id of ids) {
    const row = before.get(id);
    if (!row) throw new Error(`ingredient ${id} is not in restaurant ${args.restaurantId}`);
    const next = round3(row.quantity + args.deltas.get(id)!);
    if (next < 0) shortages.push({ ingredientId: id, available: row.quantity, needed: -args.deltas.get(id)! });
    after.set(id, next);
  }
  if (shortages.length) return { ...empty, shortages };
  if (result.updated !== ids.length) throw new Error(`stock update touched ${result.updated} of ${ids.length} ingredients`);
  const lines = result.lines.map((l) => ({ ...l, per: Number(l.per), quantity: Number(l.quantity) }));

  const levels: InventoryLevel[] = ids.map((id) => {
    const r = before.get(id)!;
    return { ingredientId: id, name: r.names.en, names: r.names, unit: r.unit, quantity: after.get(id)!, lowThreshold: r.low_threshold };
  });
  // Crossing the low threshold on the way down is announced once, not on every order below it.
  const low = levels.filter((l) => {
    const was = before.get(l.ingredientId)!.quantity;
    return was > l.lowThreshold && l.quantity <= l.lowThreshold;
  });

  // Dishes whose recipes use a changed ingredient: compare portions left before and after.
  const portions = new Map<string, { before: number; after: number }>();
  for (const l of lines) {
    const nowQty = l.quantity;
    const wasQty = before.get(l.ingredient_id)?.quantity ?? l.quantity;
    const p = portions.get(l.dish_id) ?? { before: Infinity, after: Infinity };
    p.before = Math.min(p.before, Math.floor(round3(wasQty / l.per)));
    p.after = Math.min(p.after, Math.floor(round3(nowQty / l.per)));
    portions.set(l.dish_id, p);
  }
  const availability: MenuAvailability[] = [];
  for (const [dishId, p] of [...portions].sort(([a], [b]) => a.localeCompare(b))) {
    const flipped = p.before > 0 !== p.after > 0;
    if (flipped || (p.after !== p.before && Math.min(p.after, p.before) <= FEW_PORTIONS_LEFT)) {
      availability.push({ dishId, available: p.after > 0, remaining: p.after });
    }
  }
  return { shortages: [], availability, low, levels };
}
