import { SvelteMap } from 'svelte/reactivity';

/** Where a guest's phone keeps the tokens of its bookings and waitlist places. */
export const BOOKING_TOKENS_KEY = 'dinewire.booking.tokens';

export type TokenKind = 'reservation' | 'waitlist';

/** At most this many kept: the oldest go first (a phone is not an archive). */
const MAX_KEPT = 50;

/**
 * The tokens of what this phone booked or joined, by kind and id, in localStorage: a guest who
 * closes the page gets back to their booking from its address alone (no token in it).
 */
export class BookingTokens {
  readonly #storage: Storage | null;
  readonly #tokens = new SvelteMap<string, string>();

  constructor(storage: Storage | null = safeLocalStorage()) {
    this.#storage = storage;
    for (const [key, token] of readSaved(storage)) this.#tokens.set(key, token);
  }

  get(kind: TokenKind, id: string): string | null {
    return this.#tokens.get(`${kind}:${id}`) ?? null;
  }

  save(kind: TokenKind, id: string, token: string): void {
    const key = `${kind}:${id}`;
    this.#tokens.delete(key);
    this.#tokens.set(key, token);
    while (this.#tokens.size > MAX_KEPT) this.#tokens.delete(this.#tokens.keys().next().value!);
    this.#write();
  }

  forget(kind: TokenKind, id: string): void {
    if (this.#tokens.delete(`${kind}:${id}`)) this.#write();
  }

  /** Every kept id of a kind, oldest first. */
  ids(kind: TokenKind): string[] {
    return [...this.#tokens.keys()].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
  }

  #write(): void {
    try {
      this.#storage?.setItem(BOOKING_TOKENS_KEY, JSON.stringify([...this.#tokens]));
    } catch {
      // Storage full or denied: the token still works for this visit.
    }
  }
}

function readSaved(storage: Storage | null): [string, string][] {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(BOOKING_TOKENS_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (e): e is [string, string] => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string',
    );
  } catch {
    return [];
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
