import type { Hold } from '../reservations/availability';
import { type BookableTable, tableCandidates } from '../reservations/tableChoice';

/**
 * When each party in line can expect a table, in minutes from `now`: in line order, the earliest
 * time a candidate of theirs (tableChoice) is free for their whole stay, given the holds of the
 * bookings and seated parties, and the tables the parties ahead are expected to take. A table
 * frees when its hold ends, so the times tried are now and the ends of holds. Null when no
 * table can ever seat the party.
 */
export function estimateWaits(
  tables: BookableTable[],
  holds: Hold[],
  line: { partySize: number; stayMinutes: number }[],
  now: Date,
): (number | null)[] {
  const taken: Hold[] = [...holds];
  return line.map(({ partySize, stayMinutes }) => {
    const stay = stayMinutes * 60_000;
    let best: { at: number; ids: string[] } | null = null;
    for (const ids of tableCandidates(tables, partySize)) {
      const own = taken.filter((h) => ids.includes(h.tableId));
      const tries = [now.getTime(), ...own.map((h) => h.to.getTime()).filter((t) => t > now.getTime())].sort((a, b) => a - b);
      const at = tries.find((from) => own.every((h) => h.to.getTime() <= from || h.from.getTime() >= from + stay));
      if (at !== undefined && (!best || at < best.at)) best = { at, ids };
    }
    if (!best) return null;
    for (const tableId of best.ids) taken.push({ tableId, from: new Date(best.at), to: new Date(best.at + stay) });
    return Math.ceil((best.at - now.getTime()) / 60_000);
  });
}
