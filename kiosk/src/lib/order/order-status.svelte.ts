import type { Order, Subscription } from '@dinewire/protocol';
import type { Subscriber } from '@dinewire/ui/realtime';
import { Resource } from '@dinewire/ui/state';

export type OrderReader = (orderId: string, token: string | null, signal?: AbortSignal) => Promise<Order>;

/**
 * One order's live status, as its guest follows it: by its token, or (null) as the signed-in
 * guest who placed it, the connection carrying their session. It subscribes first and
 * reads the order once the subscription is confirmed (again after every reconnect), so no
 * change falls between the read and the events; of the order read and the orders the events
 * carry, the highest `version` shows.
 */
export class OrderStatusState {
  readonly orderId: string;
  readonly token: string | null;
  readonly #read: OrderReader;
  readonly #connection: Subscriber;
  readonly #loaded = new Resource<Order>();
  #live = $state.raw<Order | null>(null);
  #subscription: Subscription | null = null;

  constructor(orderId: string, token: string | null, read: OrderReader, connection: Subscriber) {
    this.orderId = orderId;
    this.token = token;
    this.#read = read;
    this.#connection = connection;
  }

  get order(): Order | null {
    const loaded = this.#loaded.value;
    const live = this.#live;
    if (!loaded) return live;
    if (!live) return loaded;
    return live.version > loaded.version ? live : loaded;
  }

  get error() {
    return this.order ? null : this.#loaded.error;
  }

  start(): void {
    this.#subscription = this.#connection.subscribe(
      this.token ? { orderId: this.orderId, orderToken: this.token } : { orderId: this.orderId },
      {
        onEvent: (event) => {
          if (event.type !== 'order.updated' && event.type !== 'order.created') return;
          const order = event.data as Order;
          if (order.id !== this.orderId) return;
          if (!this.#live || order.version > this.#live.version) this.#live = order;
        },
        onSubscribed: () => void this.reload(),
        onReset: () => void this.reload(),
        // Refused (a wrong token): the read says why.
        onError: () => void this.reload(),
      },
    );
    void this.reload();
  }

  reload(): Promise<void> {
    return this.#loaded.load((signal) => this.#read(this.orderId, this.token, signal));
  }

  dispose(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#loaded.abort();
  }
}
