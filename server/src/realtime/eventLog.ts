import { EventTypes, type DinewireEvent, type EventType, type Scope } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import { one, rows } from '../db/sql';
import { audiencesOf, type Audience } from './audiences';
import { presentEventData } from './presenters';

/** One row of the event log, with the previous seq of each audience that sees it. */
export interface StoredEvent {
  restaurantId: string;
  seq: number;
  type: EventType;
  orderId: string | null;
  prev: { kitchen: number | null; board: number | null; menu: number | null; order: number | null };
  /** The full (staff) presentation; other audiences get theirs derived from it. */
  data: unknown;
  at: string;
  /** Set by the broadcaster after commit. */
  publishedAt?: string;
}

/** A row of `events`, as RETURNING * gives it. */
export interface EventRow {
  restaurant_id: string;
  seq: number;
  type: EventType;
  order_id: string | null;
  prev_kitchen: number | null;
  prev_board: number | null;
  prev_menu: number | null;
  prev_order: number | null;
  data: unknown;
  at: Date;
}

export function fromRow(r: EventRow): StoredEvent {
  return {
    restaurantId: r.restaurant_id,
    seq: r.seq,
    type: r.type,
    orderId: r.order_id,
    prev: { kitchen: r.prev_kitchen, board: r.prev_board, menu: r.prev_menu, order: r.prev_order },
    data: r.data,
    at: r.at.toISOString(),
  };
}

/**
 * The two CTEs that append one event, for use inside a larger statement: `counter` takes the
 * restaurant's next seq (its row lock, held to commit, hands out seq gap-free and in commit order;
 * take it last in a transaction to hold it briefly) and remembers the seq each audience saw last;
 * `event` writes the row. The arguments are SQL expressions (bind parameters, or derived values).
 */
export function eventCtes(type: EventType, hasOrder: boolean, sql: { restaurantId: string; orderId: string; prevOrder: string; data: string }): string {
  if (!EventTypes.includes(type)) throw new Error(`unknown event type ${type}`);
  const audiences = audiencesOf(type, hasOrder);
  const k = audiences.includes('kitchen');
  const b = audiences.includes('board');
  const m = audiences.includes('menu');
  return `counter AS (
       UPDATE restaurant_counters SET
         seq = seq + 1,
         last_kitchen = ${k ? 'seq + 1' : 'last_kitchen'},
         last_board = ${b ? 'seq + 1' : 'last_board'},
         last_menu = ${m ? 'seq + 1' : 'last_menu'},
         prev = ARRAY[last_kitchen, last_board, last_menu]
       WHERE restaurant_id = ${sql.restaurantId}
       RETURNING seq, prev),
     event AS (
       INSERT INTO events (restaurant_id, seq, type, order_id, prev_kitchen, prev_board, prev_menu, prev_order, data)
       SELECT ${sql.restaurantId}, counter.seq, '${type}', ${sql.orderId},
         ${k ? 'counter.prev[1]' : 'NULL'}, ${b ? 'counter.prev[2]' : 'NULL'}, ${m ? 'counter.prev[3]' : 'NULL'},
         ${sql.prevOrder}, ${sql.data}
       FROM counter
       RETURNING *)`;
}

/** Appends an event in the caller's transaction (see eventCtes); an order's event also becomes its last. */
export async function appendEvent(
  sequelize: Sequelize,
  t: Transaction,
  e: { restaurantId: string; type: EventType; data: unknown; orderId?: string; prevOrderSeq?: number },
): Promise<StoredEvent> {
  const row = await one<EventRow>(
    sequelize,
    `WITH ${eventCtes(e.type, Boolean(e.orderId), { restaurantId: '$1::uuid', orderId: '$2::uuid', prevOrder: '$3::bigint', data: '$4::jsonb' })},
     -- an order remembers its latest event: the prevSeq of its own subscribers' next event
     ord AS (UPDATE orders SET last_event_seq = (SELECT seq FROM counter) WHERE id = $2::uuid)
     SELECT * FROM event`,
    [e.restaurantId, e.orderId ?? null, e.orderId ? (e.prevOrderSeq ?? 0) : null, JSON.stringify(e.data)],
    t,
  );
  if (!row) throw new Error(`no event counter for restaurant ${e.restaurantId}`);
  return fromRow(row);
}

/** The event as one audience receives it (live or in a catch-up), or null if it may not see it. */
export function presentEvent(e: StoredEvent, audience: Audience): DinewireEvent | null {
  let prevSeq: number | null;
  switch (audience) {
    case 'staff':
      prevSeq = e.seq - 1;
      break;
    case 'order':
      prevSeq = e.prev.order;
      break;
    default:
      prevSeq = e.prev[audience];
  }
  if (prevSeq === null) return null;
  const data = presentEventData(e.type, e.data, audience);
  return { seq: e.seq, prevSeq, restaurantId: e.restaurantId, type: e.type, at: e.at, ...(e.publishedAt ? { publishedAt: e.publishedAt } : {}), data } as DinewireEvent;
}

export async function latestSeq(sequelize: Sequelize, restaurantId: string): Promise<number | null> {
  const r = await one<{ seq: number }>(sequelize, 'SELECT seq FROM restaurant_counters WHERE restaurant_id = $1', [restaurantId]);
  return r ? r.seq : null;
}

export const CATCH_UP_PAGE = 500;

/**
 * Everything after `after` that the audience may see, up to the latest committed seq read first:
 * a counter value is only visible once its transaction (and so its event row) has committed.
 */
export async function eventsAfter(
  sequelize: Sequelize,
  q: { restaurantId: string; after: number; audience: Audience; orderId?: string; limit?: number },
): Promise<{ events: DinewireEvent[]; latestSeq: number; hasMore: boolean; reset: boolean }> {
  const latest = (await latestSeq(sequelize, q.restaurantId)) ?? 0;
  if (q.after > latest) return { events: [], latestSeq: latest, hasMore: false, reset: true };
  const limit = Math.min(q.limit ?? CATCH_UP_PAGE, CATCH_UP_PAGE);
  const filter =
    q.audience === 'order'
      ? 'AND order_id = $4'
      : q.audience === 'staff'
        ? ''
        : `AND prev_${q.audience} IS NOT NULL`;
  const bind: unknown[] = [q.restaurantId, q.after, latest];
  if (q.audience === 'order') bind.push(q.orderId);
  bind.push(limit);
  const list = await rows<EventRow>(
    sequelize,
    `SELECT * FROM events WHERE restaurant_id = $1 AND seq > $2 AND seq <= $3 ${filter}
     ORDER BY seq LIMIT $${bind.length}`,
    bind,
  );
  const events = list.map(fromRow).map((e) => presentEvent(e, q.audience)).filter((e): e is DinewireEvent => e !== null);
  // A full page: answer only up to its last event, so the client asks again for the rest.
  const hasMore = list.length === limit;
  return { events, latestSeq: hasMore ? list[list.length - 1].seq : latest, hasMore, reset: false };
}

export type { Scope };
