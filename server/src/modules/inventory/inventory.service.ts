import type { Ingredient, InventoryLevel, LocalizedText } from '@dinewire/protocol';
import { type Ctx, inTransaction } from '../../context';
import { one, rows } from '../../db/sql';
import { fieldError, notFound } from '../../errors';
import { authorize } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { changeStock, type StockReason } from './stock';

export async function listInventory(ctx: Ctx, restaurantId: string): Promise<{ ingredients: Ingredient[] }> {
  authorize(ctx.actor, 'inventory.read', { restaurantId });
  const list = await rows<{ id: string; names: LocalizedText; unit: string; quantity: number; low_threshold: number }>(
    ctx.sequelize,
    `SELECT id, names, unit, quantity, low_threshold FROM ingredients WHERE restaurant_id = $1 ORDER BY names->>'en'`,
    [restaurantId],
  );
  return {
    ingredients: list.map((i) => ({ id: i.id, name: i.names.en, names: i.names, unit: i.unit, quantity: i.quantity, lowThreshold: i.low_threshold })),
  };
}

/** A manager's stock movement (goods received, waste, a count, a correction), in the ledger and announced. */
export async function adjustStock(
  ctx: Ctx,
  props: { ingredientId: string; delta: number; reason: Exclude<StockReason, 'order' | 'cancel'>; note?: string },
): Promise<{ ingredient: InventoryLevel }> {
  const ing = await one<{ restaurant_id: string }>(ctx.sequelize, 'SELECT restaurant_id FROM ingredients WHERE id = $1', [
    props.ingredientId,
  ]);
  if (!ing) throw notFound('Ingredient');
  authorize(ctx.actor, 'inventory.adjust', { restaurantId: ing.restaurant_id });
  return inTransaction(ctx, async (t, emit) => {
    const result = await changeStock(ctx.sequelize, t, {
      restaurantId: ing.restaurant_id,
      deltas: new Map([[props.ingredientId, props.delta]]),
      reason: props.reason,
      actor: ctx.actor,
      note: props.note ?? null,
    });
    if (result.shortages.length) {
      const s = result.shortages[0];
      throw fieldError('delta', `stock cannot go below zero (there are ${s.available} left)`);
    }
    const level = result.levels[0];
    const r = ing.restaurant_id;
    emit(await appendEvent(ctx.sequelize, t, { restaurantId: r, type: 'inventory.adjusted', data: level }));
    for (const a of result.availability) emit(await appendEvent(ctx.sequelize, t, { restaurantId: r, type: 'menu.availability', data: a }));
    for (const l of result.low) emit(await appendEvent(ctx.sequelize, t, { restaurantId: r, type: 'inventory.low', data: l }));
    return { ingredient: level };
  });
}
