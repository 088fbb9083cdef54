import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { SubscribeSchema, type LoadMessage, type SubscribeAck, type SubscribeRequest } from '@dinewire/protocol';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { Actor, Services } from '../context';
import { rows } from '../db/sql';
import { AppError } from '../errors';
import { tokenOf } from '../http/auth';
import { metrics } from '../metrics';
import { accessOf } from '../modules/orders/order.presenter';
import { loadOrderRow } from '../modules/orders/orderReader';
import { can, denial } from '../policies';
import { parseRoom, rooms } from './audiences';
import type { IoServer, SocketBroadcaster } from './broadcaster';
import type { Revocation } from '../modules/accounts/sessionCache';

interface SocketData {
  actor: Actor;
}
type DwSocket = Socket<import('@dinewire/protocol').ClientToServerEvents, import('@dinewire/protocol').ServerToClientEvents, object, SocketData>;

/** Inter-node message: sessions ended (see SessionCache). */
export const REVOKED_EVENT = 'dinewire:revoked';

export interface Realtime {
  io: IoServer;
  /** Stops heartbeats and closes every socket of this node. */
  close(): Promise<void>;
}

/**
 * The one owner of Socket.IO: handshake authentication, subscriptions (rooms), the Redis adapter,
 * and the heartbeat. Clients never write through the socket; changes come in over HTTP.
 */
export function createRealtime(
  httpServer: http.Server,
  deps: Services & { broadcaster: SocketBroadcaster; redis: { pub: Redis; sub: Redis } | null },
): Realtime {
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
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : tokenOf({ cookie: socket.handshake.headers.cookie });
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

  io.on('connection', (socket: DwSocket) => {
    metrics.sockets.inc();
    const actor = socket.data.actor;
    if (actor.kind !== 'anonymous') {
      void socket.join(rooms.session(actor.sessionId));
      if (actor.kind === 'device') void socket.join(rooms.device(actor.id));
    }
    socket.on('disconnect', () => metrics.sockets.dec());

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
        void socket.leave('orderId' in r ? rooms.order(r.orderId) : rooms.scope(r.restaurantId, r.scope));
      }
      if (typeof ack === 'function') ack({ ok: true });
    });
  });

  const heartbeat = setInterval(() => {
    void sendHeartbeat(io, deps).catch((err) => deps.logger.warn({ err }, 'heartbeat failed'));
  }, deps.config.syncIntervalMs);
  heartbeat.unref();

  return {
    io,
    async close() {
      clearInterval(heartbeat);
      // Closing the transports (not disconnectSockets, which tells clients not to come back)
      // lets clients reconnect, to another node. The HTTP server is the caller's to close:
      // io.close() would wait on it, and so on every keep-alive connection.
      io.engine.close();
    },
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
    const o = await loadOrderRow(deps, r.orderId);
    if (!o || !can(actor, 'order.read', { order: accessOf(o), token: r.orderToken })) return refused('not_found', 'Order not found.');
    await socket.join(rooms.order(o.id));
    const seq = await counterOf(deps, o.restaurant_id);
    return { ok: true, restaurantId: o.restaurant_id, seq: seq?.seq ?? 0, visibleSeq: o.last_event_seq };
  }
  const watch = { restaurantId: r.restaurantId, scope: r.scope, stationId: r.stationId };
  if (!can(actor, 'scope.watch', watch)) {
    const e = denial(actor, 'scope.watch', watch);
    return refused(e.code, e.message);
  }
  // Join before reading the seq: anything committed after the read reaches this socket live.
  await socket.join(rooms.scope(r.restaurantId, r.scope));
  const c = await counterOf(deps, r.restaurantId);
  if (!c) {
    await socket.leave(rooms.scope(r.restaurantId, r.scope));
    return refused('not_found', 'Restaurant not found.');
  }
  return { ok: true, restaurantId: r.restaurantId, seq: c.seq, visibleSeq: visibleFor(c, r.scope) };
}

interface CounterRow {
  restaurant_id: string;
  seq: number;
  last_kitchen: number;
  last_board: number;
  last_menu: number;
}

async function counterOf(deps: Services, restaurantId: string): Promise<CounterRow | null> {
  const [c] = await rows<CounterRow>(deps.sequelize, 'SELECT * FROM restaurant_counters WHERE restaurant_id = $1', [restaurantId]);
  return c ?? null;
}

function visibleFor(c: CounterRow, scope: string): number {
  switch (scope) {
    case 'kitchen':
      return c.last_kitchen;
    case 'board':
      return c.last_board;
    case 'menu':
      return c.last_menu;
    default:
      return c.seq;
  }
}

