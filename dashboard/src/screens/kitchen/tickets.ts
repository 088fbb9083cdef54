import type { ItemStatus, Locale, Order, OrderItem, TicketAges } from '@dinewire/protocol';

/** What the kitchen screen shows of one order, for one station (or for every station: `stationId` null). */
export interface Ticket {
  readonly id: string;
  readonly order: Order;
  readonly placedMs: number;
  /** Set when rushed: rushed tickets lead the rail. */
  readonly rushedMs: number | null;
  /** The items this screen cooks (a station's own; every item on the all-stations screen). */
  readonly items: readonly OrderItem[];
  /** The ticket's other items, greyed, as context (a station screen only). */
  readonly context: readonly OrderItem[];
  /** Some of this screen's items are still to cook: the ticket is on the rail. */
  readonly open: boolean;
  /** The statuses of this screen's items as shown: what a whole-ticket move is guarded by. */
  readonly seen: Readonly<Record<string, ItemStatus>>;
}

export type AgeLevel = 'fresh' | 'amber' | 'red';

/** When nothing else is known (the restaurant's own thresholds are loading). */
export const DEFAULT_TICKET_AGES: TicketAges = { amberMinutes: 5, redMinutes: 8 };

const COOKING_STEPS: readonly ItemStatus[] = ['queued', 'cooking'];

export function isToCook(item: Pick<OrderItem, 'status'>): boolean {
  return COOKING_STEPS.includes(item.status);
}

/** The order as `stationId`'s screen sees it. */
export function ticketOf(order: Order, stationId: string | null): Ticket {
  const items: OrderItem[] = [];
  const context: OrderItem[] = [];
  for (const item of order.items) (stationId === null || item.stationId === stationId ? items : context).push(item);
  const seen: Record<string, ItemStatus> = {};
  for (const item of items) seen[item.id] = item.status;
  // A room charge held for staff is not cooked until they confirm it; a finished order is not cooked at all.
  const cooking = order.status !== 'cancelled' && order.status !== 'completed' && order.paymentStatus !== 'awaiting_confirmation';
  return {
    id: order.id,
    order,
    placedMs: Date.parse(order.placedAt),
    rushedMs: order.rushedAt ? Date.parse(order.rushedAt) : null,
    items,
    context,
    open: cooking && items.some(isToCook),
    seen,
  };
}

/** Rushed first, then the one waiting longest. */
export function compareTickets(a: Ticket, b: Ticket): number {
  if ((a.rushedMs === null) !== (b.rushedMs === null)) return a.rushedMs === null ? 1 : -1;
  return a.placedMs - b.placedMs || a.order.number - b.order.number || (a.id < b.id ? -1 : 1);
}

export function ageLevel(ageMs: number, ages: TicketAges): AgeLevel {
  if (ageMs >= ages.redMinutes * 60_000) return 'red';
  if (ageMs >= ages.amberMinutes * 60_000) return 'amber';
  return 'fresh';
}

/** `m:ss` (or `h:mm:ss` past an hour) of a ticket's age. */
export function formatAge(ageMs: number): string {
  const total = Math.max(0, Math.floor(ageMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What a whole-ticket bump does next: start it (all queued), finish it (all cooking), or both at once. */
export function nextTicketStep(ticket: Ticket): 'start' | 'finish' | 'advance' | null {
  const toCook = ticket.items.filter(isToCook);
  if (toCook.length === 0) return null;
  if (toCook.every((i) => i.status === 'queued')) return 'start';
  if (toCook.every((i) => i.status === 'cooking')) return 'finish';
  return 'advance';
}

export interface AllDayLine {
  key: string;
  dishId: string;
  name: string;
  options: string[];
  quantity: number;
}

/** How many of each dish (with its options) the open tickets still want from this screen: largest first. */
export function allDayCounts(tickets: readonly Ticket[], locale: Locale): AllDayLine[] {
  const lines = new Map<string, AllDayLine>();
  for (const ticket of tickets) {
    for (const item of ticket.items) {
      if (!isToCook(item)) continue;
      const optionIds = item.modifiers.map((m) => m.id).sort();
      const key = `${item.dishId}|${optionIds.join(',')}`;
      const line = lines.get(key);
      if (line) line.quantity += item.quantity;
      else {
        lines.set(key, {
          key,
          dishId: item.dishId,
          name: item.names[locale] ?? item.name,
          options: item.modifiers.map((m) => m.names[locale] ?? m.name),
          quantity: item.quantity,
        });
      }
    }
  }
  return [...lines.values()].sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name, locale));
}

export interface RecallEntry {
  order: Order;
  /** This screen's items bumped to ready or served within the window, newest first. */
  items: OrderItem[];
  lastMs: number;
}

/** How long a bumped item stays on the recall list. */
export const RECALL_WINDOW_MINUTES = 10;

/** What this screen bumped lately, newest first: an entry per order. */
export function recallEntries(orders: Iterable<Order>, stationId: string | null, sinceMs: number, limit = 20): RecallEntry[] {
  const out: RecallEntry[] = [];
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    const items = order.items
      .filter(
        (i) =>
          (stationId === null || i.stationId === stationId) &&
          (i.status === 'ready' || i.status === 'served') &&
          Date.parse(i.statusChangedAt) >= sinceMs,
      )
      .sort((a, b) => Date.parse(b.statusChangedAt) - Date.parse(a.statusChangedAt));
    if (items.length) out.push({ order, items, lastMs: Date.parse(items[0]!.statusChangedAt) });
  }
  return out.sort((a, b) => b.lastMs - a.lastMs).slice(0, limit);
}
