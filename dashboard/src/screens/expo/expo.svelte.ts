import { SvelteMap } from 'svelte/reactivity';
import type { Order } from '@dinewire/protocol';
import { type ApiError, type HttpClient, toApiError } from '@dinewire/ui/api';
import type { OrdersBoard } from '../../lib/state/orders-board.svelte';

/**
 * Expo's actions on the live board: handing a ready order off. The order leaves the board by
 * its own `order.updated` event; the answer is applied at once too (same version, so the event
 * that follows changes nothing). A refusal (another screen handed it off first, or an item was
 * recalled) is shown on the card until the next try.
 */
export class ExpoDesk {
  readonly board: OrdersBoard;
  readonly #http: Pick<HttpClient, 'post'>;
  readonly #pending = new SvelteMap<string, true>();
  readonly #errors = new SvelteMap<string, ApiError>();

  constructor(board: OrdersBoard, http: Pick<HttpClient, 'post'>) {
    this.board = board;
    this.#http = http;
  }

  isPending(orderId: string): boolean {
    return this.#pending.has(orderId);
  }

  errorOf(orderId: string): ApiError | null {
    return this.#errors.get(orderId) ?? null;
  }

  async handOff(order: Pick<Order, 'id'>): Promise<void> {
    if (this.#pending.has(order.id)) return;
    this.#pending.set(order.id, true);
    this.#errors.delete(order.id);
    try {
      const answer = await this.#http.post<{ order: Order }>(`/api/v1/orders/${encodeURIComponent(order.id)}/handoff`, {});
      this.board.applyOrder(answer.order);
    } catch (error) {
      this.#errors.set(order.id, toApiError(error));
    } finally {
      this.#pending.delete(order.id);
    }
  }
}
