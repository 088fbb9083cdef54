import type { OpeningHours, Reservation } from '@dinewire/protocol';
import { minutesInto, minutesOf, weekday } from './localTime';

/** What the timeline spans: minutes after the day's local midnight, and the stretches the restaurant is shut. */
export interface Axis {
  start: number;
  end: number;
  closed: { from: number; to: number }[];
}

/** When nothing says otherwise (no hours that day, no bookings): lunch to late dinner. */
const DEFAULT_AXIS = { start: 11 * 60, end: 23 * 60 };

/** Bookings that hold a table on the floor (the others are listed apart). */
export const onFloor = (r: Pick<Reservation, 'status'>): boolean => r.status !== 'cancelled' && r.status !== 'no_show';

/**
 * The day's axis: its opening hours in the restaurant's zone (a closing at or before opening is past
 * midnight), widened to whole hours and to any booking outside them (a walk-in seated late).
 */
export function axisFor(openingHours: OpeningHours[], date: string, timeZone: string, reservations: Reservation[]): Axis {
  const periods = openingHours
    .filter((h) => h.day === weekday(date))
    .map((h) => {
      const from = minutesOf(h.opens);
      let to = minutesOf(h.closes);
      if (to <= from) to += 24 * 60;
      return { from, to };
    })
    .sort((a, b) => a.from - b.from);
  const edges = [
    ...periods.flatMap((p) => [p.from, p.to]),
    ...reservations.filter(onFloor).flatMap((r) => [minutesInto(date, r.startsAt, timeZone), minutesInto(date, r.endsAt, timeZone)]),
  ];
  const start = edges.length ? Math.floor(Math.min(...edges) / 60) * 60 : DEFAULT_AXIS.start;
  const end = edges.length ? Math.max(start + 60, Math.ceil(Math.max(...edges) / 60) * 60) : DEFAULT_AXIS.end;
  const closed: Axis['closed'] = [];
  if (periods.length) {
    let at = start;
    for (const p of periods) {
      if (p.from > at) closed.push({ from: at, to: p.from });
      at = Math.max(at, p.to);
    }
    if (at < end) closed.push({ from: at, to: end });
  }
  return { start, end, closed };
}

/** A span of the axis as CSS percentages of its width, clipped to it. */
export function span(axis: Axis, from: number, to: number): { left: number; width: number } {
  const total = axis.end - axis.start;
  const a = Math.max(axis.start, Math.min(axis.end, from));
  const b = Math.max(axis.start, Math.min(axis.end, to));
  return { left: ((a - axis.start) / total) * 100, width: ((b - a) / total) * 100 };
}

/** The hours the axis marks. */
export function hourMarks(axis: Axis): number[] {
  const marks: number[] = [];
  for (let m = axis.start; m <= axis.end; m += 60) marks.push(m);
  return marks;
}
