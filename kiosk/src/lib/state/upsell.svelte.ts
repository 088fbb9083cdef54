import type { Dish, Recommendations } from '@dinewire/protocol';
import { GUEST_KEY_PREFIX } from './guest-session.svelte';
import { isSoldOut } from './menu.svelte';

/** "Goes well with" these dishes, best first (the server's `GET .../recommendations`). */
export type Recommend = (dishIds: readonly string[], signal: AbortSignal) => Promise<Recommendations>;

/** How many suggestions a guest sees at once. */
export const SUGGESTIONS_SHOWN = 3;
/** Asked for more than shown: some may sell out meanwhile, or be in the cart already. */
export const SUGGESTIONS_ASKED = 8;

/**
 * One list of suggested dish ids for a set of dishes. Asking for another set aborts the one
 * under way; the last list stays until the new one arrives (no flicker). A failed request
 * shows nothing: a suggestion is never worth an error on screen.
 */
export class Suggestions {
  readonly #recommend: Recommend;
  #dishIds = $state.raw<readonly string[]>([]);
  #key: string | null = null;
  #controller: AbortController | null = null;

  constructor(recommend: Recommend) {
    this.#recommend = recommend;
  }

  /** Best first, as the server last answered (availability not applied: see `suggestedDishes`). */
  get dishIds(): readonly string[] {
    return this.#dishIds;
  }

  request(dishIds: Iterable<string>): void {
    const asked = [...new Set(dishIds)].sort();
    const key = asked.join(',');
    if (key === this.#key) return;
    this.#key = key;
    this.#controller?.abort();
    this.#controller = null;
    if (asked.length === 0) {
      this.#dishIds = [];
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#recommend(asked, controller.signal).then(
      (found) => {
        if (!controller.signal.aborted) this.#dishIds = found.dishes.map((d) => d.dishId);
      },
      () => {
        if (!controller.signal.aborted) this.#dishIds = [];
      },
    );
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}

/**
 * The suggested dishes a guest may be shown now: on the menu, not sold out (live availability),
 * not already in the cart; at most `n`, best first.
 */
export function suggestedDishes(
  dishIds: readonly string[],
  menu: ReadonlyMap<string, Dish>,
  inCart: ReadonlySet<string>,
  n = SUGGESTIONS_SHOWN,
): Dish[] {
  const shown: Dish[] = [];
  for (const id of dishIds) {
    const dish = menu.get(id);
    if (!dish || isSoldOut(dish) || inCart.has(id)) continue;
    shown.push(dish);
    if (shown.length === n) break;
  }
  return shown;
}

/**
 * "Goes well with" for one guest's cart: a panel offered once, right after the first dish goes
 * into an empty cart (and put away by the next dish added, or by the guest), and a row at
 * checkout for the whole cart. "Offered" is kept under the guest's prefix in session storage, so
 * a reload does not offer it again and a kiosk's reset for the next guest clears it.
 */
export class Upsell {
  readonly restaurantId: string;
  /** For the dish the panel was offered for. */
  readonly panel: Suggestions;
  /** For the cart's dishes, at checkout. */
  readonly checkout: Suggestions;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  #forDishId = $state<string | null>(null);
  #offered: boolean;

  constructor(restaurantId: string, recommend: Recommend, storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage()) {
    this.restaurantId = restaurantId;
    this.panel = new Suggestions(recommend);
    this.checkout = new Suggestions(recommend);
    this.#storage = storage;
    this.#offered = this.#read();
  }

  get storageKey(): string {
    return `${GUEST_KEY_PREFIX}upsell.${this.restaurantId}`;
  }

  /** The dish the panel is open for; null when there is no panel. */
  get forDishId(): string | null {
    return this.#forDishId;
  }

  /** A dish went into the cart: the first one into an empty cart opens the panel, once; any later one closes it. */
  added(dishId: string, cartWasEmpty: boolean): void {
    if (cartWasEmpty && !this.#offered) {
      this.#offered = true;
      this.#save();
      this.#forDishId = dishId;
      this.panel.request([dishId]);
      return;
    }
    this.#forDishId = null;
  }

  dismiss(): void {
    this.#forDishId = null;
  }

  /** The panel's dishes now (none once it is closed). */
  panelDishes(menu: ReadonlyMap<string, Dish>, inCart: ReadonlySet<string>): Dish[] {
    return this.#forDishId ? suggestedDishes(this.panel.dishIds, menu, inCart) : [];
  }

  /** Asks for the checkout row of a cart with these dishes (again only when they change). Call from an effect. */
  requestCheckout(inCart: ReadonlySet<string>): void {
    this.checkout.request(inCart);
  }

  /** The checkout row's dishes for the cart as it is now. */
  checkoutDishes(menu: ReadonlyMap<string, Dish>, inCart: ReadonlySet<string>): Dish[] {
    return suggestedDishes(this.checkout.dishIds, menu, inCart);
  }

  dispose(): void {
    this.panel.dispose();
    this.checkout.dispose();
  }

  #read(): boolean {
    try {
      return this.#storage?.getItem(this.storageKey) === 'offered';
    } catch {
      return false;
    }
  }

  #save(): void {
    try {
      this.#storage?.setItem(this.storageKey, 'offered');
    } catch {
      // Storage refused: offered once for this page at least.
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
