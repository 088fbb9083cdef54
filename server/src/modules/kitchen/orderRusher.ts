import { fn } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { invalidTransition, notFound } from '../../errors';
import { models } from '../../models';
import { authorize, can } from '../../policies';
import { accessOf, type LoadedOrder } from '../orders/order.presenter';
import { commitOrderChange } from '../orders/orderChange';
import { findOrder, loadOrder } from '../orders/orderReader';

/**
 * Rushes an order (it leads every kitchen screen) or takes the rush back: stored on the order and
 * committed with its `order.updated` event. Asking for what already holds changes nothing and
 * writes no event.
 */
export async function rushOrder(ctx: Ctx, props: { orderId: string; rushed: boolean }): Promise<LoadedOrder> {
  return inTransaction(ctx, async (t, emit) => {
    const o = await findOrder(ctx.sequelize, props.orderId, t, true);
    // Whoever may not see the order learns nothing of it, not even that it exists.
    if (!o || !can(ctx.actor, 'order.read', { order: accessOf(o) })) throw notFound('Order');
    authorize(ctx.actor, 'order.rush', { restaurantId: o.restaurantId });
    if (Boolean(o.rushedAt) === props.rushed) return { order: await loadOrder(ctx, o.id, t), access: accessOf(o) };
    if (props.rushed && (o.status === 'completed' || o.status === 'cancelled')) {
      throw invalidTransition(`The order is ${o.status}; there is nothing left to rush.`);
    }
    // A pre-order is not on any kitchen screen before its party is seated: nothing to rush yet.
    if (o.held) throw invalidTransition('This pre-order waits for its party to be seated.');
    await models(ctx.sequelize).Order.update({ rushedAt: props.rushed ? fn('now') : null }, { where: { id: o.id }, transaction: t });
    return commitOrderChange(ctx, t, o, emit);
  });
}
