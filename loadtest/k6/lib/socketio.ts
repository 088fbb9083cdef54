/**
 * A Dinewire screen over k6/websockets: Socket.IO spoken by hand (framing in protocol.ts),
 * behaving as protocol/src/client.ts does with socket.io-client underneath it:
 *   - open ws(s)://…/socket.io/?EIO=4&transport=websocket, wait for engine.io's `0{…}`,
 *     CONNECT with `40{"token":…}` (or `40` for an anonymous kiosk), wait for `40{"sid":…}`;
 *   - answer every server ping `2` with `3` (the server drops a socket that misses one);
 *   - `42<id>["subscribe",{…}]` → `43<id>[{ok, seq, visibleSeq, restaurantId}]`;
 *   - `42["event",{…}]` and `42["sync",{…}]` feed the cursor (ScopeSubscription), which
 *     catches up over HTTP on a gap;
 *   - on a lost connection (a close, or no packet for pingInterval + pingTimeout), reconnect
 *     with socket.io-client's backoff (250 ms doubling to 2 s, ±50 %) and subscribe again.
 * Several screens share one VU: k6/websockets runs them all on the VU's event loop.
 */
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'k6/timers';
import type { IntervalID, TimeoutID } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import type { MessageEvent } from 'k6/websockets';
import { apiGetAsync } from './api.ts';
import { BASE_URL } from './config.ts';
import * as metrics from './metrics.ts';
import {
  compareWithLog,
  decodeEnginePacket,
  decodeSocketIoPacket,
  encodeConnect,
  encodeEvent,
  encodePong,
  eventsQuery,
  ScopeSubscription,
  socketIoUrl,
  type SocketIoPacket,
} from './protocol.ts';
import type { DinewireEvent, EventsPage, SubscribeAck, SubscribeRequest, SyncMessage } from './wire.ts';

/** socket.io-client's default connection timeout: no subscribe ack within it, and the attempt is dropped. */
const CONNECT_TIMEOUT_MS = 20_000;
const RECONNECT_DELAY_MS = 250;
const RECONNECT_DELAY_MAX_MS = 2000;
const WS_OPEN = 1;

export type ScreenKind = 'kiosk' | 'kitchen' | 'dashboard';

export interface ScreenOptions {
  kind: ScreenKind;
  request: SubscribeRequest;
  /** A user's or device's token; none for a kiosk's public menu scope. */
  token?: string;
  /** Keep every delivered seq, for the end-of-run comparison with the log. */
  keepSeqs?: boolean;
  /** Record event_latency_ms for deliveries (the fan-out measure). */
  measureLatency?: boolean;
}

interface Connection {
  ws: WebSocket;
  startedAt: number;
  /** When the last frame arrived: the liveness clock. */
  lastFrameAt: number;
  engineOpen: boolean;
  pingInterval: number;
  pingTimeout: number;
  lastError: string | null;
}

export class Screen {
  readonly sub: ScopeSubscription;
  /** Seqs delivered, in delivery order (with keepSeqs). */
  readonly delivered: number[] = [];
  /** Milliseconds from each loss to the subscribe ack that followed it. */
  readonly reconnects: number[] = [];
  subscribed = false;
  everSubscribed = false;
  /** When the connection was lost; null while subscribed (or before the first subscription). */
  lostAt: number | null = null;
  /** Why the server refused this screen for good (handshake or subscribe), if it did. */
  refused: string | null = null;

  private conn: Connection | null = null;
  private stopped = false;
  private attempt = 0;
  private nextAckId = 0;
  private acks = new Map<number, (args: unknown[]) => void>();
  private reconnectTimer: TimeoutID | null = null;
  private watchdog: IntervalID | null = null;
  private createdAt = Date.now();
  /** While a frame is being handled: when k6 read it off the socket. */
  private frameAt: number | null = null;
  private readonly tags: Record<string, string>;

