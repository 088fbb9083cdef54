import type { EventsPage, Scope } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { one } from '../../db/sql';
import { fieldError, forbidden, notFound, unauthenticated } from '../../errors';
import { eventsAfter } from '../../realtime/eventLog';
import { canSeeOrder, loadOrderRow } from '../orders/orderReader';
import { mayWatch } from '../../realtime/permissions';

/** The catch-up path: everything after a cursor that this caller's scope may see. */
export async function catchUp(
  ctx: Ctx,
  q: { restaurantId: string; after: number; scope: Scope | 'order'; orderId?: string; token?: string; limit?: number },
): Promise<EventsPage> {
  const exists = await one(ctx.sequelize, 'SELECT 1 FROM restaurants WHERE id = $1', [q.restaurantId]);
  if (!exists) throw notFound('Restaurant');
  if (q.scope === 'order') {
    if (!q.orderId) throw fieldError('orderId', 'required with scope=order');
    const o = await loadOrderRow(ctx, q.orderId);
    if (!o || o.restaurant_id !== q.restaurantId || !canSeeOrder(ctx, o, q.token)) throw notFound('Order');
  } else if (!mayWatch(ctx.actor, q.restaurantId, q.scope)) {
    throw ctx.actor.kind === 'anonymous' ? unauthenticated() : forbidden(`You may not see the ${q.scope} scope of this restaurant.`);
  }
  return eventsAfter(ctx.sequelize, { restaurantId: q.restaurantId, after: q.after, audience: q.scope, orderId: q.orderId, limit: q.limit });
}
