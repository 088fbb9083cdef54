import type { AvailabilityResponse } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { notFound } from '../../errors';
import { availableSlots } from './availability';
import { bookingPolicyOf, checkPartySize, ruleSlots } from './bookingRules';
import { readBookingDay } from './reservations.sql';

/**
 * The slots a party can book on a local date: the rules' slots (bookingRules) that pacing and
 * the tables free for the whole stay can take. Open to anyone, like the menu. A restaurant
 * without valid booking rules has no slots.
 */
export async function readAvailability(
  ctx: Ctx,
  q: { restaurantId: string; date: string; partySize: number },
  now = new Date(),
): Promise<AvailabilityResponse> {
  const day = await readBookingDay(ctx.sequelize, { restaurantId: q.restaurantId, date: q.date });
  if (!day) throw notFound('Restaurant');
  const policy = bookingPolicyOf(day.policy);
  if (!policy) return { slots: [] };
  checkPartySize(policy, q.partySize);
  const slots = availableSlots(ruleSlots({ policy, openingHours: day.openingHours, timeZone: day.timeZone }, q.date, q.partySize, now), {
    policy,
    tables: day.tables,
    holds: day.holds,
    booked: day.booked,
    partySize: q.partySize,
  });
  return { slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })) };
}
