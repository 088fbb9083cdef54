import { SvelteMap } from 'svelte/reactivity';
import type { BoardOrder, DinewireEvent, OrderStatus, Subscription } from '@dinewire/protocol';
import { ApiError, type DinewireApi, isAbortError, toApiError } from '@dinewire/ui/api';
import type { Subscriber } from '@dinewire/ui/realtime';

/** The statuses a pickup board shows: the first two as "preparing", the last as "ready". */
const OPEN_STATUSES = ['placed', 'preparing', 'ready'] as const satisfies readonly OrderStatus[];
/** Orders that left the board whose version we remember, so a late copy cannot bring one back. */
const CLOSED_MEMORY = 2000;

const isOpen = (status: OrderStatus) => (OPEN_STATUSES as readonly OrderStatus[]).includes(status);

/** A number on the board: all a board may know of an order (its presentation has no names). */
export type BoardNumber = Pick<BoardOrder, 'id' | 'number' | 'status' | 'version'>;

function isOrderEvent(event: DinewireEvent): event is DinewireEvent<'order.created' | 'order.updated'> {
  return event.type === 'order.created' || event.type === 'order.updated';
}

/**
 * The pickup board's numbers. It loads the open orders with the seq they are current to, follows
 * the `board` scope from there (the client catches up after a gap), and applies each order
 * event only if its version is newer than what it holds. An order handed off (completed) or
 * cancelled leaves the board at once. It keeps only number, status and version of each order,
 * whatever presentation it was given (a signed-in manager's list carries more).
 */
export class PickupBoard {
  readonly restaurantId: string;
  readonly #api: Pick<DinewireApi, 'orders'>;
  readonly #connection: Subscriber;
  readonly #orders = new SvelteMap<string, BoardNumber>();
  readonly #closedVersions = new Map<string, number>();
  #status = $state<'loading' | 'ready' | 'error'>('loading');
  #error = $state.raw<ApiError | null>(null);
  #subscription: Subscription | null = null;
  #controller: AbortController | null = null;

  constructor(restaurantId: string, api: Pick<DinewireApi, 'orders'>, connection: Subscriber) {
    this.restaurantId = restaurantId;
    this.#api = api;
    this.#connection = connection;
  }

  /** Orders being prepared (placed or cooking), by number. */
  readonly preparing: BoardNumber[] = $derived(
    [...this.#orders.values()].filter((o) => o.status !== 'ready').sort((a, b) => a.number - b.number),
  );

  /** Orders ready at the pass, by number. */
  readonly ready: BoardNumber[] = $derived(
    [...this.#orders.values()].filter((o) => o.status === 'ready').sort((a, b) => a.number - b.number),
  );

  get status(): 'loading' | 'ready' | 'error' {
    return this.#status;
  }

  get error(): ApiError | null {
    return this.#error;
  }

  start(): void {
    void this.#open();
  }

  /** Loads afresh: after an error, or to learn whether the screen is still paired (a 401 unpairs it). */
  retry(): void {
    void this.#open();
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#subscription?.unsubscribe();
    this.#subscription = null;
  }

  async #open(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#orders.size === 0) this.#status = 'loading';
    try {
      const list = await this.#api.orders(this.restaurantId, { status: OPEN_STATUSES.join(',') }, controller.signal);
      if (controller.signal.aborted) return;
      this.#subscription?.unsubscribe();
      this.#orders.clear();
      this.#closedVersions.clear();
      for (const order of list.orders) this.#upsert(order);
      this.#subscription = this.#connection.subscribe(
        { restaurantId: this.restaurantId, scope: 'board' },
        {
          onEvent: (event) => {
            if (isOrderEvent(event)) this.#upsert(event.data);
          },
          onReset: () => void this.#open(),
          onSubscribed: ({ cursor, seq }) => {
            // The log is behind what we hold (a restored database): new events would look old.
            if (seq < cursor) void this.#open();
          },
          onError: (error) => {
            this.#status = 'error';
            this.#error = new ApiError(403, error.code === 'unauthenticated' ? 'unauthenticated' : 'forbidden', error.message);
          },
        },
        list.latestSeq,
      );
      this.#status = 'ready';
      this.#error = null;
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.#error = toApiError(error);
      this.#status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  #upsert(order: BoardNumber): void {
    const held = this.#orders.get(order.id)?.version ?? this.#closedVersions.get(order.id) ?? -1;
    if (order.version <= held) return;
    if (isOpen(order.status)) {
      this.#orders.set(order.id, { id: order.id, number: order.number, status: order.status, version: order.version });
      this.#closedVersions.delete(order.id);
    } else {
      this.#orders.delete(order.id);
      this.#closedVersions.set(order.id, order.version);
      if (this.#closedVersions.size > CLOSED_MEMORY) {
        const oldest = this.#closedVersions.keys().next().value;
        if (oldest !== undefined) this.#closedVersions.delete(oldest);
      }
    }
  }
}
