/**
 * The Socket.IO wire protocol as plain functions, and the screen's cursor logic, with no k6
 * imports: k6 runs this file, and so can Node (the framing was checked against a real
 * Dinewire node that way; see ../README.md).
 *
 * Over a WebSocket, engine.io v4 sends one packet per frame: a type digit, then the data.
 *   0{"sid":…,"pingInterval":…,"pingTimeout":…}  open (server → client, first frame)
 *   2 / 3                                          ping (server → client) / pong (client → server)
 *   1 / 6                                          close / noop
 *   4<socket.io packet>                            message
 * A socket.io v5 packet is a type digit, an optional `/nsp,`, an optional ack id, then JSON:
 *   40{"token":"…"}   CONNECT with the auth payload (client) → 40{"sid":"…"} (server)
 *   44{"message":…}   CONNECT_ERROR (a refused handshake)
 *   42["name",args…]  EVENT; 42<id>["name",…] asks for an acknowledgement
 *   43<id>[args…]     ACK of event <id>
 *   41                DISCONNECT (the server ended the session on purpose)
 * Binary packets (45…, 46…) never occur here: every Dinewire payload is JSON.
 */
import type { DinewireEvent, EventsPage, SubscribeAck, SubscribeRequest, SyncMessage } from './wire.ts';

// ---------------------------------------------------------------- engine.io v4

export interface EngineHandshake {
  sid: string;
  upgrades: string[];
  pingInterval: number;
  pingTimeout: number;
  maxPayload?: number;
}

export type EnginePacket =
  | { type: 'open'; handshake: EngineHandshake }
  | { type: 'close' }
  | { type: 'ping'; data: string }
  | { type: 'pong'; data: string }
  | { type: 'message'; data: string }
  | { type: 'upgrade' }
  | { type: 'noop' };

