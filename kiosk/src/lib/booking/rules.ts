import type { BookingPolicy, OpeningHours } from '@dinewire/protocol';

/** Today's date as the restaurant's clock reads it, `YYYY-MM-DD`. */
export function localDate(now: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The day of week (0 = Sunday) of a local date: the calendar's, whatever the device's zone. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The days a guest may pick: from the restaurant's today to the end of its horizon, leaving out
 * closed dates and weekdays it does not open (availability would offer no slot on them).
 */
export function bookableDates(
  r: { bookingPolicy?: BookingPolicy | null; openingHours: OpeningHours[]; timeZone: string },
  now: Date,
): string[] {
  const policy = r.bookingPolicy;
  if (!policy) return [];
  const today = localDate(now, r.timeZone);
  const open = new Set(r.openingHours.map((h) => h.day));
  const closed = new Set(policy.closedDates ?? []);
  const dates: string[] = [];
  for (let i = 0; i <= policy.bookingHorizonDays; i++) {
    const date = addDays(today, i);
    if (open.has(weekdayOf(date)) && !closed.has(date)) dates.push(date);
  }
  return dates;
}

/** The deposit the rules ask (the server's own function, so the guest is shown what is charged). */
export { depositFor } from '@dinewire/protocol';

/** A fresh Idempotency-Key. */
export function newKey(): string {
  return crypto.randomUUID();
}
