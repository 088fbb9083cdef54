import type { ItemStatus } from '@dinewire/protocol';
import { type Ctx, inTransaction } from '../../context';
import { exec, one } from '../../db/sql';
import { invalidTransition, notFound } from '../../errors';
import { authorize } from '../../policies';
import type { LoadedOrder, OrderItemRow } from '../orders/order.presenter';
import { commitOrderChange } from '../orders/orderChange';
import { loadOrderRow } from '../orders/orderReader';
import { stepFrom } from './itemStatus';

/** Kitchen: moves an item one step on (`bump`) or back (`recall`). */
export async function moveItem(ctx: Ctx, props: { itemId: string; direction: 'bump' | 'recall' }): Promise<LoadedOrder> {
  return inTransaction(ctx, async (t, emit) => {
    const item = await one<OrderItemRow & { restaurant_id: string }>(
      ctx.sequelize,
      'SELECT i.*, o.restaurant_id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.id = $1',
      [props.itemId],
      t,
    );
    if (!item) throw notFound('Item');
    authorize(ctx.actor, 'kitchen.move', { restaurantId: item.restaurant_id, stationId: item.station_id });
    // Lock the order first (the same order every writer of an order takes), then re-read the item.
    const o = (await loadOrderRow(ctx, item.order_id, t, true))!;
    const current = await one<{ status: ItemStatus }>(ctx.sequelize, 'SELECT status FROM order_items WHERE id = $1', [item.id], t);
    const from = current!.status;
    if (o.status === 'cancelled' || from === 'cancelled') throw invalidTransition('The order was cancelled.');
    const to = stepFrom(from, props.direction);
    if (!to) {
      throw invalidTransition(
        props.direction === 'bump' ? `The item is already ${from}; it cannot move on.` : `The item is ${from}; there is no step back.`,
      );
    }
    await exec(ctx.sequelize, 'UPDATE order_items SET status = $2, status_changed_at = now() WHERE id = $1', [item.id, to], t);
    return commitOrderChange(ctx, t, o, emit);
  });
}
