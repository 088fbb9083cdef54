import { SvelteMap } from 'svelte/reactivity';
import {
  FEW_PORTIONS_LEFT,
  type DinewireEvent,
  type EventType,
  type InventoryLevel,
  type Locale,
  type Menu,
  type Order,
  type OrderStatus,
  type Restaurant,
  type Role,
  type Scope,
} from '@dinewire/protocol';
import type { ApiError, DinewireApi } from '@dinewire/ui/api';
import type { Subscriber } from '@dinewire/ui/realtime';
import { FollowedSnapshot, Resource, type FollowStatus } from '@dinewire/ui/state';

/** The statuses the board shows, one column each, in this order. */
export const BOARD_STATUSES = ['placed', 'preparing', 'ready'] as const satisfies readonly OrderStatus[];
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** How many recent events the feed keeps. */
export const FEED_LIMIT = 50;
/** Orders that left the board whose version we remember, so a late copy cannot bring one back. */
const CLOSED_MEMORY = 2000;

export type BoardAlert =
  | { key: string; kind: 'soldOut'; seq: number; at: string; dishId: string }
  | { key: string; kind: 'lowPortions'; seq: number; at: string; dishId: string; remaining: number }
  | { key: string; kind: 'lowStock'; seq: number; at: string; ingredient: InventoryLevel };

export type BoardColumns = Record<BoardStatus, Order[]>;

function isEvent<T extends EventType>(event: DinewireEvent, type: T): event is DinewireEvent<T> {
  return event.type === type;
}

/** Staff see whole orders; the narrower board presentation has no items. */
function isFullOrder(data: unknown): data is Order {
  return typeof data === 'object' && data !== null && 'items' in data && Array.isArray((data as Order).items);
}

function isBoardStatus(status: OrderStatus): status is BoardStatus {
  return (BOARD_STATUSES as readonly OrderStatus[]).includes(status);
}

/** What a role may follow live: kitchen staff the kitchen scope (no guest details), others everything. */
export function boardScope(role: Role): Extract<Scope, 'staff' | 'kitchen'> {
  return role === 'kitchen' ? 'kitchen' : 'staff';
}

/**
 * One restaurant's live orders. It loads the open orders with the seq they are current to,
 * subscribes from that seq (the client catches up on anything after it), and applies each
 * order event only if its `version` is newer than what it holds.
 */
export class OrdersBoard {
  readonly restaurantId: string;
  readonly scope: Extract<Scope, 'staff' | 'kitchen'>;
  readonly #api: Pick<DinewireApi, 'orders' | 'menu'>;
  readonly #orders = new SvelteMap<string, Order>();
  readonly #closedVersions = new Map<string, number>();
  readonly #alerts = new SvelteMap<string, BoardAlert>();
  readonly #menu = new Resource<Menu>();
  #feed = $state.raw<DinewireEvent[]>([]);
  #reloadedAt = $state.raw<Date | null>(null);
  readonly #followed: FollowedSnapshot<Order[]>;
  #locale: Locale;

