import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  ClientToServerEvents,
  DinewireEvent,
  EventsPage,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
  SyncMessage,
} from './events';
import { SubscriptionCursor } from './cursor';

/**
 * The one real-time client used by every screen and by the load scripts (REALTIME.md):
 * subscribe, keep a cursor per subscription, detect gaps (`prevSeq` above the cursor, or a
 * `sync` ahead of it), catch up over HTTP, and subscribe again after every reconnect.
 */

export type ConnectionState = 'connecting' | 'live' | 'catching_up' | 'reconnecting' | 'offline';

export interface RealtimeClientOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:3000`; '' for the page's own origin. */
  baseUrl: string;
  /** A user's or a device's token; a function is read again on every (re)connect and catch-up (a guest signing in or out). */
  token?: string | (() => string | null);
  /** Defaults to websocket first, polling as fallback. */
  transports?: ('websocket' | 'polling')[];
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  fetch?: typeof fetch;
}

export interface SubscriptionHandlers {
  /** Called once per event, in `seq` order, never twice for one `seq`. */
  onEvent: (event: DinewireEvent) => void;
  /** The cursor is older than the server keeps: reload the screen from current state. */
  onReset?: () => void;
  /** Subscribe was refused (scope not allowed). */
  onError?: (error: { code: string; message: string }) => void;
  /** The server confirmed the subscription (again after every reconnect); `cursor` is where delivery stands. */
  onSubscribed?: (info: { cursor: number; seq: number }) => void;
}

export interface Subscription {
  readonly request: SubscribeRequest;
  /** Highest seq applied, or caught up to. */
  readonly cursor: number;
  unsubscribe(): void;
}

type Listener<T> = (value: T) => void;

class SubscriptionState implements Subscription {
  /** Where delivery stands, and what waits for a hole to fill (the pure part, cursor.ts). */
  readonly position: SubscriptionCursor;
  restaurantId: string | null = null;
  catchingUp: Promise<void> | null = null;
  /** Another catch-up was asked for while one ran. */
  again = false;
  active = true;

  constructor(
    readonly key: string,
    readonly request: SubscribeRequest,
    readonly handlers: SubscriptionHandlers,
    initialCursor: number | undefined,
    private readonly owner: RealtimeClient,
  ) {
    this.position = new SubscriptionCursor(initialCursor);
  }

  get cursor(): number {
    return this.position.position;
  }

  unsubscribe(): void {
    this.owner.remove(this);
  }
}

export function subscriptionKey(req: SubscribeRequest): string {
  if ('orderId' in req) return `order:${req.orderId}`;
  return `restaurant:${req.restaurantId}:${req.scope}${req.stationId ? `:${req.stationId}` : ''}`;
}

export class RealtimeClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #state: ConnectionState = 'connecting';
  #offlineSince: Date | null = null;
  #subs = new Map<string, SubscriptionState>();
  #stateListeners = new Set<Listener<ConnectionState>>();
  #fetch: typeof fetch;
  #catchUps = 0;

  constructor(private readonly options: RealtimeClientOptions) {
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.socket = io(options.baseUrl || undefined, {
      path: '/socket.io/',
      transports: options.transports ?? ['websocket', 'polling'],
      auth: (cb) => {
        const token = this.#token();
        cb(token ? { token } : {});
      },
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
      randomizationFactor: 0.5,
      ...options.socketOptions,
    });
    this.socket.on('connect', () => {
      this.#offlineSince = null;
      this.#setState('live');
      for (const sub of this.#subs.values()) void this.#subscribe(sub);
    });
    this.socket.on('disconnect', (reason) => {
      this.#offlineSince ??= new Date();
      // The server ended this connection on purpose (a revoked device): Socket.IO won't retry.
      this.#setState(reason === 'io server disconnect' ? 'offline' : 'reconnecting');
    });
    this.socket.io.on('reconnect_failed', () => this.#setState('offline'));
    this.socket.on('connect_error', (err) => {
      this.#offlineSince ??= new Date();
      // A refused handshake (bad token) will not get better by retrying.
      if (!this.socket.active) this.#setState('offline');
      else this.#setState(this.#state === 'connecting' ? 'connecting' : 'reconnecting');
      void err;
    });
    this.socket.on('event', (event) => this.#onEvent(event));
    this.socket.on('sync', (message) => this.#onSync(message));
  }

  get state(): ConnectionState {
    return this.#state;
  }

  #token(): string | null {
    const t = this.options.token;
    return (typeof t === 'function' ? t() : t) ?? null;
  }

  /** Connects again, with the token as it is now (the subscriptions are sent again on connect). */
  reconnect(): void {
    this.socket.disconnect();
    this.socket.connect();
  }

  /** When the connection was lost; null while connected. */
  get offlineSince(): Date | null {
    return this.#offlineSince;
  }

  onState(listener: Listener<ConnectionState>): () => void {
    this.#stateListeners.add(listener);
    listener(this.#state);
    return () => this.#stateListeners.delete(listener);
  }

  /**
   * Subscribe to a scope. `cursor` is the `latestSeq` of the state the screen loaded first
   * (e.g. from `GET /restaurants/:id/orders`); events after it are delivered, older ones are not.
   * Without it, delivery starts at the seq the server reports when the subscription is taken.
   */
  subscribe(request: SubscribeRequest, handlers: SubscriptionHandlers, cursor?: number): Subscription {
    const key = subscriptionKey(request);
    if (this.#subs.has(key)) throw new Error(`already subscribed to ${key}`);
    const sub = new SubscriptionState(key, request, handlers, cursor, this);
    this.#subs.set(key, sub);
    if (this.socket.connected) void this.#subscribe(sub);
    return sub;
  }

  /** @internal */
  remove(sub: SubscriptionState): void {
    sub.active = false;
    this.#subs.delete(sub.key);
    if (this.socket.connected) this.socket.emit('unsubscribe', sub.request);
  }

  close(): void {
    for (const sub of this.#subs.values()) sub.active = false;
    this.#subs.clear();
    this.socket.close();
    this.#setState('offline');
  }

  async #subscribe(sub: SubscriptionState): Promise<void> {
    let ack: SubscribeAck;
    try {
      ack = await this.socket.timeout(10_000).emitWithAck('subscribe', sub.request);
    } catch {
      // Timed out: the connection is probably going away; the next 'connect' subscribes again.
      return;
    }
    if (!sub.active) return;
    if (!ack.ok) {
      sub.handlers.onError?.(ack.error);
      return;
    }
    sub.restaurantId = ack.restaurantId;
    const outcome = sub.position.subscribed(ack.visibleSeq);
    if (outcome === 'start') this.#drainPending(sub);
    else if (outcome === 'catch_up') await this.#catchUp(sub);
    if (sub.active) sub.handlers.onSubscribed?.({ cursor: sub.cursor, seq: ack.seq });
  }

  #find(event: DinewireEvent): SubscriptionState[] {
    const out: SubscriptionState[] = [];
    for (const sub of this.#subs.values()) {
      const r = sub.request;
      if ('orderId' in r) {
        const data = event.data as { id?: string };
        if (event.type.startsWith('order.') && data.id === r.orderId) out.push(sub);
      } else if (r.restaurantId === event.restaurantId && eventFitsScope(event, r.scope)) {
        out.push(sub);
      }
    }
    return out;
  }

  #onEvent(event: DinewireEvent): void {
    for (const sub of this.#find(event)) {
      const arrival = sub.position.receive(event);
      if (arrival === 'apply') sub.handlers.onEvent(event);
      else if (arrival === 'gap') void this.#catchUp(sub);
    }
  }

  #onSync(message: SyncMessage): void {
    for (const sub of this.#subs.values()) {
      const r = sub.request;
      const matches =
        'orderId' in r
          ? message.scope === 'order' && message.orderId === r.orderId
          : message.scope === r.scope && message.restaurantId === r.restaurantId;
      if (matches && sub.position.isBehind(message.visibleSeq)) void this.#catchUp(sub);
    }
  }

  #drainPending(sub: SubscriptionState): void {
    const hole = sub.position.drain((event) => sub.handlers.onEvent(event));
    // Still a hole before the rest: fetch again.
    if (hole) void this.#catchUp(sub);
  }

  /** Fetch everything after the cursor; one catch-up at a time per subscription. */
  #catchUp(sub: SubscriptionState): Promise<void> {
    if (sub.catchingUp) {
      sub.again = true;
      return sub.catchingUp;
    }
    const run = async () => {
      this.#catchUps++;
      this.#setState('catching_up');
      try {
        let attempt = 0;
        do {
          sub.again = false;
          try {
            await this.#fetchAfter(sub);
            attempt = 0;
          } catch {
            // Server unreachable or restarting: back off and try again while subscribed.
            attempt++;
            if (!sub.active || attempt > 8) break;
            sub.again = true;
            await delay(Math.min(2000, 100 * 2 ** attempt));
          }
        } while (sub.again && sub.active);
      } finally {
        sub.catchingUp = null;
        sub.position.catchingUp = false;
        this.#catchUps--;
        if (this.#catchUps === 0 && this.socket.connected) this.#setState('live');
      }
      if (sub.active) this.#drainPending(sub);
    };
    sub.position.catchingUp = true;
    sub.catchingUp = run();
    return sub.catchingUp;
  }

  async #fetchAfter(sub: SubscriptionState): Promise<void> {
    const r = sub.request;
    const params = new URLSearchParams({ after: String(sub.position.after) });
    let restaurantId: string | null = sub.restaurantId;
    if ('orderId' in r) {
      params.set('scope', 'order');
      params.set('orderId', r.orderId);
      if (r.orderToken) params.set('token', r.orderToken);
    } else {
      restaurantId = r.restaurantId;
      params.set('scope', r.scope);
      if (r.stationId) params.set('stationId', r.stationId);
    }
    if (!restaurantId) return;
    const token = this.#token();
    for (;;) {
      const res = await this.#fetch(`${this.options.baseUrl}/api/v1/restaurants/${restaurantId}/events?${params.toString()}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        credentials: 'include',
      });
      if (!res.ok) throw new Error(`catch-up failed: HTTP ${res.status}`);
      const page = (await res.json()) as EventsPage;
      if (!sub.active) return;
      const outcome = sub.position.applyPage(page, (event) => sub.handlers.onEvent(event));
      if (outcome === 'reset') sub.handlers.onReset?.();
      if (outcome !== 'more') return;
      params.set('after', String(sub.cursor));
    }
  }

  #setState(state: ConnectionState): void {
    if (state === 'live' && this.#catchUps > 0) state = 'catching_up';
    if (this.#state === state) return;
    this.#state = state;
    for (const l of this.#stateListeners) l(state);
  }
}

/** Which event types each restaurant scope receives (the server's audience table, mirrored). */
export function eventFitsScope(event: Pick<DinewireEvent, 'type'>, scope: string): boolean {
  switch (scope) {
    case 'staff':
      return true;
    case 'kitchen':
      return (
        event.type.startsWith('order.') ||
        event.type === 'menu.availability' ||
        event.type === 'inventory.low' ||
        event.type === 'kitchen.settings'
      );
    case 'board':
      return event.type.startsWith('order.');
    case 'menu':
      return event.type === 'menu.availability';
    default:
      return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
