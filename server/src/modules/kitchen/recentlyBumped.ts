import type { Ctx } from '../../context';
import { rows } from '../../db/sql';
import { models } from '../../models';
import { authorize } from '../../policies';
import { latestSeq } from '../events/eventLog';
import type { LoadedOrder } from '../orders/order.presenter';
import { withItems } from '../orders/orderReader';

/** At most this many orders in a recall list. */
const RECENT_LIMIT = 100;

/**
 * Binds: restaurantId, minutes, stationId (null: any station). An item's change always changes its
 * order (commitOrderChange), so the order's `updated_at` narrows the search by its index first.
 */
const RECENTLY_BUMPED = `SELECT o.id FROM orders o
  WHERE o.restaurant_id = $restaurantId AND o.status <> 'cancelled'
    AND o.updated_at >= now() - make_interval(mins => $minutes::int)
    AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.status IN ('ready', 'served')
      AND i.status_changed_at >= now() - make_interval(mins => $minutes::int)
      AND ($stationId::uuid IS NULL OR i.station_id = $stationId::uuid))
  ORDER BY o.updated_at DESC LIMIT ${RECENT_LIMIT}`;

/**
 * The recall list: orders with an item of the station (or of any station) moved to ready or served
 * in the last `minutes`, newest change first, so the list survives a reload. The screen keeps it
 * current from the same order events as its rail.
 */
export async function listRecentlyBumped(
  ctx: Ctx,
  props: { restaurantId: string; stationId?: string; minutes: number },
): Promise<{ orders: LoadedOrder[]; latestSeq: number }> {
  authorize(ctx.actor, 'kitchen.recent', { restaurantId: props.restaurantId, stationId: props.stationId ?? null });
  const seq = (await latestSeq(ctx.sequelize, props.restaurantId)) ?? 0;
  const ids = await rows<{ id: string }>(ctx.sequelize, RECENTLY_BUMPED, {
    restaurantId: props.restaurantId,
    minutes: props.minutes,
    stationId: props.stationId ?? null,
  });
  if (ids.length === 0) return { orders: [], latestSeq: seq };
  const list = await models(ctx.sequelize).Order.findAll({
    where: { id: ids.map((r) => r.id) },
    order: [['updatedAt', 'DESC']],
  });
  return { orders: await withItems(ctx, list), latestSeq: seq };
}
