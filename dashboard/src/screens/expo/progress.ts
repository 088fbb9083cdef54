import type { Order } from '@dinewire/protocol';

/** One station's share of an order: how many of its lines are done (ready or served) of how many. */
export interface StationProgress {
  stationId: string | null;
  name: string;
  done: number;
  total: number;
}

/**
 * An order's progress per station, in the restaurant's station order (lines of a dish with no
 * station last). Cancelled lines count nowhere.
 */
export function stationProgress(
  order: Pick<Order, 'items'>,
  stations: readonly { id: string; name: string }[],
  unassigned: string,
): StationProgress[] {
  const by = new Map<string | null, StationProgress>();
  for (const item of order.items) {
    if (item.status === 'cancelled') continue;
    const id = item.stationId ?? null;
    let p = by.get(id);
    if (!p) {
      p = { stationId: id, name: stations.find((s) => s.id === id)?.name ?? unassigned, done: 0, total: 0 };
      by.set(id, p);
    }
    p.total++;
    if (item.status === 'ready' || item.status === 'served') p.done++;
  }
  const rank = (id: string | null) => {
    const i = stations.findIndex((s) => s.id === id);
    return i < 0 ? stations.length : i;
  };
  return [...by.values()].sort((a, b) => rank(a.stationId) - rank(b.stationId));
}

/** How the order leaves the pass: served at its table, sent up to a room, or picked up. */
export type HandOffKind = 'served' | 'room' | 'pickup';

export function handOffKind(order: Pick<Order, 'tableId' | 'channel'>): HandOffKind {
  if (order.tableId) return 'served';
  if (order.channel === 'room') return 'room';
  return 'pickup';
}

/** Lines still to be made ready before the order can be handed off. */
export function linesWaiting(order: Pick<Order, 'items'>): number {
  return order.items.filter((i) => i.status === 'queued' || i.status === 'cooking').length;
}