  constructor(
    restaurantId: string,
    scope: Extract<Scope, 'staff' | 'kitchen'>,
    locale: Locale,
    api: Pick<DinewireApi, 'orders' | 'menu'>,
    connection: Subscriber,
  ) {
    this.restaurantId = restaurantId;
    this.scope = scope;
    this.#locale = locale;
    this.#api = api;
    this.#followed = new FollowedSnapshot(connection, {
      request: () => ({ restaurantId: this.restaurantId, scope: this.scope }),
      load: async (signal) => {
        const list = await this.#api.orders(this.restaurantId, { status: BOARD_STATUSES.join(',') }, signal);
        return { snapshot: list.orders, seq: list.latestSeq };
      },
      apply: (orders) => this.#replaceOrders(orders),
      onEvent: (event) => this.#apply(event),
      holdsAnything: () => this.#orders.size > 0,
      onReload: () => (this.#reloadedAt = new Date()),
    });
  }

  /** Open orders by status, oldest first (the one waiting longest leads). */
  readonly columns: BoardColumns = $derived.by(() => {
    const columns: BoardColumns = { placed: [], preparing: [], ready: [] };
    for (const order of this.#orders.values()) {
      if (isBoardStatus(order.status)) columns[order.status].push(order);
    }
    for (const status of BOARD_STATUSES) {
      columns[status].sort((a, b) => Date.parse(a.placedAt) - Date.parse(b.placedAt) || a.number - b.number);
    }
    return columns;
  });

  /** Newest first. */
  readonly alerts: BoardAlert[] = $derived([...this.#alerts.values()].sort((a, b) => b.seq - a.seq));

  /** Dish names in the current language, for events that carry only a dish id. */
  readonly dishNames: ReadonlyMap<string, string> = $derived(
    new Map(
      (this.#menu.value?.categories ?? []).flatMap((category) => category.dishes.map((dish): [string, string] => [dish.id, dish.name])),
    ),
  );

  get restaurant(): Restaurant | null {
    return this.#menu.value?.restaurant ?? null;
  }

  /** The most recent events, newest first. */
  get feed(): DinewireEvent[] {
    return this.#feed;
  }

  get status(): FollowStatus {
    return this.#followed.status;
  }

  get error(): ApiError | null {
    return this.#followed.error;
  }

  /** Set when the server no longer had our cursor and the board was loaded afresh. */
  get reloadedAt(): Date | null {
    return this.#reloadedAt;
  }

  start(): void {
    void this.#followed.open();
    void this.#loadMenu();
  }

  retry(): void {
    void this.#followed.open();
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    void this.#loadMenu();
  }

  /** An order as a call answered it (a hand-off): applied like its event, by version. */
  applyOrder(order: Order): void {
    this.#upsert(order);
  }

  dismissAlert(key: string): void {
    this.#alerts.delete(key);
  }

  dispose(): void {
    this.#followed.dispose();
    this.#menu.abort();
  }

  #loadMenu(): Promise<void> {
    const locale = this.#locale;
    return this.#menu.load((signal) => this.#api.menu(this.restaurantId, { lang: locale }, signal));
  }

  #replaceOrders(orders: Order[]): void {
    this.#orders.clear();
    this.#closedVersions.clear();
    for (const order of orders) this.#upsert(order);
  }

  #apply(event: DinewireEvent): void {
    this.#feed = [event, ...this.#feed].slice(0, FEED_LIMIT);
    if (isEvent(event, 'order.created') || isEvent(event, 'order.updated')) {
      if (isFullOrder(event.data)) this.#upsert(event.data);
    } else if (isEvent(event, 'menu.availability')) {
      const { dishId, available, remaining } = event.data;
      const key = `dish:${dishId}`;
      if (!available || remaining === 0) {
        this.#alerts.set(key, { key, kind: 'soldOut', seq: event.seq, at: event.at, dishId });
      } else if (remaining !== null && remaining <= FEW_PORTIONS_LEFT) {
        this.#alerts.set(key, { key, kind: 'lowPortions', seq: event.seq, at: event.at, dishId, remaining });
      } else {
        this.#alerts.delete(key);
      }
    } else if (isEvent(event, 'inventory.low')) {
      const key = `stock:${event.data.ingredientId}`;
      this.#alerts.set(key, { key, kind: 'lowStock', seq: event.seq, at: event.at, ingredient: event.data });
    } else if (isEvent(event, 'inventory.adjusted')) {
      const key = `stock:${event.data.ingredientId}`;
      const existing = this.#alerts.get(key);
      if (event.data.quantity > event.data.lowThreshold) this.#alerts.delete(key);
      else if (existing) {
        this.#alerts.set(key, { key, kind: 'lowStock', seq: existing.seq, at: existing.at, ingredient: event.data });
      }
    }
  }

  #upsert(order: Order): void {
    const held = this.#orders.get(order.id)?.version ?? this.#closedVersions.get(order.id) ?? -1;
    if (order.version <= held) return;
    if (isBoardStatus(order.status)) {
      this.#orders.set(order.id, order);
      this.#closedVersions.delete(order.id);
    } else {
      this.#orders.delete(order.id);
      this.#closedVersions.set(order.id, order.version);
      if (this.#closedVersions.size > CLOSED_MEMORY) {
        const oldest = this.#closedVersions.keys().next().value;
        if (oldest !== undefined) this.#closedVersions.delete(oldest);
      }
    }
  }
}
