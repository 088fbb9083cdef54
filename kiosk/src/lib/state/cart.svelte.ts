import type { Dish, OrderCreate } from '@dinewire/protocol';
import { clampQuantity, optionNames, unitPriceCents } from './dish-choice';
import { GUEST_KEY_PREFIX } from './guest-session.svelte';
import { isSoldOut } from './menu.svelte';

/** One line of the cart: a dish with its options, how many, and the guest's note. */
export interface CartLine {
  id: string;
  dishId: string;
  quantity: number;
  modifierIds: string[];
  note: string;
}

/**
 * A checkout under way: the body sent and the Idempotency-Key it goes with, made once and
 * kept (in storage too) until the server answers, so that every retry, even after a reload,
 * is the same request and can only ever make one order. The card is never stored: it is
 * typed again if the page was reloaded before the answer came.
 */
export interface PendingCheckout {
  key: string;
  body: Omit<OrderCreate, 'card'>;
}

/** The part of the Web Storage API the cart needs (sessionStorage in the browser). */
export type CartStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Stored {
  lines: CartLine[];
  pending: PendingCheckout | null;
}

/** A cart line as the menu now describes it: its dish (null once off the menu), names and price. */
export interface CartLineView {
  line: CartLine;
  dish: Dish | null;
  options: string[];
  unitPriceCents: number;
  lineCents: number;
  /** Off the menu or sold out: it cannot be ordered. */
  unavailable: boolean;
}

/** A new Idempotency-Key: a UUID v4 (crypto.randomUUID, or the same from getRandomValues). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sameLine(a: Omit<CartLine, 'id' | 'quantity'>, b: Omit<CartLine, 'id' | 'quantity'>): boolean {
  return (
    a.dishId === b.dishId &&
    a.note === b.note &&
    a.modifierIds.length === b.modifierIds.length &&
    a.modifierIds.every((id) => b.modifierIds.includes(id))
  );
}

/**
 * One restaurant's cart, kept in session storage under the guest's prefix (a kiosk's reset
 * clears it): it survives a reload (a phone's, or a kiosk's until the order is placed or the
 * kiosk resets) and a network cut, and is gone with the tab. Prices shown here are the menu's (an estimate); the order's totals are the
 * server's.
 */
export class CartState {
  readonly restaurantId: string;
  readonly #storage: CartStorage | null;
  #lines = $state<CartLine[]>([]);
  #pending = $state.raw<PendingCheckout | null>(null);

  constructor(restaurantId: string, storage: CartStorage | null = globalThis.sessionStorage ?? null) {
    this.restaurantId = restaurantId;
    this.#storage = storage;
    const stored = this.#read();
    if (stored) {
      this.#lines = stored.lines;
      this.#pending = stored.pending;
    }
  }

  get storageKey(): string {
    return `${GUEST_KEY_PREFIX}cart.${this.restaurantId}`;
  }

  get lines(): readonly CartLine[] {
    return this.#lines;
  }

  get pending(): PendingCheckout | null {
    return this.#pending;
  }

  /** Portions in the cart. */
  get count(): number {
    return this.#lines.reduce((n, l) => n + l.quantity, 0);
  }

  get empty(): boolean {
    return this.#lines.length === 0;
  }

  /** Adds portions; the same dish with the same options and note adds to its line (up to 99). */
  add(item: Omit<CartLine, 'id'>): void {
    if (this.#pending) return;
    const note = item.note.trim();
    const existing = this.#lines.find((l) => sameLine(l, { ...item, note }));
    if (existing) {
      existing.quantity = clampQuantity(existing.quantity + item.quantity);
    } else {
      this.#lines.push({
        id: newKey(),
        dishId: item.dishId,
        quantity: clampQuantity(item.quantity),
        modifierIds: [...item.modifierIds],
        note,
      });
    }
    this.#save();
  }

  setQuantity(lineId: string, quantity: number): void {
    if (this.#pending) return;
    const line = this.#lines.find((l) => l.id === lineId);
    if (!line) return;
    line.quantity = clampQuantity(quantity);
    this.#save();
  }

  remove(lineId: string): void {
    if (this.#pending) return;
    this.#lines = this.#lines.filter((l) => l.id !== lineId);
    this.#save();
  }

  /** Empties the cart and forgets any checkout (an order placed, or the kiosk reset). */
  clear(): void {
    this.#lines = [];
    this.#pending = null;
    this.#save();
  }

  /** The lines with their dishes as the menu (live availability included) now has them. */
  view(dishes: ReadonlyMap<string, Dish>): CartLineView[] {
    return this.#lines.map((line) => {
      const dish = dishes.get(line.dishId) ?? null;
      const unit = dish ? unitPriceCents(dish, line.modifierIds) : 0;
      return {
        line,
        dish,
        options: dish ? optionNames(dish, line.modifierIds) : [],
        unitPriceCents: unit,
        lineCents: unit * line.quantity,
        unavailable: !dish || isSoldOut(dish) || (dish.remaining !== null && dish.remaining < line.quantity),
      };
    });
  }

  /** The menu prices added up: shown as an estimate until the server prices the order. */
  estimateCents(dishes: ReadonlyMap<string, Dish>): number {
    return this.view(dishes).reduce((sum, v) => sum + v.lineCents, 0);
  }

  /** The items as the order takes them. */
  orderItems(): OrderCreate['items'] {
    return this.#lines.map((l) => ({
      dishId: l.dishId,
      quantity: l.quantity,
      ...(l.modifierIds.length ? { modifierIds: [...l.modifierIds] } : {}),
      ...(l.note ? { note: l.note } : {}),
    }));
  }

  /**
   * Starts a checkout with this body, or carries on the one under way when the body is the
   * same (a retry, or a reload before the answer): the key is made once per checkout.
   */
  begin(body: Omit<OrderCreate, 'card'>): PendingCheckout {
    if (this.#pending && JSON.stringify(this.#pending.body) === JSON.stringify(body)) return this.#pending;
    this.#pending = { key: newKey(), body };
    this.#save();
    return this.#pending;
  }

  /** The server refused the checkout (a 4xx): nothing was placed, the guest may change and try again. */
  abandon(): void {
    this.#pending = null;
    this.#save();
  }

  #read(): Stored | null {
    try {
      const text = this.#storage?.getItem(this.storageKey);
      if (!text) return null;
      const parsed = JSON.parse(text) as Partial<Stored>;
      const lines = Array.isArray(parsed.lines) ? parsed.lines.filter(isLine) : [];
      const pending = parsed.pending && typeof parsed.pending.key === 'string' && parsed.pending.body ? parsed.pending : null;
      return { lines, pending };
    } catch {
      return null;
    }
  }

  #save(): void {
    try {
      if (this.#lines.length === 0 && !this.#pending) this.#storage?.removeItem(this.storageKey);
      else this.#storage?.setItem(this.storageKey, JSON.stringify({ lines: this.#lines, pending: this.#pending } satisfies Stored));
    } catch {
      // Storage full or refused (private mode): the cart still works for this page.
    }
  }
}

function isLine(value: unknown): value is CartLine {
  const l = value as CartLine;
  return (
    typeof l === 'object' &&
    l !== null &&
    typeof l.id === 'string' &&
    typeof l.dishId === 'string' &&
    Number.isInteger(l.quantity) &&
    l.quantity >= 1 &&
    l.quantity <= 99 &&
    Array.isArray(l.modifierIds) &&
    typeof l.note === 'string'
  );
}
