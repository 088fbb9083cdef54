import { fn } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { invalidTransition, notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import type { LoadedOrder } from '../orders/order.presenter';
import { commitOrderChange } from '../orders/orderChange';
import { findOrder } from '../orders/orderReader';

/**
 * Expo: hands an order over (served at the table, or picked up at the pass). Only once every
 * item still on it is ready; they all become served and the order completed, in one
 * transaction with one `order.updated` event. Of two hand-offs at once, the order's row lock
 * lets one through; the other finds the items served and is refused.
 */
export async function handOffOrder(ctx: Ctx, props: { orderId: string }): Promise<LoadedOrder> {
  const { OrderItem } = models(ctx.sequelize);
  const existing = await findOrder(ctx.sequelize, props.orderId);
  if (!existing) throw notFound('Order');
  authorize(ctx.actor, 'order.handOff', { restaurantId: existing.restaurantId });
  return inTransaction(ctx, async (t, emit) => {
    // The same lock every writer of an order takes first; then the items as they are now.
    const o = (await findOrder(ctx.sequelize, props.orderId, t, true))!;
    if (o.status === 'cancelled') throw invalidTransition('The order was cancelled.');
    if (o.status === 'completed') throw invalidTransition('The order was already handed off.');
    const items = await OrderItem.findAll({ attributes: ['id', 'status'], where: { orderId: o.id }, transaction: t });
    const waiting = items.filter((i) => i.status !== 'cancelled' && i.status !== 'ready' && i.status !== 'served');
    if (waiting.length > 0) {
      throw invalidTransition(`${waiting.length} of the order’s items ${waiting.length === 1 ? 'is' : 'are'} not ready yet.`);
    }
    const ready = items.filter((i) => i.status === 'ready').map((i) => i.id);
    if (ready.length === 0) throw invalidTransition('Nothing of the order is waiting to be handed off.');
    await OrderItem.update({ status: 'served', statusChangedAt: fn('now') }, { where: { id: ready }, transaction: t });
    return commitOrderChange(ctx, t, o, emit);
  });
}