/** `http://host:port/base` → `ws://host:port/base/socket.io/?EIO=4&transport=websocket` (https → wss). */
export function socketIoUrl(baseUrl: string): string {
  const m = /^(https?):\/\/(.+?)\/*$/i.exec(baseUrl.trim());
  if (!m) throw new Error(`BASE_URL must start with http:// or https://, got ${JSON.stringify(baseUrl)}`);
  const scheme = m[1].toLowerCase() === 'https' ? 'wss' : 'ws';
  return `${scheme}://${m[2]}/socket.io/?EIO=4&transport=websocket`;
}

/** One WebSocket text frame → one engine.io packet; null for what this client does not speak. */
export function decodeEnginePacket(frame: string): EnginePacket | null {
  if (frame.length === 0) return null;
  const data = frame.slice(1);
  switch (frame[0]) {
    case '0': {
      const handshake = parseJson(data) as EngineHandshake | undefined;
      if (!handshake || typeof handshake.sid !== 'string') return null;
      return { type: 'open', handshake };
    }
    case '1':
      return { type: 'close' };
    case '2':
      return { type: 'ping', data };
    case '3':
      return { type: 'pong', data };
    case '4':
      return { type: 'message', data };
    case '5':
      return { type: 'upgrade' };
    case '6':
      return { type: 'noop' };
    default:
      return null; // 'b…' (base64 binary) is a polling-only form
  }
}

/** The answer to a server ping: a pong echoing its data (empty for the heartbeat). */
export function encodePong(pingData = ''): string {
  return `3${pingData}`;
}

// ---------------------------------------------------------------- socket.io v5

export type SocketIoPacket =
  | { type: 'connect'; nsp: string; data: { sid: string; pid?: string } }
  | { type: 'disconnect'; nsp: string }
  | { type: 'event'; nsp: string; id?: number; name: string; args: unknown[] }
  | { type: 'ack'; nsp: string; id: number; args: unknown[] }
  | { type: 'connect_error'; nsp: string; data: { message: string; data?: unknown } };

/** The data of an engine.io `message` packet → one socket.io packet; null if malformed or binary. */
export function decodeSocketIoPacket(str: string): SocketIoPacket | null {
  const type = Number(str.charAt(0));
  if (!(type >= 0 && type <= 4) || str.length === 0) return null; // 5, 6: binary, not used here
  let i = 1;
  let nsp = '/';
  if (str.charAt(i) === '/') {
    const comma = str.indexOf(',', i);
    nsp = comma < 0 ? str.slice(i) : str.slice(i, comma);
    i = comma < 0 ? str.length : comma + 1;
  }
  let id: number | undefined;
  const idMatch = /^\d+/.exec(str.slice(i));
  if (idMatch) {
    id = Number(idMatch[0]);
    i += idMatch[0].length;
  }
  const json = str.slice(i);
  const payload: unknown = json ? parseJson(json) : undefined;
  if (json && payload === undefined) return null;
  switch (type) {
    case 0:
      return isObject(payload) ? { type: 'connect', nsp, data: payload as { sid: string; pid?: string } } : null;
    case 1:
      return { type: 'disconnect', nsp };
    case 2:
      if (!Array.isArray(payload) || typeof payload[0] !== 'string') return null;
      return { type: 'event', nsp, id, name: payload[0], args: payload.slice(1) };
    case 3:
      return Array.isArray(payload) && id !== undefined ? { type: 'ack', nsp, id, args: payload } : null;
    case 4: {
      // Socket.IO v4 servers send {message, data?}; v2-era servers sent a bare string.
      const data = typeof payload === 'string' ? { message: payload } : (payload as { message: string; data?: unknown });
      return isObject(data) ? { type: 'connect_error', nsp, data } : null;
    }
    default:
      return null;
  }
}

/** CONNECT to the main namespace, with the handshake `auth` (e.g. `{token}`) when given. */
export function encodeConnect(auth?: Record<string, unknown>): string {
  return auth ? `40${JSON.stringify(auth)}` : '40';
}

/** EVENT `name(...args)`; with `ackId` the server answers `43<ackId>[…]`. */
export function encodeEvent(name: string, args: unknown[], ackId?: number): string {
  return `42${ackId === undefined ? '' : ackId}${JSON.stringify([name, ...args])}`;
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------- the screen's cursor

/**
 * Which event types each restaurant scope receives: the server's audience table, as
 * protocol/src/client.ts mirrors it (`eventFitsScope`).
 */
export function eventFitsScope(event: Pick<DinewireEvent, 'type'>, scope: string): boolean {
  switch (scope) {
    case 'staff':
      return true;
    case 'kitchen':
      return event.type.startsWith('order.') || event.type === 'menu.availability' || event.type === 'inventory.low';
    case 'board':
      return event.type.startsWith('order.');
    case 'menu':
      return event.type === 'menu.availability';
    default:
      return false;
  }
}

export interface SubscriptionHooks {
  /** Once per event, in `seq` order, never twice for one `seq`. */
  deliver(event: DinewireEvent, via: 'live' | 'catch-up'): void;
  /** One page of `GET /restaurants/:id/events?after=…`; rejects when the server does not answer 200. */
  fetchPage(restaurantId: string, after: number): Promise<EventsPage>;
  /** Resolves after `ms` (k6/timers or Node's setTimeout). */
  delay(ms: number): Promise<void>;
  /** The cursor fell out of the retained log: a real screen reloads its state. */
  onReset?(page: EventsPage): void;
  /** A catch-up ran: how long it took, how many events it brought. */
  onCatchUp?(info: { ms: number; events: number; ok: boolean }): void;
}

/**
 * One subscription's cursor, gap detection and catch-up: protocol/src/client.ts's
 * SubscriptionState and its handlers, step for step, without Socket.IO. A gap is an event whose
 * `prevSeq` is above the cursor, a `sync` whose `visibleSeq` is, or a (re)subscribe ack that
 * is; each is closed over HTTP, one catch-up at a time, and events that arrive meanwhile wait
 * in `pending`.
 */
export class ScopeSubscription {
  /** Highest seq applied, or caught up to; -1 until the first ack. */
  cursor = -1;
  /** The cursor of the first ack: the events after it are this screen's to receive. */
  startCursor = -1;
  restaurantId: string | null;
  pending: DinewireEvent[] = [];
  catchingUp: Promise<void> | null = null;
  again = false;
  active = true;
  /** Seen, for the end-of-run comparison with the log. */
  gaps = 0;
  duplicates = 0;
  resets = 0;

  constructor(
    readonly request: SubscribeRequest,
    private readonly hooks: SubscriptionHooks,
  ) {
    this.restaurantId = 'orderId' in request ? null : request.restaurantId;
  }

  /** Is this event for this subscription (the socket may carry others)? */
  matches(event: DinewireEvent): boolean {
    const r = this.request;
    if ('orderId' in r) {
      const data = event.data as { id?: string };
      return event.type.startsWith('order.') && data.id === r.orderId;
    }
    return r.restaurantId === event.restaurantId && eventFitsScope(event, r.scope);
  }

  matchesSync(message: SyncMessage): boolean {
    const r = this.request;
    return 'orderId' in r
      ? message.scope === 'order' && message.orderId === r.orderId
      : message.scope === r.scope && message.restaurantId === r.restaurantId;
  }

  /** The subscribe acknowledgement, on the first connection and after every reconnect. */
  async onAck(ack: SubscribeAck): Promise<void> {
    if (!ack.ok || !this.active) return;
    this.restaurantId = ack.restaurantId;
    if (this.cursor < 0) {
      this.cursor = ack.visibleSeq;
      this.startCursor = ack.visibleSeq;
      this.drainPending();
    } else if (ack.visibleSeq > this.cursor) {
      await this.catchUp();
    }
  }

  onEvent(event: DinewireEvent): void {
    if (!this.active) return;
    if (this.catchingUp || this.cursor < 0) {
      this.pending.push(event);
    } else if (event.seq <= this.cursor) {
      this.duplicates++; // a duplicate, or already delivered by a catch-up
    } else if (event.prevSeq > this.cursor) {
      this.gaps++;
      this.pending.push(event);
      void this.catchUp();
    } else {
      this.cursor = event.seq;
      this.hooks.deliver(event, 'live');
    }
  }

  onSync(message: SyncMessage): void {
    if (this.active && this.cursor >= 0 && message.visibleSeq > this.cursor) {
      this.gaps++;
      void this.catchUp();
    }
  }

  drainPending(): void {
    const pending = this.pending.sort((a, b) => a.seq - b.seq);
    this.pending = [];
    for (const event of pending) {
      if (event.seq <= this.cursor) continue;
      if (event.prevSeq > this.cursor) {
        // Still a hole before this one: fetch again.
        this.pending.push(event, ...pending.filter((e) => e.seq > event.seq));
        void this.catchUp();
        return;
      }
      this.cursor = event.seq;
      this.hooks.deliver(event, 'live');
    }
  }

  /** Fetch everything after the cursor; one catch-up at a time, retried with backoff. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    const run = async () => {
      try {
        let attempt = 0;
        do {
          this.again = false;
          const started = Date.now();
          try {
            const events = await this.fetchAfter();
            this.hooks.onCatchUp?.({ ms: Date.now() - started, events, ok: true });
            attempt = 0;
          } catch {
            // The node is gone or restarting: back off and try again while subscribed.
            this.hooks.onCatchUp?.({ ms: Date.now() - started, events: 0, ok: false });
            attempt++;
            if (!this.active || attempt > 8) break;
            this.again = true;
            await this.hooks.delay(Math.min(2000, 100 * 2 ** attempt));
          }
        } while (this.again && this.active);
      } finally {
        this.catchingUp = null;
      }
      if (this.active) this.drainPending();
    };
    this.catchingUp = run();
    return this.catchingUp;
  }

  /** Pages through the log after the cursor; returns how many events it delivered. */
  private async fetchAfter(): Promise<number> {
    if (!this.restaurantId) return 0;
    let delivered = 0;
    for (;;) {
      const page = await this.hooks.fetchPage(this.restaurantId, Math.max(0, this.cursor));
      if (!this.active) return delivered;
      if (page.reset) {
        this.resets++;
        this.cursor = page.latestSeq;
        this.pending = [];
        this.hooks.onReset?.(page);
        return delivered;
      }
      for (const event of page.events) {
        if (event.seq <= this.cursor) continue;
        this.cursor = event.seq;
        delivered++;
        this.hooks.deliver(event, 'catch-up');
      }
      if (page.latestSeq > this.cursor) this.cursor = page.latestSeq;
      if (!page.hasMore) return delivered;
    }
  }
}

// ---------------------------------------------------------------- end-of-run check

/**
 * What a screen holds against what the log says its scope holds, over (from, upTo]: events
 * missing, and events unexpected (not in the log, twice, or out of order).
 */
export function compareWithLog(
  delivered: number[],
  logSeqs: number[],
  from: number,
  upTo: number,
): { missing: number; unexpected: number } {
  const got = delivered.filter((s) => s > from && s <= upTo);
  const want = new Set(logSeqs.filter((s) => s > from && s <= upTo));
  const have = new Set(got);
  let missing = 0;
  for (const seq of want) if (!have.has(seq)) missing++;
  let unexpected = got.length - have.size;
  for (const seq of have) if (!want.has(seq)) unexpected++;
  for (let i = 1; i < got.length; i++) if (got[i] <= got[i - 1]) unexpected++;
  return { missing, unexpected };
}

/** Query string of a catch-up request for this subscription (after the cursor). */
export function eventsQuery(request: SubscribeRequest, after: number, limit?: number): string {
  const parts = [`after=${Math.max(0, after)}`];
  if ('orderId' in request) {
    parts.push('scope=order', `orderId=${encodeURIComponent(request.orderId)}`);
    if (request.orderToken) parts.push(`token=${encodeURIComponent(request.orderToken)}`);
  } else {
    parts.push(`scope=${encodeURIComponent(request.scope)}`);
    if (request.stationId) parts.push(`stationId=${encodeURIComponent(request.stationId)}`);
  }
  if (limit) parts.push(`limit=${limit}`);
  return parts.join('&');
}
