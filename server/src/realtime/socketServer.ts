import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { SubscribeSchema, type SubscribeAck, type SubscribeRequest } from '@dinewire/protocol';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { actorKey, type Actor, type Services } from '../context';
import { AppError } from '../errors';
import { tokenOf } from '../http/auth';
import { clientAddress, type TrustFn } from '../http/clientAddress';
import { metrics } from '../metrics';
import { accessOf } from '../modules/orders/order.presenter';
import { findOrder } from '../modules/orders/orderReader';
import type { Revocation } from '../modules/accounts/sessionCache';
import { audienceOf, can, denial } from '../policies';
import { ORDER_AUDIENCES, rooms } from './audiences';
import type { IoServer, SocketBroadcaster } from './broadcaster';
import { counterOf, sendHeartbeat, visibleFor } from './heartbeat';
import { SocketGuard, type EmitBudget, type Refusal } from './socketGuard';

interface SocketData {
  actor: Actor;
  /** The client address, by the HTTP side's TRUST_PROXY rule. */
  address: string;
}
type DwSocket = Socket<
  import('@dinewire/protocol').ClientToServerEvents,
  import('@dinewire/protocol').ServerToClientEvents,
  object,
  SocketData
>;

/**
 * A browser's Origin is our public origin or this very host; a caller that sends none is no
 * browser acting for someone else, so it passes.
 */
export function allowedOrigin(headers: http.IncomingHttpHeaders, publicOrigin: string | undefined): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/** Inter-node message: sessions ended (see SessionCache). */
export const REVOKED_EVENT = 'dinewire:revoked';

export interface Realtime {
  /** Ends sessions' sockets on every node, and has the other nodes evict them from their caches. */
  revoke(r: Revocation): void;
  /** Sockets connected to this node. */
  socketCount(): number;
  /** Stops heartbeats and closes every socket of this node. */
  close(): Promise<void>;
}

/**
 * The one owner of Socket.IO: handshake authentication, subscriptions (rooms), the Redis adapter,
 * and the heartbeat. Clients never write through the socket; changes come in over HTTP.
 */
