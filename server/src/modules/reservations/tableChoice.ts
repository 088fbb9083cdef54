/**
 * Which tables can seat a party, best first: every single table that fits, smallest first; then
 * combinations of tables of one join group, fewest spare seats first, then fewest tables. The
 * booking tries them in this order; availability asks whether any of them is free.
 */

export interface BookableTable {
  id: string;
  seats: number;
  joinGroup: string | null;
}

/** A join group's combinations are enumerated; a bigger group is cut to its largest tables (2^12 subsets at most). */
const MAX_GROUP_TABLES = 12;

export function tableCandidates(tables: BookableTable[], partySize: number): string[][] {
  const singles = tables
    .filter((t) => t.seats >= partySize)
    .sort((a, b) => a.seats - b.seats || a.id.localeCompare(b.id))
    .map((t) => ({ ids: [t.id], seats: t.seats }));
  const groups = new Map<string, BookableTable[]>();
  for (const t of tables) if (t.joinGroup) groups.set(t.joinGroup, [...(groups.get(t.joinGroup) ?? []), t]);
  const combos: { ids: string[]; seats: number }[] = [];
  for (const members of groups.values()) {
    const group = [...members].sort((a, b) => b.seats - a.seats || a.id.localeCompare(b.id)).slice(0, MAX_GROUP_TABLES);
    for (let mask = 1; mask < 1 << group.length; mask++) {
      const chosen = group.filter((_, i) => mask & (1 << i));
      if (chosen.length < 2) continue;
      const seats = chosen.reduce((n, t) => n + t.seats, 0);
      // Only a combination no single table of it could seat alone, and none with a table to spare.
      if (seats < partySize || chosen.some((t) => seats - t.seats >= partySize)) continue;
      combos.push({ ids: chosen.map((t) => t.id).sort(), seats });
    }
  }
  combos.sort((a, b) => a.seats - b.seats || a.ids.length - b.ids.length || a.ids.join().localeCompare(b.ids.join()));
  return [...singles, ...combos].map((c) => c.ids);
}
