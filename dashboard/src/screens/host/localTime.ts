/**
 * The restaurant's wall clock, whatever the device's own zone: a host stand may be a tablet set to
 * anything, and the day it shows is the restaurant's. Same method as the server (its
 * reservations/localTime.ts): the zone's offset at an instant read from Intl, a local time found by
 * correcting a UTC guess by that offset twice (so a time just after a DST change lands right).
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall clock at `at` in `timeZone`, as a UTC timestamp with the same fields. */
function wallClock(at: number, timeZone: string): number {
  const p = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(at))
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The instant the clocks of `timeZone` show `date` (YYYY-MM-DD) plus `minutes` after midnight. */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const target = Date.UTC(y!, m! - 1, d!) + minutes * 60_000;
  let at = target - (wallClock(target, timeZone) - target);
  at += target - wallClock(at, timeZone);
  return new Date(at);
}

/** The local calendar day (YYYY-MM-DD) at `at` in `timeZone`. */
export function localDate(at: Date | number | string, timeZone: string): string {
  return new Date(wallClock(new Date(at).getTime(), timeZone)).toISOString().slice(0, 10);
}

/** Minutes after local midnight of `date` at instant `at` (may be below 0 or past 1440). */
export function minutesInto(date: string, at: Date | number | string, timeZone: string): number {
  return (new Date(at).getTime() - zonedInstant(date, 0, timeZone).getTime()) / 60_000;
}

/** `date` moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a YYYY-MM-DD date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** `HH:MM` as minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** hh:mm on the restaurant's clock (24-hour, as the rest of the app shows times). */
export function clockTime(at: Date | string | number, timeZone: string, locale: string): string {
  const key = `${locale}|${timeZone}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    timeFormats.set(key, f);
  }
  return f.format(new Date(at));
}

/** A local day as its language writes it, with the weekday ("Thu, 3 Dec 2026"). */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
