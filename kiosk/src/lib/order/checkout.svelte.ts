import type { Card, OrderCreate, PaymentMethod } from '@dinewire/protocol';
import { ApiError, toApiError } from '@dinewire/ui/api';
import type { CartState } from '../state/cart.svelte';
import { submitOrder, type PlaceOrder, type PlacedOrder } from './submit';

export type CheckoutPhase = 'idle' | 'sending' | 'retrying';

export interface CheckoutDetails {
  paymentMethod: PaymentMethod;
  card?: Card;
  roomNumber?: string;
  guestName?: string;
  roomPin?: string;
}

/**
 * One cart's checkout: sends the order (retrying with the cart's stored key until the server
 * answers) and keeps what the guest should see meanwhile: sending, retrying (the connection
 * dropped; the order is safe), or the 4xx that refused it (nothing placed).
 */
export class CheckoutState {
  readonly #cart: CartState;
  readonly #place: PlaceOrder;
  readonly #base: () => Pick<OrderCreate, 'restaurantId' | 'channel' | 'tableId'>;
  phase = $state<CheckoutPhase>('idle');
  error = $state.raw<ApiError | null>(null);
  #abort: AbortController | null = null;

  constructor(cart: CartState, place: PlaceOrder, base: () => Pick<OrderCreate, 'restaurantId' | 'channel' | 'tableId'>) {
    this.#cart = cart;
    this.#place = place;
    this.#base = base;
  }

  get busy(): boolean {
    return this.phase !== 'idle';
  }

  /** A checkout the page was reloaded in the middle of, that can carry on without the guest (not a card). */
  get resumable(): boolean {
    return this.#cart.pending !== null && this.#cart.pending.body.paymentMethod !== 'card';
  }

  async submit(details: CheckoutDetails): Promise<PlacedOrder | null> {
    if (this.busy) return null;
    const { card, ...rest } = details;
    const body: Omit<OrderCreate, 'card'> = { ...this.#base(), items: this.#cart.orderItems(), ...rest };
    if (!body.tableId) delete body.tableId;
    return this.#send(this.#cart.begin(body).body, card ?? null);
  }

  /** Carries on a checkout stored before a reload, with the very same key and body. */
  resume(): Promise<PlacedOrder | null> {
    const pending = this.#cart.pending;
    if (!pending || this.busy) return Promise.resolve(null);
    return this.#send(pending.body, null);
  }

  async #send(body: Omit<OrderCreate, 'card'>, card: Card | null): Promise<PlacedOrder | null> {
    const pending = this.#cart.begin(body);
    this.phase = 'sending';
    this.error = null;
    this.#abort = new AbortController();
    try {
      const placed = await submitOrder(this.#place, pending.key, pending.body, card, {
        signal: this.#abort.signal,
        onRetry: () => (this.phase = 'retrying'),
      });
      this.#cart.clear();
      return placed;
    } catch (raw) {
      if (this.#abort?.signal.aborted) return null;
      this.error = toApiError(raw);
      // Refused: nothing was placed; the next try is a new checkout with a new key.
      this.#cart.abandon();
      return null;
    } finally {
      this.phase = 'idle';
      this.#abort = null;
    }
  }

  /** The guest moved on from what was refused (another way of paying): stop showing the refusal. */
  forgetError(): void {
    if (!this.busy) this.error = null;
  }

  dispose(): void {
    this.#abort?.abort();
  }
}
