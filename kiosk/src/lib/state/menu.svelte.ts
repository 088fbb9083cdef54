import { SvelteMap } from 'svelte/reactivity';
import type { Dish, Locale, Menu, MenuAvailability, MenuCategory, Restaurant, Subscription } from '@dinewire/protocol';
import type { KioskApi } from '../api';
import type { RealtimeConnection } from '../realtime';
import { Resource } from './resource.svelte';

/** Below this many portions a dish says "only N left". */
export const LOW_PORTIONS = 5;

/**
 * One restaurant's menu with live availability. It subscribes before it fetches, so a change
 * committed while the menu loads still arrives as an event; events win over the snapshot.
 * The menu response carries no seq, so the first snapshot (requested before the server
 * acknowledged the subscription) may miss a change made in between: it is fetched once more
 * after the acknowledgement, which is when the subscription's cursor is set.
 */
export class MenuState {
  readonly restaurantId: string;
  readonly #api: KioskApi;
  readonly #connection: RealtimeConnection;
  readonly #menu = new Resource<Menu>();
  /** Availability from events since we subscribed, by dish id. */
  readonly #live = new SvelteMap<string, MenuAvailability>();
  #selectedCategoryId = $state<string | null>(null);
  #locale: Locale;
  #subscription: Subscription | null = null;
  #ackTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(restaurantId: string, locale: Locale, api: KioskApi, connection: RealtimeConnection) {
    this.restaurantId = restaurantId;
    this.#locale = locale;
    this.#api = api;
    this.#connection = connection;
  }

  readonly categories: MenuCategory[] = $derived.by(() =>
    (this.#menu.value?.categories ?? []).map((category) => ({
      ...category,
      dishes: category.dishes.map((dish) => this.#withLive(dish)),
    })),
  );

  readonly selectedCategory: MenuCategory | null = $derived(
    this.categories.find((c) => c.id === this.#selectedCategoryId) ?? this.categories[0] ?? null,
  );

  get restaurant(): Restaurant | null {
    return this.#menu.value?.restaurant ?? null;
  }

  get loading(): boolean {
    return this.#menu.loading;
  }

  get error() {
    return this.#menu.error;
  }

  get loaded(): boolean {
    return this.#menu.value !== null;
  }

  selectCategory(categoryId: string): void {
    this.#selectedCategoryId = categoryId;
  }

  start(): void {
    this.#subscription ??= this.#connection.subscribe(
      { restaurantId: this.restaurantId, scope: 'menu' },
      {
        onEvent: (event) => {
          if (event.type !== 'menu.availability') return;
          const change = event.data as MenuAvailability;
          this.#live.set(change.dishId, change);
        },
        // Our cursor fell out of the server's log: start again from a fresh menu.
        onReset: () => {
          this.#live.clear();
          void this.reload();
        },
        // Refused (no such restaurant): the menu request reports the error; stop waiting.
        onError: () => this.#stopWaiting(),
      },
    );
    void this.reload();
    this.#refetchAfterAck();
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    void this.reload();
  }

  reload(): Promise<void> {
    const locale = this.#locale;
    return this.#menu.load((signal) => this.#api.menu(this.restaurantId, locale, signal));
  }

  dispose(): void {
    this.#stopWaiting();
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#menu.abort();
  }

  /** The cursor turns non-negative once the server has acknowledged the subscription. */
  #refetchAfterAck(): void {
    const subscription = this.#subscription;
    if (!subscription || subscription.cursor >= 0) return;
    const poll = () => {
      this.#ackTimer = null;
      if (this.#subscription !== subscription) return;
      if (subscription.cursor >= 0) void this.reload();
      else this.#ackTimer = setTimeout(poll, 250);
    };
    this.#ackTimer = setTimeout(poll, 250);
  }

  #stopWaiting(): void {
    if (this.#ackTimer) clearTimeout(this.#ackTimer);
    this.#ackTimer = null;
  }

  #withLive(dish: Dish): Dish {
    const live = this.#live.get(dish.id);
    return live ? { ...dish, available: live.available, remaining: live.remaining } : dish;
  }
}

export function isSoldOut(dish: Pick<Dish, 'available' | 'remaining'>): boolean {
  return !dish.available || dish.remaining === 0;
}

/** Portions left when few enough to say so; null otherwise. */
export function portionsLeft(dish: Pick<Dish, 'available' | 'remaining'>): number | null {
  if (isSoldOut(dish) || dish.remaining === null) return null;
  return dish.remaining <= LOW_PORTIONS ? dish.remaining : null;
}
