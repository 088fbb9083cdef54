import type { LocalizedText } from '@dinewire/protocol';

/**
 * The manager's live figures of one restaurant, in one statement. Open tickets come from
 * orders_restaurant_status (status first), today's orders and the last hour's series from
 * orders_restaurant_placed, ticket times by the minute they were ready from
 * orders_restaurant_ready. "Today" is the restaurant's own day (its time zone). Cancelled orders
 * count nowhere, nor do pre-orders held for their party (they count from when they are sent). Upcoming covers are the party sizes of bookings still `booked` that start from
 * now: within `upcomingHours`, and before the restaurant's day ends (reservations_restaurant_starts).
 * Binds: restaurantId, upcomingHours.
 */
export const LIVE_FIGURES = `WITH r AS (SELECT id, currency, time_zone,
            (date_trunc('day', now() AT TIME ZONE time_zone) AT TIME ZONE time_zone) AS day_start,
            ((date_trunc('day', now() AT TIME ZONE time_zone) + interval '1 day') AT TIME ZONE time_zone) AS day_end,
            now() + make_interval(hours => $upcomingHours::int) AS soon_end,
            date_trunc('minute', now()) - interval '59 minutes' AS hour_start
       FROM restaurants WHERE id = $restaurantId),
     today AS (SELECT o.placed_at, o.ready_at, o.total_cents, o.refunded_cents FROM orders o, r
                WHERE o.restaurant_id = r.id AND o.placed_at >= r.day_start AND o.status <> 'cancelled' AND NOT o.held),
     open_orders AS (SELECT o.id, o.number, o.placed_at FROM orders o
                      WHERE o.restaurant_id = $restaurantId AND o.status IN ('placed', 'preparing') AND NOT o.held),
     open_items AS (SELECT i.station_id, i.order_id, i.quantity FROM open_orders o JOIN order_items i ON i.order_id = o.id
                     WHERE i.status IN ('queued', 'cooking')),
     minutes AS (SELECT m AS minute FROM r, generate_series(r.hour_start, date_trunc('minute', now()), interval '1 minute') AS m),
     placed AS (SELECT date_trunc('minute', o.placed_at) AS minute, count(*)::int AS n FROM orders o, r
                 WHERE o.restaurant_id = r.id AND o.placed_at >= r.hour_start AND o.status <> 'cancelled' AND NOT o.held GROUP BY 1),
     readied AS (SELECT date_trunc('minute', o.ready_at) AS minute,
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.ready_at - o.placed_at)) AS median
                   FROM orders o, r WHERE o.restaurant_id = r.id AND o.ready_at >= r.hour_start GROUP BY 1)
SELECT r.currency, now() AS at,
  (SELECT count(*)::int FROM orders o WHERE o.restaurant_id = r.id AND o.placed_at > now() - interval '5 minutes' AND o.status <> 'cancelled' AND NOT o.held) AS last5,
  (SELECT count(*)::int FROM orders o WHERE o.restaurant_id = r.id AND o.placed_at > now() - interval '15 minutes' AND o.status <> 'cancelled' AND NOT o.held) AS last15,
  (SELECT count(*)::int FROM open_orders) AS open_tickets,
  (SELECT coalesce(json_agg(json_build_object('station_id', st.id, 'names', st.names, 'tickets', coalesce(s.tickets, 0),
          'items', coalesce(s.items, 0)) ORDER BY st.sort, st.id), '[]')
     FROM stations st LEFT JOIN (SELECT station_id, count(DISTINCT order_id)::int AS tickets, sum(quantity)::int AS items
                                   FROM open_items GROUP BY station_id) s ON s.station_id = st.id
    WHERE st.restaurant_id = r.id) AS stations,
  (SELECT count(DISTINCT order_id)::int FROM open_items WHERE station_id IS NULL) AS unstationed,
  (SELECT json_build_object('id', o.id, 'number', o.number, 'placed_at', o.placed_at, 'age', extract(epoch FROM now() - o.placed_at))
     FROM open_orders o ORDER BY o.placed_at, o.number LIMIT 1) AS oldest,
  (SELECT json_build_object('count', count(*), 'avg', avg(s), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY s))
     FROM (SELECT extract(epoch FROM ready_at - placed_at) AS s FROM today WHERE ready_at IS NOT NULL) t) AS ticket,
  (SELECT json_build_object('orders', count(*), 'revenue', coalesce(sum(total_cents - refunded_cents), 0)) FROM today) AS day,
  (SELECT json_build_object(
          'soon_covers', coalesce(sum(v.party_size) FILTER (WHERE v.starts_at < r.soon_end), 0),
          'soon_bookings', count(*) FILTER (WHERE v.starts_at < r.soon_end),
          'day_covers', coalesce(sum(v.party_size) FILTER (WHERE v.starts_at < r.day_end), 0),
          'day_bookings', count(*) FILTER (WHERE v.starts_at < r.day_end))
     FROM reservations v
    WHERE v.restaurant_id = r.id AND v.status = 'booked' AND v.starts_at >= now()
      AND v.starts_at < greatest(r.day_end, r.soon_end)) AS upcoming,
  (SELECT json_agg(json_build_object('minute', m.minute, 'orders', coalesce(p.n, 0), 'median', q.median) ORDER BY m.minute)
     FROM minutes m LEFT JOIN placed p ON p.minute = m.minute LEFT JOIN readied q ON q.minute = m.minute) AS series
FROM r`;

export interface LiveRow {
  currency: string;
  at: Date;
  last5: number;
  last15: number;
  open_tickets: number;
  stations: { station_id: string; names: LocalizedText; tickets: number; items: number }[];
  unstationed: number;
  oldest: { id: string; number: number; placed_at: string; age: number } | null;
  ticket: { count: number; avg: number | null; p90: number | null };
  day: { orders: number; revenue: number | string };
  series: { minute: string; orders: number; median: number | null }[];
  upcoming: { soon_covers: number; soon_bookings: number; day_covers: number; day_bookings: number };
}
