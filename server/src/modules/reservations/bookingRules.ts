import { type BookingPolicy, BookingPolicySchema, type OpeningHours } from '@dinewire/protocol';
import { fieldError } from '../../errors';
import { daysBetween, localDate, minutesOf, weekday, zonedInstant } from './localTime';

/** The rules' defaults where a restaurant sets none (protocol's BookingPolicySchema says so too). */
export const DEFAULT_REMINDER_HOURS = 24;
export const DEFAULT_NO_SHOW_GRACE_MINUTES = 15;

/** A restaurant's rules as stored; one without valid rules takes no bookings. */
export function bookingPolicyOf(stored: unknown): BookingPolicy | null {
  const r = BookingPolicySchema.safeParse(stored);
  return r.success ? r.data : null;
}

/** How long a party of this size holds its tables. */
export function stayMinutesFor(policy: BookingPolicy, partySize: number): number {
  const rule = [...(policy.stayMinutesByPartySize ?? [])]
    .sort((a, b) => a.upToPartySize - b.upToPartySize)
    .find((r) => partySize <= r.upToPartySize);
  return rule?.minutes ?? policy.stayMinutes;
}

/** A party outside the restaurant's limits is a bad request, named by its field. */
export function checkPartySize(policy: BookingPolicy, partySize: number): void {
  if (partySize < policy.minPartySize || partySize > policy.maxPartySize) {
    throw fieldError('partySize', `this restaurant books parties of ${policy.minPartySize} to ${policy.maxPartySize}`);
  }
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The day's slot starts the rules allow for this party, before tables and pacing: every
 * `slotMinutes` from each opening time while the stay ends by closing (a closing time at or
 * before the opening time is past midnight), not sooner than the lead time from now, not on a
 * closed date, not beyond the horizon.
 */
export function ruleSlots(
  r: { policy: BookingPolicy; openingHours: OpeningHours[]; timeZone: string },
  date: string,
  partySize: number,
  now: Date,
): Slot[] {
  const { policy, timeZone } = r;
  const ahead = daysBetween(localDate(now, timeZone), date);
  if (ahead < 0 || ahead > policy.bookingHorizonDays || policy.closedDates?.includes(date)) return [];
  const stay = stayMinutesFor(policy, partySize);
  const earliest = now.getTime() + policy.bookingLeadMinutes * 60_000;
  const slots: Slot[] = [];
  for (const h of r.openingHours.filter((o) => o.day === weekday(date))) {
    const opens = minutesOf(h.opens);
    let closes = minutesOf(h.closes);
    if (closes <= opens) closes += 24 * 60;
    for (let start = opens; start + stay <= closes; start += policy.slotMinutes) {
      const startsAt = zonedInstant(date, start, timeZone);
      if (startsAt.getTime() < earliest) continue;
      slots.push({ startsAt, endsAt: new Date(startsAt.getTime() + stay * 60_000) });
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
