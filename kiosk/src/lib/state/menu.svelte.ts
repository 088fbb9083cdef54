import { SvelteMap } from 'svelte/reactivity';
import {
  FEW_PORTIONS_LEFT,
  type Dish,
  type Locale,
  type Menu,
  type MenuAvailability,
  type MenuCategory,
  type Restaurant,
  type Subscription,
} from '@dinewire/protocol';
import type { DinewireApi } from '@dinewire/ui/api';
import type { Subscriber } from '@dinewire/ui/realtime';
import { Resource } from '@dinewire/ui/state';

/** Finds the restaurant an address names (`:r`, a slug or an id): its id, or throws not_found. */
export type RestaurantResolver = (ref: string) => Promise<string>;

/** A live change, with the seq it was committed at. */
interface LiveAvailability extends MenuAvailability {
  seq: number;
}

/**
 * One restaurant's menu with live availability. The menu comes with the seq it is current as
 * of (`latestSeq`); the subscription starts from there, so every change after the snapshot
 * arrives as an event (the client catches up on any it missed) and none before it does.
 * A change shows over a snapshot only when it is newer than that snapshot, so reloading the
 * menu (another language) never brings back an older state.
 */
export class MenuState {
  /** The restaurant as the address names it (slug or id). */
  readonly ref: string;
  readonly #resolve: RestaurantResolver;
  readonly #api: Pick<DinewireApi, 'menu'>;
  readonly #connection: Subscriber;
  readonly #menu = new Resource<Menu>();
  /** Availability from events since we subscribed, by dish id. */
  readonly #live = new SvelteMap<string, LiveAvailability>();
  #selectedCategoryId = $state<string | null>(null);
  #locale: Locale;
  #subscription: Subscription | null = null;
  #disposed = false;

  constructor(ref: string, resolve: RestaurantResolver, locale: Locale, api: Pick<DinewireApi, 'menu'>, connection: Subscriber) {
    this.ref = ref;
    this.#resolve = resolve;
    this.#locale = locale;
    this.#api = api;
    this.#connection = connection;
  }

  readonly categories: MenuCategory[] = $derived.by(() => {
    const menu = this.#menu.value;
    if (!menu) return [];
    return menu.categories.map((category) => ({
      ...category,
      dishes: category.dishes.map((dish) => this.#withLive(dish, menu.latestSeq)),
    }));
  });

  /** Every dish of the menu, live availability included, by id (what the cart looks its lines up in). */
  readonly dishes: ReadonlyMap<string, Dish> = $derived(new Map(this.categories.flatMap((c) => c.dishes.map((d) => [d.id, d] as const))));

  readonly selectedCategory: MenuCategory | null = $derived(
    this.categories.find((c) => c.id === this.#selectedCategoryId) ?? this.categories[0] ?? null,
  );

  /** Known once the first menu arrived. */
  get restaurantId(): string | null {
    return this.#menu.value?.restaurant.id ?? null;
  }

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
    void this.reload();
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    void this.reload();
  }

  /** Loads the menu; the first one that arrives starts the subscription from its seq. */
  async reload(): Promise<void> {
    const locale = this.#locale;
    await this.#menu.load(async (signal) => this.#api.menu(await this.#resolve(this.ref), { lang: locale }, signal));
    const menu = this.#menu.value;
    if (menu && !this.#subscription && !this.#disposed) this.#follow(menu.restaurant.id, menu.latestSeq);
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#menu.abort();
  }

  #follow(restaurantId: string, cursor: number): void {
    this.#subscription = this.#connection.subscribe(
      { restaurantId, scope: 'menu' },
      {
        onEvent: (event) => {
          if (event.type !== 'menu.availability') return;
          this.#live.set((event.data as MenuAvailability).dishId, { ...(event.data as MenuAvailability), seq: event.seq });
        },
        // Our cursor fell out of the server's log: a fresh menu is newer than anything we hold.
        onReset: () => void this.reload(),
        onSubscribed: ({ cursor: at, seq }) => {
          // The restaurant's log is behind what we have seen (its database was restored or
          // seeded again): events from here would look like old ones. Start over.
          if (seq < at) this.#restart();
        },
        // Refused (no such restaurant): the menu request reports the error.
        onError: () => undefined,
      },
      cursor,
    );
  }

  #restart(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#live.clear();
    void this.reload();
  }

  #withLive(dish: Dish, snapshotSeq: number): Dish {
    const live = this.#live.get(dish.id);
    return live && live.seq > snapshotSeq ? { ...dish, available: live.available, remaining: live.remaining } : dish;
  }
}

export function isSoldOut(dish: Pick<Dish, 'available' | 'remaining'>): boolean {
  return !dish.available || dish.remaining === 0;
}

/** Portions left when few enough to say so; null otherwise. */
export function portionsLeft(dish: Pick<Dish, 'available' | 'remaining'>): number | null {
  if (isSoldOut(dish) || dish.remaining === null) return null;
  return dish.remaining <= FEW_PORTIONS_LEFT ? dish.remaining : null;
}
