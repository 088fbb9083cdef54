import type { MenuAvailability } from '@dinewire/protocol';
import { fn } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { portionsLeft } from './dish.presenter';

/**
 * "86" a dish (`available: false`) or put it back on. Stored on the dish and announced as
 * `menu.availability` in the same transaction, so every open menu changes at once. The update
 * waits for orders that read the dish as on sale (they hold it FOR SHARE) and orders after it
 * are refused. Setting what is already set changes nothing and announces nothing.
 */
export async function setDishAvailability(ctx: Ctx, props: { dishId: string; available: boolean }): Promise<{ dish: MenuAvailability }> {
  const m = models(ctx.sequelize);
  const found = await m.Dish.findByPk(props.dishId, { attributes: ['id', 'restaurantId'] });
  if (!found) throw notFound('Dish');
  authorize(ctx.actor, 'dish.availability', { restaurantId: found.restaurantId });
  return inTransaction(ctx, async (t, emit) => {
    const dish = (await m.Dish.findByPk(props.dishId, {
      attributes: ['id', 'restaurantId', 'active', 'soldOutAt'],
      transaction: t,
      lock: t.LOCK.UPDATE,
    }))!;
    const soldOut = !props.available;
    if (soldOut !== (dish.soldOutAt !== null)) {
      const by = ctx.actor.kind === 'user' ? ctx.actor.id : null;
      await m.Dish.update(soldOut ? { soldOutAt: fn('now'), soldOutBy: by } : { soldOutAt: null, soldOutBy: null }, {
        where: { id: dish.id },
        transaction: t,
      });
    }
    const lines = await m.RecipeLine.findAll({ where: { dishId: dish.id }, transaction: t });
    const stock = new Map(
      lines.length
        ? (
            await m.Ingredient.findAll({ where: { id: lines.map((l) => l.ingredientId) }, attributes: ['id', 'quantity'], transaction: t })
          ).map((i) => [i.id, i.quantity])
        : [],
    );
    const remaining = portionsLeft(lines.map((line) => ({ line, stock: stock.get(line.ingredientId) ?? 0 })));
    const availability: MenuAvailability = {
      dishId: dish.id,
      available: dish.active && !soldOut && (remaining === null || remaining > 0),
      remaining,
      soldOutByHand: soldOut,
    };
    if (soldOut !== (dish.soldOutAt !== null)) {
      emit(await appendEvent(ctx.sequelize, t, { restaurantId: dish.restaurantId, type: 'menu.availability', data: availability }));
    }
    return { dish: availability };
  });
}
