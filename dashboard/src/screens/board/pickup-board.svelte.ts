import { SvelteMap } from 'svelte/reactivity';
import type { BoardOrder, DinewireEvent, OrderStatus } from '@dinewire/protocol';
import type { ApiError, DinewireApi } from '@dinewire/ui/api';
import type { Subscriber } from '@dinewire/ui/realtime';
import { FollowedSnapshot, type FollowStatus } from '@dinewire/ui/state';

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
  readonly #orders = new SvelteMap<string, BoardNumber>();
  readonly #closedVersions = new Map<string, number>();
  readonly #followed: FollowedSnapshot<BoardNumber[]>;

  constructor(restaurantId: string, api: Pick<DinewireApi, 'orders'>, connection: Subscriber) {
    this.restaurantId = restaurantId;
    this.#api = api;
    this.#followed = new FollowedSnapshot(connection, {
      request: () => ({ restaurantId: this.restaurantId, scope: 'board' }),
      load: async (signal) => {
        const list = await this.#api.orders(this.restaurantId, { status: OPEN_STATUSES.join(',') }, signal);
        return { snapshot: list.orders, seq: list.latestSeq };
      },
      apply: (orders) => {
        this.#orders.clear();
        this.#closedVersions.clear();
        for (const order of orders) this.#upsert(order);
      },
      onEvent: (event) => {
        if (isOrderEvent(event)) this.#upsert(event.data);
      },
      holdsAnything: () => this.#orders.size > 0,
    });
  }

  /** Orders being prepared (placed or cooking), by number. */
  readonly preparing: BoardNumber[] = $derived(
    [...this.#orders.values()].filter((o) => o.status !== 'ready').sort((a, b) => a.number - b.number),
  );

  /** Orders ready at the pass, by number. */
  readonly ready: BoardNumber[] = $derived(
    [...this.#orders.values()].filter((o) => o.status === 'ready').sort((a, b) => a.number - b.number),
  );

  get status(): FollowStatus {
    return this.#followed.status;
  }

  get error(): ApiError | null {
    return this.#followed.error;
  }

  start(): void {
    void this.#followed.open();
  }

  /** Loads afresh: after an error, or to learn whether the screen is still paired (a 401 unpairs it). */
  retry(): void {
    void this.#followed.open();
  }

  dispose(): void {
    this.#followed.dispose();
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
