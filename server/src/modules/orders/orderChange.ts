import type { ItemStatus } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import type { Ctx } from '../../context';
import { exec, rows } from '../../db/sql';
import { appendEvent, type StoredEvent } from '../events/eventLog';
import { deriveOrderStatus } from '../kitchen/itemStatus';
import { accessOf, type LoadedOrder, type OrderRow } from './order.presenter';
import { loadOrder } from './orderReader';

/**
 * Finishes a change to a locked order: recomputes its status, raises its version and writes the
 * `order.updated` event (its prevSeq for the order's own subscribers is the order's last seq).
 */
export async function commitOrderChange(
  ctx: Ctx,
  t: Transaction,
  o: OrderRow,
  emit: (e: StoredEvent) => void,
  extra: { cancelled?: boolean } = {},
): Promise<LoadedOrder> {
  const statuses = await rows<{ status: ItemStatus }>(ctx.sequelize, 'SELECT status FROM order_items WHERE order_id = $1', [o.id], t);
  const status = extra.cancelled ? 'cancelled' : deriveOrderStatus(statuses.map((s) => s.status));
  await exec(
    ctx.sequelize,
    `UPDATE orders SET status = $2, version = version + 1, updated_at = now(),
       cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END WHERE id = $1`,
    [o.id, status],
    t,
  );
  const order = await loadOrder(ctx, o.id, t);
  const event = await appendEvent(ctx.sequelize, t, {
    restaurantId: o.restaurant_id,
    type: 'order.updated',
    data: order,
    orderId: o.id,
    prevOrderSeq: o.last_event_seq,
  });
  emit(event);
  return { order, access: accessOf(o) };
}
