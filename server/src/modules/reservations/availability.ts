import type { BookingPolicy } from '@dinewire/protocol';
import type { Slot } from './bookingRules';
import { type BookableTable, tableCandidates } from './tableChoice';

/** An active hold of a table: [from, to). */
export interface Hold {
  tableId: string;
  from: Date;
  to: Date;
}

/** A live booking's start and party, for pacing. */
export interface Booked {
  startsAt: Date;
  partySize: number;
}

/** The candidates (tableChoice) whose every table is free over the slot, best first. */
export function freeCandidates(tables: BookableTable[], holds: Hold[], partySize: number, slot: Slot): string[][] {
  const busy = new Set(
    holds.filter((h) => h.from.getTime() < slot.endsAt.getTime() && slot.startsAt.getTime() < h.to.getTime()).map((h) => h.tableId),
  );
  return tableCandidates(tables, partySize).filter((ids) => ids.every((id) => !busy.has(id)));
}

/** Whether pacing lets another `partySize` guests start in the slot beginning at `startsAt`. */
export function withinPacing(policy: BookingPolicy, booked: Booked[], partySize: number, startsAt: Date): boolean {
  if (policy.coversPerSlot === undefined) return true;
  const from = startsAt.getTime();
  const to = from + policy.slotMinutes * 60_000;
  const covers = booked.filter((b) => b.startsAt.getTime() >= from && b.startsAt.getTime() < to).reduce((n, b) => n + b.partySize, 0);
  return covers + partySize <= policy.coversPerSlot;
}

/** The slots the rules allow that pacing and the tables can take. */
export function availableSlots(
  slots: Slot[],
  d: { policy: BookingPolicy; tables: BookableTable[]; holds: Hold[]; booked: Booked[]; partySize: number },
): Slot[] {
  return slots.filter(
    (s) => withinPacing(d.policy, d.booked, d.partySize, s.startsAt) && freeCandidates(d.tables, d.holds, d.partySize, s).length > 0,
  );
}
