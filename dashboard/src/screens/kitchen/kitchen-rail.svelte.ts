import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { DinewireEvent, Locale, Order, OrderItem, TicketAges } from '@dinewire/protocol';
import { toApiError, type ApiError } from '@dinewire/ui/api';
import { errorMessage, type MessageParams, type UiMessageKey } from '@dinewire/ui/i18n';
import type { Subscriber } from '@dinewire/ui/realtime';
import { FollowedSnapshot, type FollowStatus } from '@dinewire/ui/state';
import type { KitchenApi } from './kitchen-api';
import type { Key } from './messages';
import {
  DEFAULT_TICKET_AGES,
  RECALL_WINDOW_MINUTES,
  allDayCounts,
  compareTickets,
  recallEntries,
  ticketOf,
  type AllDayLine,
  type RecallEntry,
  type Ticket,
} from './tickets';

export type KitchenApiPort = Pick<KitchenApi, 'restaurant' | 'menu' | 'openOrders' | 'recent' | 'moveItem' | 'moveTicket' | 'rush'>;

export interface RailNotice {
  key: Key | UiMessageKey;
  params?: MessageParams;
}

/** Orders that left the screen whose version we remember, so a late copy cannot bring one back. */
const CLOSED_MEMORY = 2000;
/** The recall window moves on in steps this long (it need not follow every second). */
const WINDOW_STEP_MS = 15_000;
const NOTICE_MS = 6000;
/** A screen that is sent several new tickets at once (a catch-up) chimes once. */
const CHIME_GAP_MS = 1500;

function isFullOrder(data: unknown): data is Order {
  return typeof data === 'object' && data !== null && Array.isArray((data as Order).items);
}

/**
 * One kitchen screen's rail: the open orders of a restaurant as one station (or every station)
 * sees them. It loads the open orders and the recently bumped ones with the seq they are current
 * to, subscribes to the kitchen scope from there (the client catches up on anything missed,
 * after a reconnect too), and applies each order only if its `version` is newer than the one it
 * holds, so the rail ends up equal to the database with no duplicate and nothing missing.
 * Each order's ticket is built once per version; an event costs one ticket and one sort.
 */
export class KitchenRail {
  readonly restaurantId: string;
  readonly stationId: string | null;
  readonly #api: KitchenApiPort;
  readonly #now: () => number;
  readonly #locale: () => Locale;
  readonly #orders = new SvelteMap<string, Order>();
  readonly #closed = new Map<string, number>();
  /** Tickets by order id, rebuilt only when the order object changes. Not reactive: a cache. */
  readonly #tickets = new Map<string, Ticket>();
  readonly #busy = new SvelteSet<string>();
  /** When each ticket arrived live (not in a load): it flashes. */
  readonly #arrived = new Map<string, number>();
  #ages = $state.raw<TicketAges>(DEFAULT_TICKET_AGES);
  /** Counts every change of the thresholds heard (load or event), so an older answer cannot undo a newer one. */
  #agesRevision = 0;
  #allergens = $state.raw<ReadonlyMap<string, readonly string[]>>(new Map());
  #tables = $state.raw<ReadonlyMap<string, string>>(new Map());
  readonly #followed: FollowedSnapshot<Order[]>;
  #selectedId = $state<string | null>(null);
  #notice = $state.raw<RailNotice | null>(null);
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;
  #pruneTimer: ReturnType<typeof setInterval> | null = null;
  #lastChime = 0;
  /** Called when a new ticket lands on this rail live (the screen flashes and chimes). */
  onNewTicket: ((order: Order) => void) | null = null;

  constructor(opts: {
    restaurantId: string;
    stationId: string | null;
    api: KitchenApiPort;
    connection: Subscriber;
    /** The current time; reactive in the app (the shared clock), plain in tests. */
    now: () => number;
    locale: () => Locale;
  }) {
    this.restaurantId = opts.restaurantId;
    this.stationId = opts.stationId;
    this.#api = opts.api;
    this.#now = opts.now;
    this.#locale = opts.locale;
    this.#followed = new FollowedSnapshot(opts.connection, {
      request: () => ({ restaurantId: this.restaurantId, scope: 'kitchen', ...this.#station() }),
      load: async (signal) => {
        const [open, recent] = await Promise.all([
          this.#api.openOrders(this.restaurantId, signal),
          this.#api.recent(this.restaurantId, this.stationId, RECALL_WINDOW_MINUTES, signal),
        ]);
        // Both lists are current to at least the smaller seq: follow from there (a copy already held is skipped by version).
        return { snapshot: [...open.orders, ...recent.orders], seq: Math.min(open.latestSeq, recent.latestSeq) };
      },
      apply: (orders) => {
        this.#orders.clear();
        this.#closed.clear();
        this.#tickets.clear();
        for (const order of orders) this.#upsert(order, false);
      },
      onEvent: (event) => this.#apply(event),
      holdsAnything: () => this.#orders.size > 0,
    });
  }

