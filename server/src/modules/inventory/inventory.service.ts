import type { Ingredient, InventoryLevel } from '@dinewire/protocol';
import { literal } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { fieldError, notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { presentIngredient } from './ingredient.presenter';
import { changeStock, type StockReason } from './stock';

export async function listInventory(ctx: Ctx, restaurantId: string): Promise<{ ingredients: Ingredient[] }> {
  authorize(ctx.actor, 'inventory.read', { restaurantId });
  const list = await models(ctx.sequelize).Ingredient.findAll({ where: { restaurantId }, order: [[literal(`names->>'en'`), 'ASC']] });
  return { ingredients: list.map(presentIngredient) };
}

/** A manager's stock movement (goods received, waste, a count, a correction), in the ledger and announced. */
export async function adjustStock(
  ctx: Ctx,
  props: { ingredientId: string; delta: number; reason: Exclude<StockReason, 'order' | 'cancel'>; note?: string },
): Promise<{ ingredient: InventoryLevel }> {
  const ing = await models(ctx.sequelize).Ingredient.findByPk(props.ingredientId, { attributes: ['id', 'restaurantId'] });
  if (!ing) throw notFound('Ingredient');
  authorize(ctx.actor, 'inventory.adjust', { restaurantId: ing.restaurantId });
  return inTransaction(ctx, async (t, emit) => {
    const result = await changeStock(ctx.sequelize, t, {
      restaurantId: ing.restaurantId,
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
    const r = ing.restaurantId;
    emit(await appendEvent(ctx.sequelize, t, { restaurantId: r, type: 'inventory.adjusted', data: level }));
    for (const a of result.availability) emit(await appendEvent(ctx.sequelize, t, { restaurantId: r, type: 'menu.availability', data: a }));
    for (const l of result.low) emit(await appendEvent(ctx.sequelize, t, { restaurantId: r, type: 'inventory.low', data: l }));
    return { ingredient: level };
  });
}
