import type { EventsPage, Scope } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { fieldError, notFound } from '../../errors';
import { models } from '../../models';
import { audienceOf, authorize, can, type OrderAudience } from '../../policies';
import { accessOf } from '../orders/order.presenter';
import { findOrder } from '../orders/orderReader';
import { eventsAfter } from './eventLog';

/** The catch-up path: everything after a cursor that this caller's scope may see. */
export async function catchUp(
  ctx: Ctx,
  q: { restaurantId: string; after: number; scope: Scope | 'order'; stationId?: string; orderId?: string; token?: string; limit?: number },
): Promise<EventsPage> {
  const exists = await models(ctx.sequelize).Restaurant.findByPk(q.restaurantId, { attributes: ['id'] });
  if (!exists) throw notFound('Restaurant');
  let orderAudience: OrderAudience | undefined;
  if (q.scope === 'order') {
    if (!q.orderId) throw fieldError('orderId', 'required with scope=order');
    const o = await findOrder(ctx.sequelize, q.orderId);
    const access = o && o.restaurantId === q.restaurantId ? accessOf(o) : null;
    const audience =
      access && can(ctx.actor, 'order.read', { order: access, token: q.token })
        ? audienceOf(ctx.actor, q.restaurantId, { access, token: q.token })
        : null;
    // Not found whatever the reason, as over the socket: no order ids are learnt here.
    if (!audience) throw notFound('Order');
    orderAudience = audience;
  } else {
    authorize(ctx.actor, 'scope.watch', { restaurantId: q.restaurantId, scope: q.scope, stationId: q.stationId });
  }
  return eventsAfter(ctx.sequelize, {
    restaurantId: q.restaurantId,
    after: q.after,
    audience: q.scope,
    orderId: q.orderId,
    orderAudience,
    limit: q.limit,
    piiKey: ctx.config.piiKey,
  });
}