export function createRealtime(
  httpServer: http.Server,
  deps: Services & { broadcaster: SocketBroadcaster; redis: { pub: Redis; sub: Redis } | null; trustProxy: TrustFn },
): Realtime {
  const guard = SocketGuard.forConfig(deps.config, deps.redis?.pub ?? null);
  const io: IoServer = new Server(httpServer, {
    path: '/socket.io/',
    serveClient: false,
    cors: deps.config.publicOrigin ? { origin: deps.config.publicOrigin, credentials: true } : undefined,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    maxHttpBufferSize: 100_000,
  });
  if (deps.redis) io.adapter(createAdapter(deps.redis.pub, deps.redis.sub, { key: 'dinewire' }));
  deps.broadcaster.attach(io, Boolean(deps.redis));
  (io as unknown as { on(ev: string, fn: (r: Revocation) => void): void }).on(REVOKED_EVENT, (r) => deps.sessions.evict(r));

  io.use(async (socket, next) => {
    (socket.data as SocketData).address = clientAddress(socket.request, deps.trustProxy);
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const fromAuth = typeof auth?.token === 'string';
    const token = fromAuth ? (auth!.token as string) : tokenOf({ cookie: socket.handshake.headers.cookie });
    // A cookie is ambient: only our own pages may use it (cross-site WebSocket hijacking).
    if (token && !fromAuth && !allowedOrigin(socket.handshake.headers, deps.config.publicOrigin)) {
      return next(new Error('forbidden'));
    }
    if (!token) {
      (socket.data as SocketData).actor = { kind: 'anonymous' };
      return next();
    }
    try {
      const actor = await deps.sessions.resolve(token);
      if (!actor) return next(new Error('unauthenticated'));
      (socket.data as SocketData).actor = actor;
      next();
    } catch (err) {
      deps.logger.warn({ err }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });
  // Counted once authenticated, as HTTP requests are: a refused token spends nothing of the address's
  // budget. A flooder is blocked by the HTTP limits' key, its credential or (anonymous) its address,
  // so one guest on a hotel's shared address cannot lock the hotel's signed-in screens out.
  if (guard) {
    io.use(async (socket, next) => {
      const { actor, address } = socket.data as SocketData;
      const over = await guard.admit(actorKey(actor, address), address, socket.id).catch(failOpen(deps));
      if (!over) {
        // The transport closes once, whether the socket was ever connected or the client left mid-handshake.
        if (socket.conn.readyState === 'closed') guard.releaseSlot(socket.id);
        else socket.conn.once('close', () => guard.releaseSlot(socket.id));
      }
      next(refusal('connections', over));
    });
  }

  io.on('connection', (socket: DwSocket) => {
    metrics.sockets.inc();
    const actor = socket.data.actor;
    if (actor.kind !== 'anonymous') {
      void socket.join(rooms.session(actor.sessionId));
      if (actor.kind === 'device') void socket.join(rooms.device(actor.id));
    }
    socket.on('disconnect', () => metrics.sockets.dec());
    const budget = guard?.emitBudget();
    if (guard && budget) socket.use((packet, next) => withinBudget(deps, guard, budget, socket, packet, next));

    socket.on('subscribe', async (request: SubscribeRequest, ack: (r: SubscribeAck) => void) => {
      if (typeof ack !== 'function') return;
      try {
        ack(await subscribe(deps, socket, request));
      } catch (err) {
        if (err instanceof AppError) ack({ ok: false, error: { code: err.code, message: err.message } });
        else {
          deps.logger.error({ err }, 'subscribe failed');
          ack({ ok: false, error: { code: 'internal', message: 'Could not subscribe.' } });
        }
      }
    });

    socket.on('unsubscribe', (request: SubscribeRequest, ack?: (r: { ok: true }) => void) => {
      const parsed = SubscribeSchema.safeParse(request);
      if (parsed.success) {
        const r = parsed.data;
        if ('orderId' in r) for (const audience of ORDER_AUDIENCES) void socket.leave(rooms.order(r.orderId, audience));
        else void socket.leave(rooms.scope(r.restaurantId, r.scope));
      }
      if (typeof ack === 'function') ack({ ok: true });
    });
  });

  const heartbeat = setInterval(() => {
    void sendHeartbeat(io, deps.sequelize).catch((err) => deps.logger.warn({ err }, 'heartbeat failed'));
  }, deps.config.syncIntervalMs);
  heartbeat.unref();

  return {
    revoke(r) {
      if (deps.redis) io.serverSideEmit(REVOKED_EVENT as never, r as never);
      // Through the adapter, these reach the sessions' sockets on every node.
      for (const id of r.deviceIds ?? []) io.in(rooms.device(id)).disconnectSockets(true);
      for (const id of r.sessionIds ?? []) io.in(rooms.session(id)).disconnectSockets(true);
    },
    socketCount: () => io.of('/').sockets.size,
    async close() {
      clearInterval(heartbeat);
      await guard?.close();
      // Closing the transports (not disconnectSockets, which tells clients not to come back)
      // lets clients reconnect, to another node. The HTTP server is the caller's to close:
      // io.close() would wait on it, and so on every keep-alive connection.
      io.engine.close();
    },
  };
}

/** A refused handshake: the client's connect_error says `rate_limited`, with the reason and when to retry in `data`. */
function refusal(reason: string, r: Refusal | null): Error | undefined {
  if (!r) return undefined;
  metrics.socketRefusals.inc({ reason });
  return Object.assign(new Error('rate_limited'), { data: { code: 'rate_limited', message: r.message, retryAfter: r.retryAfter } });
}

/**
 * Every emit spends the socket's budget before any handler (and so any database work) runs: over
 * it, the emit is answered with an error and dropped; a socket that keeps going is disconnected
 * and its caller blocked on every node.
 */
function withinBudget(
  deps: Services,
  guard: SocketGuard,
  budget: EmitBudget,
  socket: DwSocket,
  packet: unknown[],
  next: (err?: Error) => void,
) {
  if (socket.disconnected) return;
  const verdict = budget.spend();
  if (verdict === 'ok') return next();
  if (verdict === 'refused') {
    metrics.socketRefusals.inc({ reason: 'emit' });
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack(refused('rate_limited', 'Too many messages on this connection; slow down.'));
    return;
  }
  metrics.socketRefusals.inc({ reason: 'abuser' });
  socket.disconnect(true);
  deps.logger.warn({ socketId: socket.id }, 'socket disconnected for flooding; its caller is blocked');
  guard
    .block(actorKey(socket.data.actor, socket.data.address))
    .catch((err: unknown) => deps.logger.warn({ err }, 'could not block a flooder'));
}

/** A limit that cannot be checked (its store failed) lets the socket through rather than locking every screen out. */
function failOpen(deps: Services) {
  return (err: unknown): null => {
    deps.logger.warn({ err }, 'socket limit check failed');
    return null;
  };
}

function refused(code: string, message: string): SubscribeAck {
  return { ok: false, error: { code, message } };
}

async function subscribe(deps: Services, socket: DwSocket, request: unknown): Promise<SubscribeAck> {
  const parsed = SubscribeSchema.safeParse(request);
  if (!parsed.success) {
    return refused('validation', parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  }
  const r = parsed.data;
  const actor = socket.data.actor;
  if ('orderId' in r) {
    const o = await findOrder(deps.sequelize, r.orderId);
    const order = o && { access: accessOf(o), token: r.orderToken };
    const audience =
      o && order && can(actor, 'order.read', { order: order.access, token: order.token }) ? audienceOf(actor, o.restaurantId, order) : null;
    if (!o || !audience) return refused('not_found', 'Order not found.');
    // Each audience of an order has its own room: the kitchen does not get the guest's name.
    await socket.join(rooms.order(o.id, audience));
    const seq = await counterOf(deps.sequelize, o.restaurantId);
    return { ok: true, restaurantId: o.restaurantId, seq: seq?.seq ?? 0, visibleSeq: o.lastEventSeq };
  }
  const watch = { restaurantId: r.restaurantId, scope: r.scope, stationId: r.stationId };
  if (!can(actor, 'scope.watch', watch)) {
    const e = denial(actor, 'scope.watch', watch);
    return refused(e.code, e.message);
  }
  // Join before reading the seq: anything committed after the read reaches this socket live.
  await socket.join(rooms.scope(r.restaurantId, r.scope));
  const c = await counterOf(deps.sequelize, r.restaurantId);
  if (!c) {
    await socket.leave(rooms.scope(r.restaurantId, r.scope));
    return refused('not_found', 'Restaurant not found.');
  }
  return { ok: true, restaurantId: r.restaurantId, seq: c.seq, visibleSeq: visibleFor(c, r.scope) };
}
