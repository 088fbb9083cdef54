/** Binds: restaurantId. */
export const COUNTER = 'SELECT * FROM restaurant_counters WHERE restaurant_id = $restaurantId';

/** Binds: restaurantIds. */
export const COUNTERS = 'SELECT * FROM restaurant_counters WHERE restaurant_id = ANY($restaurantIds::uuid[])';

/** Binds: orderIds. An order's last event, and its restaurant's latest seq. */
export const ORDER_SEQS = `SELECT o.id, o.restaurant_id, o.last_event_seq, c.seq FROM orders o JOIN restaurant_counters c ON c.restaurant_id = o.restaurant_id
  WHERE o.id = ANY($orderIds::uuid[])`;

/** Binds: restaurantIds. The live load figures of the staff screens (a pre-order held for its party is no load yet). */
export const LOAD_FIGURES = `SELECT r.id AS restaurant_id,
   (SELECT count(*)::int FROM orders o WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready') AND NOT o.held) AS open_orders,
   (SELECT count(*) FILTER (WHERE i.status = 'queued')::int FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready') AND NOT o.held) AS queued,
   (SELECT count(*) FILTER (WHERE i.status = 'cooking')::int FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready') AND NOT o.held) AS cooking,
   (SELECT count(*) FILTER (WHERE i.status = 'ready')::int FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.restaurant_id = r.id AND o.status IN ('placed', 'preparing', 'ready') AND NOT o.held) AS ready,
   (SELECT count(*)::int FROM orders o WHERE o.restaurant_id = r.id AND o.placed_at > now() - interval '1 hour' AND NOT o.held) AS last_hour,
   (SELECT avg(extract(epoch FROM o.updated_at - o.placed_at))::float FROM orders o
      WHERE o.restaurant_id = r.id AND o.status = 'completed' AND o.updated_at > now() - interval '1 hour') AS avg_ticket
 FROM restaurants r WHERE r.id = ANY($restaurantIds::uuid[])`;