  /** The rail: open tickets, rushed first, then oldest first. */
  readonly tickets: Ticket[] = $derived.by(() => {
    const out: Ticket[] = [];
    for (const order of this.#orders.values()) {
      const ticket = this.#ticketOf(order);
      if (ticket.open) out.push(ticket);
    }
    return out.sort(compareTickets);
  });

  /** How many of each dish (with options) this screen still has to cook. */
  readonly allDay: AllDayLine[] = $derived.by(() => allDayCounts(this.tickets, this.#locale()));

  /** The start of the recall window, in coarse steps: the list is recomputed a few times a minute, not every second. */
  readonly #windowStart: number = $derived.by(
    () => Math.floor(this.#now() / WINDOW_STEP_MS) * WINDOW_STEP_MS - RECALL_WINDOW_MINUTES * 60_000,
  );

  /** What this screen bumped lately, newest first. */
  readonly recall: RecallEntry[] = $derived.by(() => recallEntries(this.#orders.values(), this.stationId, this.#windowStart));

  /** The selected ticket (the bump bar's cursor): the chosen one while on the rail, else the first. */
  readonly selected: Ticket | null = $derived(this.tickets.find((t) => t.id === this.#selectedId) ?? this.tickets[0] ?? null);

  get ages(): TicketAges {
    return this.#ages;
  }

  /** Where the thresholds are now; give it back to `acceptAges`. */
  get agesRevision(): number {
    return this.#agesRevision;
  }

  /**
   * Thresholds this screen just saved: shown at once unless the rail heard of a change since
   * `revision` (that change, or the event of this very save, then stands).
   */
  acceptAges(ages: TicketAges, revision: number): void {
    if (revision !== this.#agesRevision) return;
    this.#setAges(ages);
  }

  get status(): FollowStatus {
    return this.#followed.status;
  }

  get error(): ApiError | null {
    return this.#followed.error;
  }

  get notice(): RailNotice | null {
    return this.#notice;
  }

  allergensOf(dishId: string): readonly string[] {
    return this.#allergens.get(dishId) ?? [];
  }

  tableLabel(tableId: string | null): string | null {
    return tableId ? (this.#tables.get(tableId) ?? null) : null;
  }

  /** A call for this ticket (or recall entry) is in flight. */
  isBusy(orderId: string): boolean {
    return this.#busy.has(orderId);
  }

  /** The ticket came in live within the last few seconds. */
  isFresh(orderId: string, withinMs = 5000): boolean {
    const at = this.#arrived.get(orderId);
    return at !== undefined && Date.now() - at < withinMs;
  }

  start(): void {
    void this.#followed.open();
    void this.#loadDetails();
    this.#pruneTimer = setInterval(() => this.#prune(), 60_000);
  }

  retry(): void {
    void this.#followed.open();
  }

  dispose(): void {
    this.#followed.dispose();
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    if (this.#pruneTimer) clearInterval(this.#pruneTimer);
  }

  // ------------------------------------------------------------ selection (the bump bar)

  select(orderId: string): void {
    this.#selectedId = orderId;
  }

  /** Moves the selection `delta` tickets along the rail (clamped at its ends). */
  move(delta: number): void {
    const list = this.tickets;
    if (list.length === 0) return;
    const at = this.selected ? list.indexOf(this.selected) : 0;
    this.#selectedId = list[Math.min(list.length - 1, Math.max(0, at + delta))]!.id;
  }

  moveTo(end: 'first' | 'last'): void {
    const list = this.tickets;
    if (list.length) this.#selectedId = list[end === 'first' ? 0 : list.length - 1]!.id;
  }

  // ------------------------------------------------------------ actions

  /** Bumps the whole ticket: every item of this screen not ready yet, one step on. */
  bumpTicket(ticket: Ticket): Promise<void> {
    return this.#act(ticket.id, async () => {
      // The one after it takes the selection if this one leaves the rail.
      const list = this.tickets;
      const next = list[list.indexOf(ticket) + 1] ?? list[list.indexOf(ticket) - 1] ?? null;
      const order = await this.#api.moveTicket(ticket.id, 'bump', { ...this.#station(), seen: ticket.seen });
      this.#upsert(order, false);
      if (this.#selectedId === ticket.id || this.selected?.id === ticket.id) {
        if (!this.#ticketOf(order).open && next) this.#selectedId = next.id;
      }
    });
  }

  bumpItem(ticket: Ticket, item: OrderItem): Promise<void> {
    return this.#act(ticket.id, async () => this.#upsert(await this.#api.moveItem(item.id, 'bump', item.status), false));
  }

  /** Brings a recall entry back: its ready items back to cooking (onto the rail), or a served one back to ready. */
  recallEntry(entry: RecallEntry): Promise<void> {
    return this.#act(entry.order.id, async () => {
      const order = this.#orders.get(entry.order.id) ?? entry.order;
      const ticket = this.#ticketOf(order);
      const ready = ticket.items.some((i) => i.status === 'ready');
      const served = entry.items.find((i) => i.status === 'served');
      const moved =
        ready || !served
          ? await this.#api.moveTicket(order.id, 'recall', { ...this.#station(), seen: ticket.seen })
          : await this.#api.moveItem(served.id, 'recall', 'served');
      this.#upsert(moved, false);
      if (this.#ticketOf(moved).open) this.#selectedId = moved.id;
    });
  }

  recallLast(): Promise<void> {
    const last = this.recall[0];
    return last ? this.recallEntry(last) : Promise.resolve();
  }

  toggleRush(ticket: Ticket): Promise<void> {
    return this.#act(ticket.id, async () => this.#upsert(await this.#api.rush(ticket.id, ticket.rushedMs === null), false));
  }

  dismissNotice(): void {
    this.#setNotice(null);
  }

  // ------------------------------------------------------------ loading and following

  /** Thresholds, tables and allergens: the rail works without them (defaults) while they load. */
  async #loadDetails(): Promise<void> {
    const lang = this.#locale();
    const revision = this.#agesRevision;
    const [restaurant, menu] = await Promise.allSettled([
      this.#api.restaurant(this.restaurantId, lang),
      this.#api.menu(this.restaurantId, lang),
    ]);
    if (restaurant.status === 'fulfilled') {
      if (restaurant.value.ticketAges) this.acceptAges(restaurant.value.ticketAges, revision);
      this.#tables = new Map((restaurant.value.tables ?? []).map((t) => [t.id, t.label]));
    }
    if (menu.status === 'fulfilled') {
      this.#allergens = new Map(menu.value.categories.flatMap((c) => c.dishes.map((d): [string, string[]] => [d.id, d.allergens])));
    }
  }

  #apply(event: DinewireEvent): void {
    if (event.type === 'order.created' || event.type === 'order.updated') {
      if (isFullOrder(event.data)) this.#upsert(event.data, true);
    } else if (event.type === 'kitchen.settings') {
      this.#setAges((event as DinewireEvent<'kitchen.settings'>).data.ticketAges);
    }
  }

  #setAges(ages: TicketAges): void {
    this.#agesRevision++;
    this.#ages = ages;
  }

  #upsert(order: Order, live: boolean): void {
    const existing = this.#orders.get(order.id);
    const held = existing?.version ?? this.#closed.get(order.id) ?? -1;
    if (order.version <= held) return;
    const ticket = this.#ticketOf(order);
    if (ticket.open || this.#recentlyBumped(order)) {
      if (live && !existing && !this.#closed.has(order.id) && ticket.open) this.#announce(order);
      this.#orders.set(order.id, order);
      this.#closed.delete(order.id);
    } else {
      this.#forget(order.id, order.version);
    }
  }

  #recentlyBumped(order: Order): boolean {
    return recallEntries([order], this.stationId, this.#now() - RECALL_WINDOW_MINUTES * 60_000, 1).length > 0;
  }

  #forget(orderId: string, version: number): void {
    this.#orders.delete(orderId);
    this.#tickets.delete(orderId);
    this.#arrived.delete(orderId);
    this.#closed.set(orderId, version);
    if (this.#closed.size > CLOSED_MEMORY) {
      const oldest = this.#closed.keys().next().value;
      if (oldest !== undefined) this.#closed.delete(oldest);
    }
  }

  /** Orders neither on the rail nor in the recall window any more are let go. */
  #prune(): void {
    for (const order of [...this.#orders.values()]) {
      if (!this.#ticketOf(order).open && !this.#recentlyBumped(order)) this.#forget(order.id, order.version);
    }
  }

  #announce(order: Order): void {
    const now = Date.now();
    this.#arrived.set(order.id, now);
    if (now - this.#lastChime >= CHIME_GAP_MS) {
      this.#lastChime = now;
      this.onNewTicket?.(order);
    }
  }

  #ticketOf(order: Order): Ticket {
    const cached = this.#tickets.get(order.id);
    if (cached && cached.order === order) return cached;
    const ticket = ticketOf(order, this.stationId);
    this.#tickets.set(order.id, ticket);
    return ticket;
  }

  #station(): { stationId?: string } {
    return this.stationId ? { stationId: this.stationId } : {};
  }

  async #act(orderId: string, run: () => Promise<void>): Promise<void> {
    if (this.#busy.has(orderId)) return;
    this.#busy.add(orderId);
    try {
      await run();
    } catch (error) {
      const apiError = toApiError(error);
      this.#setNotice(apiError.code === 'invalid_transition' ? { key: 'kitchen.notice.changed' } : errorMessage(apiError));
    } finally {
      this.#busy.delete(orderId);
    }
  }

  #setNotice(notice: RailNotice | null): void {
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    this.#noticeTimer = null;
    this.#notice = notice;
    if (notice) this.#noticeTimer = setTimeout(() => (this.#notice = null), NOTICE_MS);
  }
}
