import crypto from 'node:crypto';
import pg from 'pg';
import type { Cluster } from '../lib/cluster';
import { orderBody, type BenchHotel, type BenchRestaurant } from '../lib/fixtures';
import { Http } from '../lib/http';
import { log, Progress } from '../lib/progress';
import { closedLoop, constantRate } from '../lib/run';
import { round, Samples } from '../lib/stats';

export interface OrdersResult {
  ratePerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  ceilingPerSec: number;
  steps: { targetPerSec: number; ratePerSec: number; p50Ms: number; p99Ms: number; errors: number }[];
}

/**
 * The ceiling: the same rows an order writes (idempotency key, locked stock and its ledger, pickup
 * number, order, items, counter and event), by plain SQL transactions with pg: no HTTP, no ORM, no
 * validation, no auth. What the database alone can take on this machine.
 */
export async function sqlCeiling(
  databaseUrl: string,
  hotel: BenchHotel,
  seconds: number,
  sample: { order: unknown; items: unknown[] },
): Promise<number> {
  // The same rows with the same content: the event and the stored response carry a real order.
  const orderJson = JSON.stringify(sample.order);
  // A stored response holds no token (a replay derives it from the key).
  const responseJson = JSON.stringify({ order: sample.order });
  const itemJson = (i: number) => JSON.stringify(sample.items[i % sample.items.length]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 16 });
  const restaurants = hotel.restaurants;
  const ingredients = new Map<string, string[]>();
  for (const r of restaurants) {
    const res = await pool.query<{ id: string }>('SELECT id FROM ingredients WHERE restaurant_id = $1 ORDER BY id', [r.id]);
    ingredients.set(
      r.id,
      res.rows.map((x) => x.id),
    );
  }
  let i = 0;
  const progress = new Progress('orders: SQL ceiling');
  const timer = setInterval(() => progress.update(0, 1, `${i} transactions`), 500);
  const one = async () => {
    const n = i++;
    const r = restaurants[n % restaurants.length];
    const ings = ingredients.get(r.id)!;
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const key = crypto.randomBytes(32).toString('hex'); // as the keyed hash of a key is stored
      await c.query(`INSERT INTO idempotency_keys (scope, key_hash, request_hash) VALUES ('ceiling', $1, $2)`, [
        key,
        crypto.randomBytes(32).toString('hex'),
      ]);
      await c.query('SELECT id, quantity FROM ingredients WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ings]);
      const orderId = crypto.randomUUID();
      await c.query(
        `WITH d AS (SELECT unnest($1::uuid[]) AS id, -120::numeric AS delta),
         upd AS (UPDATE ingredients i SET quantity = i.quantity + d.delta FROM d WHERE i.id = d.id RETURNING i.id, i.quantity, d.delta)
         INSERT INTO stock_movements (restaurant_id, ingredient_id, delta, quantity_after, reason, order_id, actor_kind)
         SELECT $2, upd.id, upd.delta, upd.quantity, 'order', $3, 'device' FROM upd`,
        [ings, r.id, orderId],
      );
      const num = await c.query<{ last: number; business_date: string }>(
        `INSERT INTO order_numbers (restaurant_id, business_date, last) VALUES ($1, current_date, 1)
         ON CONFLICT (restaurant_id, business_date) DO UPDATE SET last = order_numbers.last + 1 RETURNING last, business_date`,
        [r.id],
      );
      await c.query(
        `INSERT INTO orders (id, restaurant_id, number, business_date, channel, status, subtotal_cents, service_charge_cents,
           total_cents, currency, payment_method, payment_status, order_token_hash)
         VALUES ($1, $2, $3, $4, 'kiosk', 'placed', 10800, 1080, 11880, 'HKD', 'counter', 'due', 'x')`,
        [orderId, r.id, num.rows[0].last, num.rows[0].business_date],
      );
      await c.query(
        `INSERT INTO order_items (order_id, dish_id, names, quantity, modifiers, note, unit_price_cents, line_total_cents, status, station_id, stock_taken, position)
         SELECT $1, x.dish_id, x.names, x.quantity, x.modifiers, x.note, x.unit_price_cents, x.line_total_cents, 'queued', x.station_id, x.stock_taken, x.position
         FROM jsonb_to_recordset($2::jsonb) AS x(dish_id uuid, names jsonb, quantity int, modifiers jsonb, note text,
           unit_price_cents int, line_total_cents int, station_id uuid, stock_taken jsonb, position int)`,
        [
          orderId,
          `[${[0, 1]
            .map((k) =>
              itemJson(k)
                .replace(/"dish_id":"[^"]*"/, `"dish_id":"${r.dishes[k].id}"`)
                .replace(/"station_id":"[^"]*"/, `"station_id":"${r.stationId}"`),
            )
            .join(',')}]`,
        ],
      );
      const ev = await c.query<{ seq: number }>(
        `WITH upd AS (UPDATE restaurant_counters SET seq = seq + 1, last_kitchen = seq + 1, last_board = seq + 1,
           prev = ARRAY[last_kitchen, last_board, last_menu] WHERE restaurant_id = $1 RETURNING seq, prev)
         INSERT INTO events (restaurant_id, seq, type, order_id, prev_kitchen, prev_board, prev_order, data)
         SELECT $1, upd.seq, 'order.created', $2, upd.prev[1], upd.prev[2], 0, $3::jsonb FROM upd RETURNING seq`,
        [r.id, orderId, orderJson],
      );
      await c.query('UPDATE orders SET last_event_seq = $2 WHERE id = $1', [orderId, ev.rows[0].seq]);
      await c.query(
        `UPDATE idempotency_keys SET response_status = 201, response_body = $2::jsonb WHERE scope = 'ceiling' AND key_hash = $1`,
        [key, responseJson],
      );
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    } finally {
      c.release();
    }
  };
  const done = await closedLoop(16, seconds, one);
  clearInterval(timer);
  await pool.end();
  const rate = done / seconds;
  progress.done(`${done} transactions, ${round(rate)} per second`);
  return rate;
}

