import type { Ingredient, InventoryLevel, StockMovementView } from '@dinewire/protocol';
import { literal } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { fieldError, notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { one, rows } from '../../db/sql';
import { presentIngredient, presentMovement } from './ingredient.presenter';
import { LOCK_INGREDIENT, MOVEMENTS, type MovementRow } from './movements.sql';
import { changeStock, type StockReason } from './stock';

export async function listInventory(ctx: Ctx, restaurantId: string): Promise<{ ingredients: Ingredient[] }> {
  authorize(ctx.actor, 'inventory.read', { restaurantId });
  const list = await models(ctx.sequelize).Ingredient.findAll({ where: { restaurantId }, order: [[literal(`names->>'en'`), 'ASC']] });
  return { ingredients: list.map(presentIngredient) };
}

/** A manager's stock movement (goods received, waste, a count, a correction), in the ledger and announced. */
export async function adjustStock(
  ctx: Ctx,
  props: { ingredientId: string; delta?: number; quantity?: number; reason: Exclude<StockReason, 'order' | 'cancel'>; note?: string },
): Promise<{ ingredient: InventoryLevel }> {
  const ing = await models(ctx.sequelize).Ingredient.findByPk(props.ingredientId, { attributes: ['id', 'restaurantId'] });
  if (!ing) throw notFound('Ingredient');
  authorize(ctx.actor, 'inventory.adjust', { restaurantId: ing.restaurantId });
  return inTransaction(ctx, async (t, emit) => {
    // A count gives what is on the shelf: the difference is taken under the row's lock, so an
    // order placed meanwhile is neither lost nor counted twice. A count that matches is recorded too.
    let delta = props.delta ?? 0;
    if (props.quantity !== undefined) {
      const held = await one<{ quantity: number }>(ctx.sequelize, LOCK_INGREDIENT, { ingredientId: props.ingredientId }, t);
      delta = Math.round((props.quantity - Number(held!.quantity)) * 1000) / 1000;
    }
    const result = await changeStock(ctx.sequelize, t, {
      restaurantId: ing.restaurantId,
      deltas: new Map([[props.ingredientId, delta]]),
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

/** A restaurant's stock ledger (managers): newest first, `limit` a page, `nextBefore` the next page's cursor. */
export async function listMovements(
  ctx: Ctx,
  restaurantId: string,
  q: { ingredientId?: string; before?: number; limit?: number },
): Promise<{ movements: StockMovementView[]; nextBefore: number | null }> {
  authorize(ctx.actor, 'inventory.movements', { restaurantId });
  const limit = q.limit ?? 50;
  const list = await rows<MovementRow>(ctx.sequelize, MOVEMENTS, {
    restaurantId,
    ingredientId: q.ingredientId ?? null,
    before: q.before ?? null,
    limit: limit + 1,
  });
  const page = list.slice(0, limit).map(presentMovement);
  return { movements: page, nextBefore: list.length > limit ? page[page.length - 1].id : null };
}
