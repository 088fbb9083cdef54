import { fn } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { invalidTransition, notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import type { LoadedOrder } from '../orders/order.presenter';
import { commitOrderChange } from '../orders/orderChange';
import { findOrder } from '../orders/orderReader';
import { stepFrom } from './itemStatus';

/** Kitchen: moves an item one step on (`bump`) or back (`recall`). */
export async function moveItem(ctx: Ctx, props: { itemId: string; direction: 'bump' | 'recall' }): Promise<LoadedOrder> {
  const { OrderItem } = models(ctx.sequelize);
  return inTransaction(ctx, async (t, emit) => {
    const item = await OrderItem.findByPk(props.itemId, {
      include: [{ association: 'order', attributes: ['restaurantId'] }],
      transaction: t,
    });
    if (!item?.order) throw notFound('Item');
    authorize(ctx.actor, 'kitchen.move', { restaurantId: item.order.restaurantId, stationId: item.stationId });
    // Lock the order first (the same order every writer of an order takes), then re-read the item.
    const o = (await findOrder(ctx.sequelize, item.orderId, t, true))!;
    const from = (await OrderItem.findByPk(item.id, { attributes: ['status'], transaction: t }))!.status;
    if (o.status === 'cancelled' || from === 'cancelled') throw invalidTransition('The order was cancelled.');
    // A held room charge: nothing is cooked until a host or manager confirms it.
    if (o.paymentStatus === 'awaiting_confirmation') throw invalidTransition('The order’s room charge waits for staff to confirm it.');
    const to = stepFrom(from, props.direction);
    if (!to) {
      throw invalidTransition(
        props.direction === 'bump' ? `The item is already ${from}; it cannot move on.` : `The item is ${from}; there is no step back.`,
      );
    }
    await OrderItem.update({ status: to, statusChangedAt: fn('now') }, { where: { id: item.id }, transaction: t });
    return commitOrderChange(ctx, t, o, emit);
  });
}