  constructor(private readonly opts: ScreenOptions) {
    const scope = 'orderId' in opts.request ? 'order' : opts.request.scope;
    this.tags = { scope, screen: opts.kind };
    this.sub = new ScopeSubscription(opts.request, {
      deliver: (event, via) => this.deliver(event, via),
      fetchPage: (restaurantId, after) => this.fetchPage(restaurantId, after),
      delay: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      onReset: () => console.warn(`${this.tags.screen} screen: its cursor fell out of the event log; it reloads from the latest seq`),
      onCatchUp: ({ ms, events, ok }) => {
        if (ok) {
          metrics.catchUps.add(1, this.tags);
          metrics.catchUpDuration.add(ms, { ...this.tags, events: events > 0 ? 'some' : 'none' });
        } else {
          metrics.catchUpFailures.add(1, this.tags);
        }
      },
    });
  }

  get kind(): ScreenKind {
    return this.opts.kind;
  }

  open(): void {
    this.watchdog = setInterval(() => this.checkLiveness(), 1000);
    this.connect();
  }

  /** Close for good: no reconnect, no more catch-ups. */
  stop(): void {
    this.stopped = true;
    this.sub.active = false;
    if (this.watchdog !== null) clearInterval(this.watchdog);
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.watchdog = this.reconnectTimer = null;
    const c = this.conn;
    this.conn = null;
    this.subscribed = false;
    // A socket still CONNECTING is closed by its onopen (k6 blocks on close() before the handshake).
    if (c && c.ws.readyState === WS_OPEN) c.ws.close();
  }

  // ---------------------------------------------------------------- connection

  private connect(): void {
    const ws = new WebSocket(socketIoUrl(BASE_URL), null, { tags: this.tags });
    const conn: Connection = {
      ws,
      startedAt: Date.now(),
      lastFrameAt: Date.now(),
      engineOpen: false,
      pingInterval: 25_000,
      pingTimeout: 20_000,
      lastError: null,
    };
    this.conn = conn;
    ws.onopen = () => {
      if (this.conn !== conn) ws.close(); // given up on while it was connecting
    };
    ws.onmessage = (e?: MessageEvent) => {
      if (this.conn !== conn || !e || typeof e.data !== 'string') return;
      // A handler that throws makes k6 close the socket: keep a bad frame from doing that.
      try {
        this.onFrame(conn, e.data, typeof e.timestamp === 'number' ? e.timestamp : Date.now());
      } catch (err) {
        console.error(`screen: could not handle ${e.data.slice(0, 120)}: ${String(err)}`);
      } finally {
        this.frameAt = null;
      }
    };
    ws.onerror = (e) => {
      if (this.conn === conn) conn.lastError = e?.error ?? 'error';
    };
    ws.onclose = () => this.lost(conn, conn.lastError ?? 'closed');
  }

  private send(conn: Connection, frame: string): void {
    if (conn.ws.readyState === WS_OPEN) conn.ws.send(frame);
  }

  private onFrame(conn: Connection, frame: string, at: number): void {
    conn.lastFrameAt = Date.now();
    const packet = decodeEnginePacket(frame);
    if (!packet) return;
    switch (packet.type) {
      case 'open':
        conn.engineOpen = true;
        conn.pingInterval = packet.handshake.pingInterval;
        conn.pingTimeout = packet.handshake.pingTimeout;
        this.send(conn, encodeConnect(this.opts.token ? { token: this.opts.token } : undefined));
        return;
      case 'ping':
        this.send(conn, encodePong(packet.data));
        return;
      case 'message':
        this.frameAt = at;
        this.onPacket(conn, decodeSocketIoPacket(packet.data));
        return;
      case 'close':
        this.abandon(conn, 'the server closed the session');
        return;
      default:
        return;
    }
  }

