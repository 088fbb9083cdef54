import type { Sequelize } from 'sequelize';
import { exec, one } from '../../db/sql';

/** How far back orders count, and how many orders a pair needs to count at all. */
export const PAIRING_WINDOW_DAYS = 30;
export const MIN_ORDERS_TOGETHER = 1;

/**
 * Recomputes every restaurant's dish pairings from the orders of the last 30 days (not cancelled),
 * in one transaction: the table is replaced as a whole, so a reader sees the old pairings or the new
 * ones, never half. Score: orders with both / √(orders with each), the cosine of the two
 * dishes' order sets (1: always ordered together). Returns the pairs stored.
 */
export async function refreshPairings(s: { sequelize: Sequelize }, now = new Date()): Promise<number> {
  return s.sequelize.transaction(async (t) => {
    await exec(s.sequelize, 'DELETE FROM dish_pairings', {}, t);
    const r = await one<{ stored: number }>(
      s.sequelize,
      `WITH lines AS (
       SELECT DISTINCT o.restaurant_id, o.id AS order_id, i.dish_id
         FROM orders o JOIN order_items i ON i.order_id = o.id
        WHERE o.placed_at > $now::timestamptz - make_interval(days => $days::int) AND o.placed_at <= $now::timestamptz
          AND o.status <> 'cancelled' AND i.status <> 'cancelled'),
     per_dish AS (SELECT dish_id, count(*) AS n FROM lines GROUP BY dish_id),
     pairs AS (
       SELECT a.restaurant_id, a.dish_id, b.dish_id AS other_dish_id, count(*) AS together
         FROM lines a JOIN lines b ON b.order_id = a.order_id AND b.dish_id <> a.dish_id
        GROUP BY a.restaurant_id, a.dish_id, b.dish_id
       HAVING count(*) >= $min::int),
     stored AS (
       INSERT INTO dish_pairings (restaurant_id, dish_id, other_dish_id, orders, score, computed_at)
       SELECT p.restaurant_id, p.dish_id, p.other_dish_id, p.together,
              least(1.0, p.together / sqrt(x.n::float * y.n::float)), $now::timestamptz
         FROM pairs p JOIN per_dish x ON x.dish_id = p.dish_id JOIN per_dish y ON y.dish_id = p.other_dish_id
       RETURNING 1)
     SELECT count(*)::int AS stored FROM stored`,
      { now: now.toISOString(), days: PAIRING_WINDOW_DAYS, min: MIN_ORDERS_TOGETHER },
      t,
    );
    return r?.stored ?? 0;
  });
}