/**
 * Every few seconds, each node tells its own sockets the latest committed seq of what they watch,
 * read from the database: a client behind it (a lost pub/sub message, a node that crashed
 * between commit and broadcast) catches up. Staff rooms also get live load figures.
 */
async function sendHeartbeat(io: IoServer, deps: Services): Promise<void> {
  const local = io.of('/').adapter.rooms;
  const restaurantRooms = new Map<string, string[]>();
  const orderRooms: string[] = [];
  for (const [room, members] of local) {
    if (members.size === 0) continue;
    const parsed = parseRoom(room);
    if (!parsed) continue;
    if ('orderId' in parsed) orderRooms.push(parsed.orderId);
    else restaurantRooms.set(parsed.restaurantId, [...(restaurantRooms.get(parsed.restaurantId) ?? []), parsed.scope]);
  }
  // A heartbeat writes to every local socket; done in one go it would hold the event loop (one
  // system call per socket) and delay live events behind it. Yield every few dozen sockets.
  let written = 0;
  const send = async (room: string, emit: () => void) => {
    emit();
    written += local.get(room)?.size ?? 0;
    if (written >= 50) {
      written = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  if (restaurantRooms.size) {
    const counters = await rows<CounterRow>(deps.sequelize, 'SELECT * FROM restaurant_counters WHERE restaurant_id = ANY($1::uuid[])', [
      [...restaurantRooms.keys()],
    ]);
    for (const c of counters) {
      for (const scope of restaurantRooms.get(c.restaurant_id) ?? []) {
        const room = rooms.scope(c.restaurant_id, scope as 'staff');
        await send(room, () =>
          io.local.to(room).emit('sync', { restaurantId: c.restaurant_id, seq: c.seq, scope: scope as 'staff', visibleSeq: visibleFor(c, scope) }),
        );
      }
    }
    const staffIds = [...restaurantRooms].filter(([, scopes]) => scopes.includes('staff')).map(([id]) => id);
    if (staffIds.length) {
      for (const load of await loadFigures(deps, staffIds)) {
        const room = rooms.scope(load.restaurantId, 'staff');
        await send(room, () => io.local.to(room).emit('load', load));
      }
    }
  }
  if (orderRooms.length) {
    const orders = await rows<{ id: string; restaurant_id: string; last_event_seq: number; seq: number }>(
      deps.sequelize,
      `SELECT o.id, o.restaurant_id, o.last_event_seq, c.seq FROM orders o JOIN restaurant_counters c ON c.restaurant_id = o.restaurant_id
        WHERE o.id = ANY($1::uuid[])`,
      [orderRooms.slice(0, 5000)],
    );
    for (const o of orders) {
      const room = rooms.order(o.id);
      await send(room, () =>
        io.local.to(room).emit('sync', { restaurantId: o.restaurant_id, seq: o.seq, scope: 'order', orderId: o.id, visibleSeq: o.last_event_seq }),
      );
    }
  }
}

async function loadFigures(deps: Services, restaurantIds: string[]): Promise<LoadMessage[]> {
  const list = await rows<{
    restaurant_id: string;
    open_orders: number;
    queued: number;
    cooking: number;
    ready: number;
    last_hour: number;
    avg_ticket: number | null;
  }>(
    deps.sequelize,
    `SELECT r.id AS restaurant_id,
       (SELECT count(*)::int FROM orders o WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready')) AS open_orders,
       (SELECT count(*) FILTER (WHERE i.status = 'queued')::int FROM orders o JOIN order_items i ON i.order_id = o.id
          WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready')) AS queued,
       (SELECT count(*) FILTER (WHERE i.status = 'cooking')::int FROM orders o JOIN order_items i ON i.order_id = o.id
          WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready')) AS cooking,
       (SELECT count(*) FILTER (WHERE i.status = 'ready')::int FROM orders o JOIN order_items i ON i.order_id = o.id
          WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready')) AS ready,
       (SELECT count(*)::int FROM orders o WHERE o.restaurant_id = r.id AND o.placed_at > now() - interval '1 hour') AS last_hour,
       (SELECT avg(extract(epoch FROM o.updated_at - o.placed_at))::float FROM orders o
          WHERE o.restaurant_id = r.id AND o.status = 'completed' AND o.updated_at > now() - interval '1 hour') AS avg_ticket
     FROM restaurants r WHERE r.id = ANY($1::uuid[])`,
    [restaurantIds],
  );
  const at = new Date().toISOString();
  return list.map((l) => ({
    restaurantId: l.restaurant_id,
    openOrders: l.open_orders,
    queuedItems: l.queued,
    cookingItems: l.cooking,
    readyItems: l.ready,
    ordersLastHour: l.last_hour,
    avgTicketSeconds: l.avg_ticket === null ? null : Math.round(l.avg_ticket),
    at,
  }));
}