  private onPacket(conn: Connection, packet: SocketIoPacket | null): void {
    if (!packet || packet.nsp !== '/') return;
    switch (packet.type) {
      case 'connect':
        this.subscribe(conn);
        return;
      case 'connect_error':
        // A refused handshake (a bad token) does not get better by retrying (socket.io-client gives up too).
        this.refuse(`handshake refused: ${packet.data.message}`, packet.data.message);
        return;
      case 'disconnect':
        // The server ended this session on purpose (a revoked device): socket.io-client does not retry.
        this.refuse('disconnected by the server', 'server_disconnect');
        return;
      case 'ack': {
        const done = this.acks.get(packet.id);
        this.acks.delete(packet.id);
        done?.(packet.args);
        return;
      }
      case 'event':
        if (packet.name === 'event') {
          const event = packet.args[0] as DinewireEvent;
          if (event && this.sub.matches(event)) this.sub.onEvent(event);
        } else if (packet.name === 'sync') {
          const message = packet.args[0] as SyncMessage;
          if (message && this.sub.matchesSync(message)) this.sub.onSync(message);
        }
        return;
    }
  }

  private subscribe(conn: Connection): void {
    const id = this.nextAckId++;
    this.acks.set(id, (args) => this.onSubscribed(conn, args[0] as SubscribeAck));
    this.send(conn, encodeEvent('subscribe', [this.opts.request], id));
  }

  private onSubscribed(conn: Connection, ack: SubscribeAck): void {
    if (this.conn !== conn || this.stopped) return;
    if (!ack || !ack.ok) {
      this.refuse(`subscribe refused: ${ack ? `${ack.error.code}: ${ack.error.message}` : 'no answer'}`, ack ? ack.error.code : 'none');
      return;
    }
    const now = Date.now();
    if (!this.everSubscribed) {
      metrics.screensSubscribed.add(1, this.tags);
      metrics.subscribeDuration.add(now - this.createdAt, this.tags);
    }
    if (this.lostAt !== null) {
      const ms = now - this.lostAt;
      this.reconnects.push(ms);
      metrics.reconnectDuration.add(ms, this.tags);
      this.lostAt = null;
    }
    this.subscribed = true;
    this.everSubscribed = true;
    this.attempt = 0;
    // The cursor catches up from here if the ack shows it behind (after a reconnect).
    void this.sub.onAck(ack);
  }

  private refuse(reason: string, code: string): void {
    if (this.refused === null) {
      this.refused = reason;
      metrics.subscribeRefused.add(1, { ...this.tags, code });
      console.error(`${this.tags.screen} screen (${this.tags.scope}): ${reason}`);
    }
    this.stop();
  }

  /** Drop a connection that went silent or never got subscribed; a CONNECTING one is closed by its onopen. */
  private abandon(conn: Connection, reason: string): void {
    if (conn.ws.readyState === WS_OPEN) conn.ws.close();
    this.lost(conn, reason);
  }

