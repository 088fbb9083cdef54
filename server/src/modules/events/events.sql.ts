import { EventTypes, type EventType } from '@dinewire/protocol';
import { audiencesOf, type Audience } from './eventAudiences';

/**
 * The two CTEs that append one event, for use inside a larger statement: `counter` takes the
 * restaurant's next seq (its row lock, held to commit, hands out seq gap-free and in commit order;
 * take it last in a transaction to hold it briefly) and remembers the seq each audience saw last;
 * `event` writes the row. The arguments are SQL expressions written in code (named binds, or values
 * derived in SQL), never request values; `type` is checked against the known event types.
 */
export function eventCtes(
  type: EventType,
  hasOrder: boolean,
  sql: { restaurantId: string; orderId: string; prevOrder: string; data: string },
): string {
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

/** Binds: restaurantId, orderId, prevOrder, data. An order's event also becomes its last. */
export function appendEventSql(type: EventType, hasOrder: boolean): string {
  return `WITH ${eventCtes(type, hasOrder, { restaurantId: '$restaurantId::uuid', orderId: '$orderId::uuid', prevOrder: '$prevOrder::bigint', data: '$data::jsonb' })},
     -- an order remembers its latest event: the prevSeq of its own subscribers' next event
     ord AS (UPDATE orders SET last_event_seq = (SELECT seq FROM counter) WHERE id = $orderId::uuid)
     SELECT * FROM event`;
}

/** Binds: restaurantId. */
export const LATEST_SEQ = 'SELECT seq FROM restaurant_counters WHERE restaurant_id = $restaurantId';

/** Binds: restaurantId. The latest committed seq, and the oldest the log still keeps (null when pruning took them all). */
export const LOG_BOUNDS = `SELECT c.seq AS latest, (SELECT min(e.seq) FROM events e WHERE e.restaurant_id = c.restaurant_id) AS oldest
  FROM restaurant_counters c WHERE c.restaurant_id = $restaurantId`;

const AUDIENCE_FILTERS: Record<Audience, string> = {
  staff: '',
  kitchen: 'AND prev_kitchen IS NOT NULL',
  board: 'AND prev_board IS NOT NULL',
  menu: 'AND prev_menu IS NOT NULL',
  order: 'AND order_id = $orderId',
};

/** Binds: restaurantId, after, latest, limit, and orderId for an order's audience. */
export function eventsAfterSql(audience: Audience): string {
  // A fixed filter per audience: nothing from the request is spliced into the SQL.
  const filter = AUDIENCE_FILTERS[audience];
  if (filter === undefined) throw new Error(`unknown audience ${String(audience)}`);
  return `SELECT * FROM events WHERE restaurant_id = $restaurantId AND seq > $after AND seq <= $latest ${filter}
     ORDER BY seq LIMIT $limit`;
}
