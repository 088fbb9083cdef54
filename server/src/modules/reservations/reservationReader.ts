import type { Reservation } from '@dinewire/protocol';
import { Op } from 'sequelize';
import type { Ctx } from '../../context';
import { notFound } from '../../errors';
import { models } from '../../models';
import { latestSeq } from '../events/eventLog';
import { authorize } from '../../policies';
import { localDate, zonedInstant } from './localTime';
import { reservationOfRow } from './reservation.presenter';

/**
 * A restaurant's bookings starting on a local date (its today by default), in start order, for
 * its hosts and managers: every status, each with the tables it holds (or held, once cancelled);
 * and the seq they are current as of, for a screen to follow them from (the host stand).
 */
export async function listRestaurantReservations(
  ctx: Ctx,
  q: { restaurantId: string; date?: string },
): Promise<{ reservations: Reservation[]; latestSeq: number }> {
  authorize(ctx.actor, 'reservation.list', { restaurantId: q.restaurantId });
  const m = models(ctx.sequelize);
  const restaurant = await m.Restaurant.findByPk(q.restaurantId, { attributes: ['id', 'timeZone'] });
  if (!restaurant) throw notFound('Restaurant');
  // Read the seq first: every booking change up to it is committed and visible to the read below.
  const seq = (await latestSeq(ctx.sequelize, q.restaurantId)) ?? 0;
  const date = q.date ?? localDate(new Date(), restaurant.timeZone);
  const rows = await m.Reservation.findAll({
    where: {
      restaurantId: q.restaurantId,
      // A waitlist offer's hold is not a booking (yet): its tables show as taken, it does not.
      status: { [Op.ne]: 'held' as never },
      startsAt: { [Op.gte]: zonedInstant(date, 0, restaurant.timeZone), [Op.lt]: zonedInstant(date, 24 * 60, restaurant.timeZone) },
    },
    include: [{ model: m.ReservationTable, as: 'holds', attributes: ['tableId'] }],
    order: [
      ['startsAt', 'ASC'],
      ['code', 'ASC'],
    ],
  });
  const reservations = rows.map((r) =>
    reservationOfRow(
      ctx.config.piiKey,
      r,
      (r.holds ?? []).map((h) => h.tableId),
    ),
  );
  return { reservations, latestSeq: seq };
}