  private lost(conn: Connection, reason: string): void {
    if (this.conn !== conn) return;
    this.conn = null;
    this.acks.clear();
    this.subscribed = false;
    if (this.stopped) return;
    if (this.everSubscribed && this.lostAt === null) {
      this.lostAt = Date.now();
      metrics.socketsLost.add(1, { ...this.tags, reason: reason.slice(0, 60) });
    }
    const base = Math.min(RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS * 2 ** this.attempt++);
    const delay = base * (0.5 + Math.random());
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private checkLiveness(): void {
    const c = this.conn;
    if (!c) return;
    const now = Date.now();
    // engine.io: the server pings every pingInterval; nothing for pingInterval + pingTimeout is a dead link.
    if (c.engineOpen && now - c.lastFrameAt > c.pingInterval + c.pingTimeout) this.abandon(c, 'ping timeout');
    else if (!this.subscribed && now - c.startedAt > CONNECT_TIMEOUT_MS) this.abandon(c, 'connect timeout');
  }

  // ---------------------------------------------------------------- events

  private deliver(event: DinewireEvent, via: 'live' | 'catch-up'): void {
    if (this.opts.keepSeqs) this.delivered.push(event.seq);
    metrics.eventsReceived.add(1, this.tags);
    if (this.opts.measureLatency) {
      // Live: when k6 read the frame; from a catch-up (or held back behind one): now, when the screen gets it.
      const receivedAt = via === 'live' && this.frameAt !== null ? this.frameAt : Date.now();
      metrics.eventLatency.add(receivedAt - Date.parse(event.at), { ...this.tags, via });
      // Where the server also says when it sent the event (after commit), the push alone; reported, not gated.
      const publishedAt = (event as { publishedAt?: string }).publishedAt;
      if (via === 'live' && publishedAt) metrics.publishLatency.add(receivedAt - Date.parse(publishedAt), this.tags);
    }
  }

  private async fetchPage(restaurantId: string, after: number): Promise<EventsPage> {
    const res = await apiGetAsync<EventsPage>(`/restaurants/${restaurantId}/events?${eventsQuery(this.opts.request, after)}`, {
      token: this.opts.token,
      name: 'GET /restaurants/:id/events',
    });
    if (!res.body) throw new Error(`catch-up: ${res.status || res.networkError}`);
    return res.body;
  }

  // ---------------------------------------------------------------- the end-of-run check

  /**
   * Catch up once more, then hold what this screen got against the log its scope may see,
   * from its first cursor to its last: `{missing, unexpected}`, or null if it cannot say
   * (never subscribed, or its cursor was reset).
   */
  async checkAgainstLog(): Promise<{ missing: number; unexpected: number } | null> {
    if (this.sub.startCursor < 0 || this.sub.resets > 0) return null;
    await this.sub.catchUp();
    const from = this.sub.startCursor;
    const upTo = this.sub.cursor;
    const restaurantId = this.sub.restaurantId;
    if (!restaurantId) return null;
    const logSeqs: number[] = [];
    let after = from;
    while (after < upTo) {
      let page: EventsPage | null = null;
      for (let attempt = 0; attempt < 4 && !page; attempt++) {
        try {
          page = await this.fetchPage(restaurantId, after);
        } catch {
          await new Promise<void>((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
        }
      }
      if (!page || page.reset) return null;
      for (const e of page.events) logSeqs.push(e.seq);
      if (!page.hasMore || page.latestSeq <= after) break;
      after = page.latestSeq;
    }
    return compareWithLog(this.delivered, logSeqs, from, upTo);
  }
}

// ---------------------------------------------------------------- which screens a VU opens

export interface ScreenPlan {
  kind: ScreenKind;
  restaurantId: string;
}

/**
 * Screen number `n` of the run: restaurants in turn, and kiosk : kitchen : dashboard as 2 : 1 : 1,
 * as the harness mixes them (50 kiosks, 25 kitchen screens, 25 dashboards a restaurant).
 */
export function planScreen(n: number, restaurantIds: string[]): ScreenPlan {
  const restaurantId = restaurantIds[n % restaurantIds.length];
  const slot = Math.floor(n / restaurantIds.length) % 4;
  return { kind: slot < 2 ? 'kiosk' : slot === 2 ? 'kitchen' : 'dashboard', restaurantId };
}

/** The subscription and token a screen of that kind uses. */
export function screenOptions(
  plan: ScreenPlan,
  tokens: { manager: string; kitchen: (restaurantId: string) => string },
): Pick<ScreenOptions, 'kind' | 'request' | 'token'> {
  switch (plan.kind) {
    case 'kiosk':
      return { kind: 'kiosk', request: { restaurantId: plan.restaurantId, scope: 'menu' } };
    case 'kitchen':
      return { kind: 'kitchen', request: { restaurantId: plan.restaurantId, scope: 'kitchen' }, token: tokens.kitchen(plan.restaurantId) };
    case 'dashboard':
      return { kind: 'dashboard', request: { restaurantId: plan.restaurantId, scope: 'staff' }, token: tokens.manager };
  }
}
