import {
  RealtimeClient,
  type ConnectionState,
  type SubscribeRequest,
  type Subscription,
  type SubscriptionHandlers,
} from '@dinewire/protocol';

export interface ConnectionOptions {
  /** A user's or a device's token (read on every connect when a function); the kiosk's public `menu` scope needs none. */
  token?: string | (() => string | null);
  /** Origin of the server; '' for the page's own (served by the server, or proxied by Vite). */
  baseUrl?: string;
}

/** What a screen's state needs of the connection: to follow a scope from a cursor. */
export interface Subscriber {
  subscribe(request: SubscribeRequest, handlers: SubscriptionHandlers, cursor?: number): Subscription;
}

/**
 * The shared RealtimeClient (cursor, gap detection, catch-up) with its connection state as
 * reactive state, so every screen can show live / catching up / reconnecting / offline.
 */
export class RealtimeConnection implements Subscriber {
  readonly client: RealtimeClient;
  #state = $state<ConnectionState>('connecting');
  #offlineSince = $state.raw<Date | null>(null);
  readonly #stopListening: () => void;
  readonly #onConnectError = () => {
    this.#offlineSince = this.client.offlineSince;
  };

  constructor(options: ConnectionOptions = {}) {
    this.client = new RealtimeClient({ baseUrl: options.baseUrl ?? '', token: options.token });
    this.#stopListening = this.client.onState((state) => {
      this.#state = state;
      this.#offlineSince = this.client.offlineSince;
    });
    // A first connection that fails stays 'connecting' without a state change; still show since when.
    this.client.socket.on('connect_error', this.#onConnectError);
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** When the connection was lost; null while connected. */
  get offlineSince(): Date | null {
    return this.#offlineSince;
  }

  subscribe(request: SubscribeRequest, handlers: SubscriptionHandlers, cursor?: number): Subscription {
    return this.client.subscribe(request, handlers, cursor);
  }

  /** The credential changed (a guest signed in or out): connect again with the new one. */
  reconnect(): void {
    this.client.reconnect();
  }

  close(): void {
    this.#stopListening();
    this.client.socket.off('connect_error', this.#onConnectError);
    this.client.close();
    this.#state = 'offline';
  }
}
