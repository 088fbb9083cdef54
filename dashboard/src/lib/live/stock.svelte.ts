import { SvelteMap } from 'svelte/reactivity';
import type { DinewireEvent, Dish, Ingredient, InventoryLevel, Locale, Menu, MenuAvailability } from '@dinewire/protocol';
import type { ApiError, DinewireApi } from '@dinewire/ui/api';
import type { Subscriber } from '@dinewire/ui/realtime';
import { FollowedSnapshot, type FollowStatus } from '@dinewire/ui/state';
import type { ManagerApi } from './api';

/** A low-stock or sold-out moment, as it happened (newest first on screen). */
export type StockAlert =
  | { key: string; kind: 'low'; seq: number; at: string; ingredient: InventoryLevel }
  | { key: string; kind: 'soldOut'; seq: number; at: string; dishId: string; byHand: boolean };

const ALERT_LIMIT = 20;
/** Orders change stock without an inventory event of their own: the levels are read again this long after one. */
const REFRESH_AFTER_MS = 300;

/**
 * A restaurant's dishes (with availability) and ingredient levels, kept equal to the database:
 * loaded with the menu's seq, then followed on the staff scope (the client catches up after a
 * reconnect). Availability comes in its own events; stock levels are read again after any event
 * that moves stock (an order, a cancellation, an adjustment), so nothing goes silently stale.
 */
export class StockWatch {
  readonly #restaurantId: string;
  readonly #api: Pick<DinewireApi, 'menu'>;
  readonly #manager: ManagerApi;
  readonly #followed: FollowedSnapshot<{ menu: Menu; ingredients: Ingredient[] }>;
  readonly #dishes = new SvelteMap<string, Dish>();
  readonly #ingredients = new SvelteMap<string, Ingredient>();
  #dishOrder = $state.raw<string[]>([]);
  #alerts = $state.raw<StockAlert[]>([]);
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #locale: Locale;
  /** Called after the stock levels were read again (the inventory screen reloads its ledger). */
  onStockChanged: (() => void) | null = null;
  /** Called on a booking's event (the live view's upcoming covers are read again); the one staff subscription carries both. */
  onBookingChanged: (() => void) | null = null;

  constructor(restaurantId: string, locale: Locale, api: Pick<DinewireApi, 'menu'>, manager: ManagerApi, connection: Subscriber) {
    this.#restaurantId = restaurantId;
    this.#locale = locale;
    this.#api = api;
    this.#manager = manager;
    this.#followed = new FollowedSnapshot(connection, {
      request: () => ({ restaurantId: this.#restaurantId, scope: 'staff' }),
      load: async (signal) => {
        const [menu, ingredients] = await Promise.all([
          this.#api.menu(this.#restaurantId, { lang: this.#locale }, signal),
          this.#manager.inventory(this.#restaurantId, signal),
        ]);
        return { snapshot: { menu, ingredients }, seq: menu.latestSeq };
      },
      apply: ({ menu, ingredients }) => {
        this.#dishes.clear();
        const order: string[] = [];
        for (const c of menu.categories) {
          for (const d of c.dishes) {
            this.#dishes.set(d.id, d);
            order.push(d.id);
          }
        }
        this.#dishOrder = order;
        this.#replaceIngredients(ingredients);
      },
      onEvent: (event) => this.#apply(event),
      holdsAnything: () => this.#dishes.size > 0,
    });
  }

  readonly dishes: Dish[] = $derived(this.#dishOrder.map((id) => this.#dishes.get(id)).filter((d): d is Dish => d !== undefined));
  readonly soldOut: Dish[] = $derived(this.dishes.filter((d) => !d.available));
  readonly ingredients: Ingredient[] = $derived([...this.#ingredients.values()].sort((a, b) => a.name.localeCompare(b.name, 'en')));
  readonly low: Ingredient[] = $derived(this.ingredients.filter((i) => i.quantity <= i.lowThreshold));

  get alerts(): StockAlert[] {
    return this.#alerts;
  }
  get status(): FollowStatus {
    return this.#followed.status;
  }
  get error(): ApiError | null {
    return this.#followed.error;
  }

  dish(id: string): Dish | undefined {
    return this.#dishes.get(id);
  }

  start(): void {
    void this.#followed.open();
  }

  retry(): void {
    void this.#followed.open();
  }

  setLocale(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    void this.#followed.open();
  }

  dispose(): void {
    this.#followed.dispose();
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
  }

  /** An answer of ours (an adjustment, an 86) applied at once; its event changes nothing more. */
  applyAvailability(a: MenuAvailability): void {
    const dish = this.#dishes.get(a.dishId);
    if (dish)
      this.#dishes.set(a.dishId, { ...dish, available: a.available, remaining: a.remaining, soldOutByHand: a.soldOutByHand ?? false });
  }

  applyLevel(level: InventoryLevel): void {
    const i = this.#ingredients.get(level.ingredientId);
    if (i) this.#ingredients.set(i.id, { ...i, quantity: level.quantity, lowThreshold: level.lowThreshold });
  }

  #replaceIngredients(list: Ingredient[]): void {
    const seen = new Set(list.map((i) => i.id));
    for (const id of [...this.#ingredients.keys()]) if (!seen.has(id)) this.#ingredients.delete(id);
    for (const i of list) {
      const had = this.#ingredients.get(i.id);
      if (!had || had.quantity !== i.quantity || had.lowThreshold !== i.lowThreshold) this.#ingredients.set(i.id, i);
    }
  }

  #alert(a: StockAlert): void {
    this.#alerts = [a, ...this.#alerts.filter((x) => x.key !== a.key)].slice(0, ALERT_LIMIT);
  }

  #apply(event: DinewireEvent): void {
    switch (event.type) {
      case 'menu.availability': {
        const a = event.data as MenuAvailability;
        const before = this.#dishes.get(a.dishId);
        this.applyAvailability(a);
        if (!a.available && (before?.available ?? true)) {
          this.#alert({
            key: `dish:${a.dishId}`,
            kind: 'soldOut',
            seq: event.seq,
            at: event.at,
            dishId: a.dishId,
            byHand: a.soldOutByHand ?? false,
          });
        } else if (a.available) {
          this.#alerts = this.#alerts.filter((x) => x.key !== `dish:${a.dishId}`);
        }
        break;
      }
      case 'inventory.low': {
        const level = event.data as InventoryLevel;
        this.applyLevel(level);
        this.#alert({ key: `low:${level.ingredientId}`, kind: 'low', seq: event.seq, at: event.at, ingredient: level });
        break;
      }
      case 'inventory.adjusted':
        this.applyLevel(event.data as InventoryLevel);
        this.#scheduleRefresh();
        break;
      case 'order.created':
      case 'order.updated':
        this.#scheduleRefresh();
        break;
      case 'reservation.created':
      case 'reservation.updated':
        this.onBookingChanged?.();
        break;
    }
  }

  #scheduleRefresh(): void {
    if (this.#refreshTimer) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.#refreshLevels();
    }, REFRESH_AFTER_MS);
  }

  async #refreshLevels(): Promise<void> {
    try {
      this.#replaceIngredients(await this.#manager.inventory(this.#restaurantId));
      this.onStockChanged?.();
    } catch {
      // The next stock event, or a reconnect's reload, reads them again.
    }
  }
}
