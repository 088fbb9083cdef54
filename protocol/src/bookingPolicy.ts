import { z } from 'zod';

// A file of its own: restaurants (schemas.ts) carry their booking rules, and reservations.ts imports schemas.

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as the restaurant's clock reads it, `YYYY-MM-DD`, and a real one. */
export const LocalDateSchema = z.string().refine(realDate, 'a date as YYYY-MM-DD (and a real one)');

function realDate(s: string): boolean {
  const at = YMD.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN;
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(s);
}

/**
 * A restaurant's booking rules (CONTRACT's bookingPolicy, stored as `restaurants.cancellation_policy`).
 * Times are in the restaurant's time zone. The cancellation, deposit and change fields are kept
 * for those steps; availability and booking read the rest.
 */
export const BookingPolicySchema = z.object({
  freeCancelHours: z.number().int().min(0).max(720),
  lateCancelFeePercent: z.number().int().min(0).max(100),
  noShowFeePercent: z.number().int().min(0).max(100),
  depositPerGuestCents: z.number().int().min(0),
  modifyUntilHours: z.number().int().min(0).max(720),
  /** The earliest a slot can be booked, from now. */
  bookingLeadMinutes: z.number().int().min(0).max(20_160),
  /** How many days ahead bookings open (today counts as day 0). */
  bookingHorizonDays: z.number().int().min(0).max(730),
  /** Slot start times are this many minutes apart, from each opening time. */
  slotMinutes: z.number().int().min(5).max(240),
  /** How long a booking holds its tables. */
  stayMinutes: z.number().int().min(15).max(720),
  /** Longer stays for larger parties: the first rule whose `upToPartySize` fits wins, else `stayMinutes`. */
  stayMinutesByPartySize: z
    .array(z.object({ upToPartySize: z.number().int().min(1).max(100), minutes: z.number().int().min(15).max(720) }))
    .max(20)
    .optional(),
  minPartySize: z.number().int().min(1).max(100),
  maxPartySize: z.number().int().min(1).max(100),
  /** Pacing: at most this many guests may start in one slot; absent = no limit beyond the tables. */
  coversPerSlot: z.number().int().min(1).max(1000).optional(),
  /** Days the restaurant takes no bookings, `YYYY-MM-DD` local. */
  closedDates: z.array(LocalDateSchema).max(366).optional(),
  /**
   * Deposits by rule: the first rule that matches the party size (`fromPartySize` and up) and the
   * booking's local day of week (`days`, 0 = Sunday; absent = every day) sets the amount per guest;
   * when none matches, `depositPerGuestCents` does (0 = no deposit).
   */
  depositRules: z
    .array(
      z.object({
        fromPartySize: z.number().int().min(1).max(100).optional(),
        days: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
        perGuestCents: z.number().int().min(0).max(1_000_000),
      }),
    )
    .max(20)
    .optional(),
  /** The guest is reminded this long before the booking (through the notification outbox); absent = 24. */
  reminderHours: z.number().int().min(1).max(168).optional(),
  /** A booking not seated this long after it starts becomes a no-show by itself; absent = 15. */
  noShowGraceMinutes: z.number().int().min(5).max(240).optional(),
  /** A waitlist offer stands this long before it passes to the next guest in line; absent = 15. */
  waitlistOfferMinutes: z.number().int().min(2).max(240).optional(),
});
export type BookingPolicy = z.infer<typeof BookingPolicySchema>;

/**
 * The deposit the rules ask of a party on a local date (`YYYY-MM-DD`): the party size times the
 * first depositRule's per-guest amount that matches (party size from `fromPartySize` up, weekday in
 * `days`, 0 = Sunday), else `depositPerGuestCents`. One function for what the server charges and
 * what a guest's screen shows first; no rules, no deposit.
 */
export function depositFor(policy: BookingPolicy | null | undefined, partySize: number, date: string): number {
  if (!policy) return 0;
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  const rule = (policy.depositRules ?? []).find(
    (r) => partySize >= (r.fromPartySize ?? 1) && (r.days === undefined || r.days.includes(day)),
  );
  return partySize * (rule?.perGuestCents ?? policy.depositPerGuestCents);
}

export const OpeningHoursSchema = z.object({
  day: z.number().int().min(0).max(6),
  opens: z.string().regex(HHMM, 'HH:MM'),
  closes: z.string().regex(HHMM, 'HH:MM'),
});
