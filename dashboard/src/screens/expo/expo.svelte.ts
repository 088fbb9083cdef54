import { SvelteMap } from 'svelte/reactivity';
import type { Order } from '@dinewire/protocol';
import { type ApiError, type HttpClient, isAbortError, toApiError } from '@dinewire/ui/api';
import type { OrdersBoard } from '../../lib/state/orders-board.svelte';

/**
 * Expo's actions on the live board: handing a ready order off. The order leaves the board by
 * its own `order.updated` event; the answer is applied at once too (same version, so the event
 * that follows changes nothing). A refusal (another screen handed it off first, or an item was
 * recalled) is shown on the card until the next try.
 */
export class ExpoDesk {
  readonly board: OrdersBoard;
  readonly #http: Pick<HttpClient, 'get' | 'post'>;
  readonly #pending = new SvelteMap<string, true>();
  readonly #errors = new SvelteMap<string, ApiError>();
  #tables = $state.raw<ReadonlyMap<string, string>>(new Map());
  readonly #controller = new AbortController();

  constructor(board: OrdersBoard, http: Pick<HttpClient, 'get' | 'post'>) {
    this.board = board;
    this.#http = http;
  }

  /** Loads the board, and the restaurant's table labels (CONTRACT's `GET /restaurants/:id` `tables`, where the server gives them). */
  start(): void {
    this.board.start();
    void this.#loadTables();
  }

  dispose(): void {
    this.#controller.abort();
    this.board.dispose();
  }

  /** A table's label ("T4"), once known. */
  tableLabel(tableId: string | null): string | null {
    return tableId ? (this.#tables.get(tableId) ?? null) : null;
  }

  isPending(orderId: string): boolean {
    return this.#pending.has(orderId);
  }

  errorOf(orderId: string): ApiError | null {
    return this.#errors.get(orderId) ?? null;
  }

  async #loadTables(): Promise<void> {
    try {
      const { restaurant } = await this.#http.get<{ restaurant: { tables?: { id: string; label: string }[] } }>(
        `/api/v1/restaurants/${encodeURIComponent(this.board.restaurantId)}`,
        { signal: this.#controller.signal },
      );
      this.#tables = new Map((restaurant.tables ?? []).map((t) => [t.id, t.label]));
    } catch (error) {
      // Without labels a table's order still says "Table"; the board itself is unaffected.
      if (!isAbortError(error)) this.#tables = new Map();
    }
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
