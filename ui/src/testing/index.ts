/**
 * Test doubles and fixtures for the apps' unit tests (never imported by an app's screens):
 * a real-time subscriber the test drives, and protocol-shaped restaurants, menus, orders, events.
 */
import type {
  DinewireEvent,
  Dish,
  EventDataMap,
  EventType,
  Menu,
  Order,
  OrderItem,
  Restaurant,
  SubscribeRequest,
  Subscription,
  SubscriptionHandlers,
} from '@dinewire/protocol';
import type { Subscriber } from '../realtime/connection.svelte';

/** One subscription as the state class made it; the test plays the server through its handlers. */
export interface RecordedSubscription {
  request: SubscribeRequest;
  handlers: SubscriptionHandlers;
  cursor: number | undefined;
  active: boolean;
}

/**
 * Stands in for RealtimeConnection. The protocol's RealtimeClient already delivers each event
 * once and in seq order, catching up over HTTP after a gap; a state class only sees the
 * result through its handlers, which is what a test calls here.
 */
export class FakeSubscriber implements Subscriber {
  readonly subscriptions: RecordedSubscription[] = [];

  subscribe(request: SubscribeRequest, handlers: SubscriptionHandlers, cursor?: number): Subscription {
    const recorded: RecordedSubscription = { request, handlers, cursor, active: true };
    this.subscriptions.push(recorded);
    return {
      request,
      cursor: cursor ?? 0,
      unsubscribe: () => {
        recorded.active = false;
      },
    };
  }

  /** The subscriptions still open. */
  get active(): RecordedSubscription[] {
    return this.subscriptions.filter((s) => s.active);
  }

  /** The one open subscription (fails the test when there is none, or several). */
  get current(): RecordedSubscription {
    const open = this.active;
    if (open.length !== 1) throw new Error(`expected one open subscription, found ${open.length}`);
    return open[0]!;
  }
}

export const RESTAURANT_ID = '11111111-1111-4111-8111-111111111111';

export function restaurant(overrides: Partial<Restaurant> = {}): Restaurant {
  return {
    id: RESTAURANT_ID,
    slug: 'jade-harbour',
    name: 'Jade Harbour',
    description: '',
    names: { en: 'Jade Harbour', 'zh-Hant': '翠港', 'zh-Hans': '翠港' },
    cuisine: 'cantonese',
    area: 'lobby',
    priceLevel: 3,
    timeZone: 'Asia/Hong_Kong',
    currency: 'HKD',
    taxRateBps: 0,
    serviceChargeBps: 1000,
    openingHours: [],
    imageUrl: null,
    stations: [],
    ...overrides,
  };
}

export function dish(id: string, overrides: Partial<Dish> = {}): Dish {
  return {
    id,
    restaurantId: RESTAURANT_ID,
    categoryId: 'cat-1',
    name: `Dish ${id}`,
    description: '',
    priceCents: 4800,
    currency: 'HKD',
    imageUrl: null,
    tags: [],
    allergens: [],
    spiceLevel: 0,
    modifiers: [],
    available: true,
    remaining: null,
    ...overrides,
  };
}

/** A menu of one category with the given dishes, current as of `latestSeq`. */
export function menu(latestSeq: number, dishes: Dish[], overrides: Partial<Menu> = {}): Menu {
  return {
    restaurant: restaurant(),
    categories: [{ id: 'cat-1', name: 'Dim Sum', dishes }],
    latestSeq,
    ...overrides,
  };
}

export function orderItem(id: string, overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    id,
    dishId: 'dish-1',
    name: 'Har Gow',
    names: { en: 'Har Gow', 'zh-Hant': '蝦餃', 'zh-Hans': '虾饺' },
    quantity: 1,
    modifiers: [],
    note: null,
    unitPriceCents: 4800,
    lineTotalCents: 4800,
    status: 'queued',
    stationId: null,
    statusChangedAt: '2026-12-01T12:00:00.000Z',
    ...overrides,
  };
}

export function order(id: string, overrides: Partial<Order> = {}): Order {
  return {
    id,
    restaurantId: RESTAURANT_ID,
    number: 1,
    channel: 'kiosk',
    tableId: null,
    status: 'placed',
    items: [orderItem(`${id}-item`)],
    subtotalCents: 4800,
    discountCents: 0,
    serviceChargeCents: 480,
    taxCents: 0,
    totalCents: 5280,
    refundedCents: 0,
    currency: 'HKD',
    paymentMethod: 'counter',
    paymentStatus: 'due',
    placedAt: '2026-12-01T12:00:00.000Z',
    updatedAt: '2026-12-01T12:00:00.000Z',
    rushedAt: null,
    version: 1,
    ...overrides,
  };
}

export function event<T extends EventType>(seq: number, type: T, data: EventDataMap[T]): DinewireEvent<T> {
  return { seq, prevSeq: seq - 1, restaurantId: RESTAURANT_ID, type, at: '2026-12-01T12:00:00.000Z', data };
}

/** A promise the test settles, to hold an API call in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run (an awaited fake API answer, and what follows it). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Storage as the browser gives it, kept in a map: one per tab (sessionStorage) or per browser (localStorage). */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}
