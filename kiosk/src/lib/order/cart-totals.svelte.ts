import type { Locale, OrderCreate, OrderPreview } from '@dinewire/protocol';
import { isAbortError, toApiError, type ApiError } from '@dinewire/ui/api';

export type PreviewBody = Pick<OrderCreate, 'restaurantId' | 'channel' | 'tableId' | 'items' | 'paymentMethod'>;
export type PreviewOrder = (body: PreviewBody, lang: Locale, signal?: AbortSignal) => Promise<OrderPreview>;

/**
 * The server's totals for what is in the cart now (`POST /orders/preview`: promotions, service
 * charge, tax), asked again a moment after the cart or the menu's availability changes. Only
 * the answer to the latest question shows; until one arrives (or when it fails) the cart shows
 * its labelled estimate from menu prices.
 */
export class CartTotals {
  readonly #preview: PreviewOrder;
  readonly #delayMs: number;
  #preview$ = $state.raw<{ key: string; value: OrderPreview } | null>(null);
  #error = $state.raw<ApiError | null>(null);
  #wanted = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #abort: AbortController | null = null;

  constructor(preview: PreviewOrder, delayMs = 200) {
    this.#preview = preview;
    this.#delayMs = delayMs;
  }

  /** The server's totals for the cart as it is now; null while asking, or when the cart changed since. */
  get current(): OrderPreview | null {
    const p = this.#preview$;
    return p && p.key === this.#wanted ? p.value : null;
  }

  get error(): ApiError | null {
    return this.#error;
  }

  /** Asks for the totals of this body (soon; an unchanged body is not asked again). `extra` is what else changes the answer (availability). */
  request(body: PreviewBody | null, lang: Locale, extra = ''): void {
    const key = body ? JSON.stringify([body, lang, extra]) : null;
    if (key === this.#wanted) return;
    this.#wanted = key;
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort?.abort();
    if (!body || !key) return;
    this.#timer = setTimeout(() => void this.#ask(body, lang, key), this.#delayMs);
  }

  async #ask(body: PreviewBody, lang: Locale, key: string): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const value = await this.#preview(body, lang, abort.signal);
      if (key !== this.#wanted) return;
      this.#preview$ = { key, value };
      this.#error = null;
    } catch (error) {
      if (isAbortError(error) || key !== this.#wanted) return;
      this.#error = toApiError(error);
    }
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort?.abort();
  }
}
