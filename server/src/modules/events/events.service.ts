import type { EventsPage, Scope } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { one } from '../../db/sql';
import { fieldError, notFound } from '../../errors';
import { authorize, can } from '../../policies';
import { eventsAfter } from '../../realtime/eventLog';
import { accessOf } from '../orders/order.presenter';
import { loadOrderRow } from '../orders/orderReader';

/** The catch-up path: everything after a cursor that this caller's scope may see. */
export async function catchUp(
  ctx: Ctx,
  q: { restaurantId: string; after: number; scope: Scope | 'order'; stationId?: string; orderId?: string; token?: string; limit?: number },
): Promise<EventsPage> {
  const exists = await one(ctx.sequelize, 'SELECT 1 FROM restaurants WHERE id = $1', [q.restaurantId]);
  if (!exists) throw notFound('Restaurant');
  if (q.scope === 'order') {
    if (!q.orderId) throw fieldError('orderId', 'required with scope=order');
    const o = await loadOrderRow(ctx, q.orderId);
    // Not found whatever the reason, as over the socket: no order ids are learnt here.
    if (!o || o.restaurant_id !== q.restaurantId || !can(ctx.actor, 'order.read', { order: accessOf(o), token: q.token })) throw notFound('Order');
  } else {
    authorize(ctx.actor, 'scope.watch', { restaurantId: q.restaurantId, scope: q.scope, stationId: q.stationId });
  }
  return eventsAfter(ctx.sequelize, { restaurantId: q.restaurantId, after: q.after, audience: q.scope, orderId: q.orderId, limit: q.limit });
}
