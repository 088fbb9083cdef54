import { fn, literal, type Transaction } from 'sequelize';
import type { Services } from '../../context';
import { models, type Order as OrderModel } from '../../models';
import { appendEvent, type StoredEvent } from '../events/eventLog';
import { deriveOrderStatus } from '../kitchen/itemStatus';
import { accessOf, type LoadedOrder } from './order.presenter';
import { loadOrder } from './orderReader';
import { sealOrder } from './orderSecrets';

/**
 * Finishes a change to a locked order: recomputes its status, raises its version and writes the
 * `order.updated` event (its prevSeq for the order's own subscribers is the order's last seq).
 */
export async function commitOrderChange(
  ctx: Pick<Services, 'sequelize' | 'config'>,
  t: Transaction,
  o: OrderModel,
  emit: (e: StoredEvent) => void,
  extra: { cancelled?: boolean } = {},
): Promise<LoadedOrder> {
  const m = models(ctx.sequelize);
  const items = await m.OrderItem.findAll({ attributes: ['status'], where: { orderId: o.id }, transaction: t });
  const status = extra.cancelled ? 'cancelled' : deriveOrderStatus(items.map((i) => i.status));
  // The row is locked: version + 1 here is the database's too. Times are the transaction's; an
  // order cancelled before keeps its time (a refused capture re-cancels a cancelled order).
  await m.Order.update(
    {
      status,
      version: o.version + 1,
      updatedAt: fn('now'),
      ...(status === 'cancelled' ? { cancelledAt: literal('coalesce(cancelled_at, now())') } : {}),
      // The end of its ticket time (live view): first all ready; a recall back to cooking reopens it.
      ...(status === 'ready' || status === 'completed' ? { readyAt: literal('coalesce(ready_at, now())') } : {}),
      ...(status === 'placed' || status === 'preparing' ? { readyAt: null } : {}),
    },
    { where: { id: o.id }, transaction: t },
  );
  const order = await loadOrder(ctx, o.id, t);
  const event = await appendEvent(ctx.sequelize, t, {
    restaurantId: o.restaurantId,
    type: 'order.updated',
    data: sealOrder(ctx.config.piiKey, order),
    orderId: o.id,
    prevOrderSeq: o.lastEventSeq,
  });
  emit(event);
  return { order, access: accessOf(o) };
}
