import { FEW_PORTIONS_LEFT, type InventoryLevel, type MenuAvailability } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import type { Actor } from '../../context';
import { rows } from '../../db/sql';
import { CHANGE_STOCK, type StockChangeRow } from './stock.sql';

export type StockReason = 'order' | 'cancel' | 'receive' | 'waste' | 'count' | 'correction';

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
  const [result] = await rows<StockChangeRow>(
    sequelize,
    CHANGE_STOCK,
    {
      ids,
      deltas,
      restaurantId: args.restaurantId,
      reason: args.reason,
      orderId: args.orderId ?? null,
      actorKind: args.actor.kind,
      actorId: args.actor.kind === 'anonymous' ? null : args.actor.id,
      note: args.note ?? null,
    },
    t,
  );
  const before = new Map(
    (result.locked ?? []).map((r) => [r.id, { ...r, quantity: Number(r.quantity), low_threshold: Number(r.low_threshold) }]),
  );
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
  const soldOutByHand = new Set(lines.filter((l) => l.sold_out).map((l) => l.dish_id));
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
      // An 86'd dish stays off whatever its stock does; the count still tells the staff what is left.
      const byHand = soldOutByHand.has(dishId);
      availability.push({ dishId, available: p.after > 0 && !byHand, remaining: p.after, ...(byHand ? { soldOutByHand: true } : {}) });
    }
  }
  return { shortages: [], availability, low, levels };
}