/** One real order, placed through the API, and its item rows: what the ceiling's rows should look like. */
export async function sampleOrder(cluster: Cluster, hotel: BenchHotel, databaseUrl: string): Promise<{ order: unknown; items: unknown[] }> {
  const r = hotel.restaurants[0];
  const res = await new Http(cluster.balancer).post<{ order: { id: string } }>('/api/v1/orders', orderBody(r, 0), {
    token: r.kioskToken,
    idempotencyKey: `sample-${crypto.randomUUID()}`,
  });
  if (res.status !== 201) throw new Error(`sample order failed: ${res.status} ${JSON.stringify(res.body)}`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const items = await pool.query(
    'SELECT dish_id, names, quantity, modifiers, note, unit_price_cents, line_total_cents, station_id, stock_taken, position FROM order_items WHERE order_id = $1',
    [res.body.order.id],
  );
  await pool.end();
  return { order: res.body.order, items: items.rows };
}

/** Kiosk orders at a constant arrival rate through the balancer; a ladder of rates from a third of the ceiling up. */
export async function orderRush(
  cluster: Cluster,
  hotel: BenchHotel,
  ceilingPerSec: number,
  o: { seconds: number; maxSteps: number },
): Promise<OrdersResult> {
  const http = new Http(cluster.balancer, { spread: 200 });
  const restaurants: BenchRestaurant[] = hotel.restaurants;
  const steps: OrdersResult['steps'] = [];
  let target = Math.max(5, Math.round(ceilingPerSec / 3));
  for (let step = 0; step < o.maxSteps; step++) {
    const latency = new Samples();
    let errors = 0;
    const codes = new Map<string, number>();
    const progress = new Progress(`orders: ${target}/s`);
    const start = performance.now();
    const { dropped } = await constantRate(
      target,
      o.seconds,
      async (i) => {
        const r = restaurants[i % restaurants.length];
        const t = performance.now();
        try {
          const res = await http.post('/api/v1/orders', orderBody(r, i), {
            token: r.kioskToken,
            idempotencyKey: `rush-${step}-${i}-${crypto.randomUUID()}`,
          });
          latency.add(performance.now() - t);
          if (res.status !== 201) {
            errors++;
            const code = String(res.status);
            codes.set(code, (codes.get(code) ?? 0) + 1);
          }
        } catch {
          errors++;
          codes.set('network', (codes.get('network') ?? 0) + 1);
        }
      },
      progress,
      () => `p99 ${round(latency.percentile(99))} ms, ${errors} errors`,
    );
    const elapsed = (performance.now() - start) / 1000;
    const result = {
      targetPerSec: target,
      ratePerSec: round((latency.count - errors) / elapsed),
      p50Ms: round(latency.percentile(50)),
      p99Ms: round(latency.percentile(99)),
      errors: errors + dropped,
    };
    steps.push(result);
    progress.done(
      `${result.ratePerSec}/s done, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors ${[...codes].map(([k, v]) => `${k}×${v}`).join(' ')}`,
    );
    const met = result.p99Ms < 250 && result.errors === 0;
    // Up while the goal holds; from a first step that misses it, down until it holds.
    if (met && steps.some((x) => x.p99Ms >= 250 || x.errors > 0)) break;
    if (!met && steps.some((x) => x.p99Ms < 250 && x.errors === 0)) break;
    target = Math.round(target * (met ? 1.15 : 0.92));
  }
  // The highest step that met the goal (p99 under 250 ms, no errors), else the first.
  const passing = steps.filter((s) => s.p99Ms < 250 && s.errors === 0);
  const best = passing.length ? passing[passing.length - 1] : steps[0];
  log(`  orders             sustained ${best.ratePerSec}/s at p99 ${best.p99Ms} ms; SQL ceiling ${round(ceilingPerSec)}/s`);
  return {
    ratePerSec: best.ratePerSec,
    p50Ms: best.p50Ms,
    p99Ms: best.p99Ms,
    errors: best.errors,
    ceilingPerSec: round(ceilingPerSec),
    steps,
  };
}
