import type { LoadMessage, Scope } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { one, rows } from '../db/sql';
import { parseRoom, rooms } from './audiences';
import type { IoServer } from './broadcaster';
import { COUNTER, COUNTERS, LOAD_FIGURES, ORDER_SEQS } from './heartbeat.sql';

export interface CounterRow {
  restaurant_id: string;
  seq: number;
  last_kitchen: number;
  last_board: number;
  last_menu: number;
}

export async function counterOf(sequelize: Sequelize, restaurantId: string): Promise<CounterRow | null> {
  return one<CounterRow>(sequelize, COUNTER, { restaurantId });
}

/** The latest seq a scope may see (its audience's last event). */
export function visibleFor(c: CounterRow, scope: Scope): number {
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
export async function sendHeartbeat(io: IoServer, sequelize: Sequelize): Promise<void> {
  const local = io.of('/').adapter.rooms;
  const restaurantRooms = new Map<string, Scope[]>();
  const orderRooms = new Map<string, string[]>();
  for (const [room, members] of local) {
    if (members.size === 0) continue;
    const parsed = parseRoom(room);
    if (!parsed) continue;
    if ('orderId' in parsed) orderRooms.set(parsed.orderId, [...(orderRooms.get(parsed.orderId) ?? []), room]);
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
    const counters = await rows<CounterRow>(sequelize, COUNTERS, { restaurantIds: [...restaurantRooms.keys()] });
    for (const c of counters) {
      for (const scope of restaurantRooms.get(c.restaurant_id) ?? []) {
        const room = rooms.scope(c.restaurant_id, scope);
        await send(room, () =>
          io.local.to(room).emit('sync', { restaurantId: c.restaurant_id, seq: c.seq, scope, visibleSeq: visibleFor(c, scope) }),
        );
      }
    }
    const staffIds = [...restaurantRooms].filter(([, scopes]) => scopes.includes('staff')).map(([id]) => id);
    if (staffIds.length) {
      for (const load of await loadFigures(sequelize, staffIds)) {
        const room = rooms.scope(load.restaurantId, 'staff');
        await send(room, () => io.local.to(room).emit('load', load));
      }
    }
  }
  if (orderRooms.size) {
    const orders = await rows<{ id: string; restaurant_id: string; last_event_seq: number; seq: number }>(sequelize, ORDER_SEQS, {
      orderIds: [...orderRooms.keys()].slice(0, 5000),
    });
    for (const o of orders) {
      for (const room of orderRooms.get(o.id) ?? []) {
        await send(room, () =>
          io.local
            .to(room)
            .emit('sync', { restaurantId: o.restaurant_id, seq: o.seq, scope: 'order', orderId: o.id, visibleSeq: o.last_event_seq }),
        );
      }
    }
  }
}

async function loadFigures(sequelize: Sequelize, restaurantIds: string[]): Promise<LoadMessage[]> {
  const list = await rows<{
    restaurant_id: string;
    open_orders: number;
    queued: number;
    cooking: number;
    ready: number;
    last_hour: number;
    avg_ticket: number | null;
  }>(sequelize, LOAD_FIGURES, { restaurantIds });
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
