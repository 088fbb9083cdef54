import crypto from 'node:crypto';
import pg from 'pg';
import type { Cluster } from '../lib/cluster';
import { orderBody, type BenchHotel, type BenchRestaurant } from '../lib/fixtures';
import { Http } from '../lib/http';
import { log, Progress } from '../lib/progress';
import { constantRate } from '../lib/run';
import { round, Samples, sleep } from '../lib/stats';

/** One kind of order at one rate: throughput, latency, errors. */
export interface PaymentStep {
  ratePerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface PaymentsResult {
  /** The arrival rate of each kind of order. */
  targetPerSec: number;
  /** The sandbox answering at once: counter orders, then card orders, one after the other. */
  counter: PaymentStep;
  card: PaymentStep;
  /** From the last card order's answer until every capture job had captured. */
  captureLagMs: number;
  /** The sandbox answering every call in `slowProcessorMs`: counter orders alone, then beside card orders of the same restaurants. */
  slowProcessorMs: number | null;
  counterAlone: PaymentStep | null;
  counterBesideSlowCards: PaymentStep | null;
  slowCards: PaymentStep | null;
}

const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };
type Kind = 'counter' | 'card';

const bodyOf = (kind: Kind, r: BenchRestaurant, i: number) =>
  kind === 'card' ? { ...orderBody(r, i), paymentMethod: 'card', card: CARD } : orderBody(r, i);

/** Orders of each given kind at `ratePerSec` (each), to the same restaurants, for `seconds`. */
async function load(
  cluster: Cluster,
  restaurants: BenchRestaurant[],
  kinds: Kind[],
  ratePerSec: number,
  seconds: number,
  label: string,
): Promise<Record<Kind, PaymentStep>> {
  const http = new Http(cluster.balancer, { spread: 200 });
  const samples = { counter: new Samples(), card: new Samples() };
  const errors = { counter: 0, card: 0 };
  const progress = new Progress(`payments: ${label}`);
  const start = performance.now();
  const ended = { counter: start, card: start };
  const runs = kinds.map(async (kind) => {
    const run = await constantRate(
      ratePerSec,
      seconds,
      async (i) => {
        const r = restaurants[i % restaurants.length];
        const t = performance.now();
        try {
          const res = await http.post('/api/v1/orders', bodyOf(kind, r, i), {
            token: r.kioskToken,
            idempotencyKey: `pay-${kind}-${i}-${crypto.randomUUID()}`,
            timeoutMs: 30_000,
          });
          samples[kind].add(performance.now() - t);
          if (res.status !== 201) errors[kind]++;
        } catch {
          errors[kind]++;
        }
      },
      kind === kinds[0] ? progress : undefined,
      () => kinds.map((k) => `${k} p99 ${round(samples[k].percentile(99))} ms`).join(', '),
    );
    ended[kind] = performance.now();
    return run;
  });
  const dropped = await Promise.all(runs);
  // Each kind's rate over its own run (card orders' last answers come a processor's delay later).
  const step = (k: Kind, i: number): PaymentStep => ({
    ratePerSec: round((samples[k].count - errors[k]) / ((ended[k] - start) / 1000)),
    p50Ms: round(samples[k].percentile(50)),
    p99Ms: round(samples[k].percentile(99)),
    errors: errors[k] + (dropped[i]?.dropped ?? 0),
  });
  const result = { counter: step('counter', kinds.indexOf('counter')), card: step('card', kinds.indexOf('card')) };
  progress.done(
    kinds
      .map((k) => `${k} ${result[k].ratePerSec}/s p50 ${result[k].p50Ms} / p99 ${result[k].p99Ms} ms, ${result[k].errors} errors`)
      .join('; '),
  );
  return result;
}

/** Waits until no card charge is left pending (every capture job done); returns how long that took. */
async function captureLag(databaseUrl: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const start = performance.now();
  try {
    for (;;) {
      const r = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE status = 'pending' AND kind = 'charge'`);
      if (r.rows[0].n === 0 || performance.now() - start > 120_000) return round(performance.now() - start);
      await sleep(100);
    }
  } finally {
    await pool.end();
  }
}

/** Card orders against counter orders with a processor answering at once: capture after commit costs them nothing. */
export async function paymentsFast(
  cluster: Cluster,
  hotel: BenchHotel,
  databaseUrl: string,
  o: { ratePerSec: number; seconds: number },
): Promise<Pick<PaymentsResult, 'targetPerSec' | 'counter' | 'card' | 'captureLagMs'>> {
  const restaurants = hotel.restaurants.slice(0, 4);
  const { counter } = await load(cluster, restaurants, ['counter'], o.ratePerSec, o.seconds, `counter ${o.ratePerSec}/s`);
  const { card } = await load(cluster, restaurants, ['card'], o.ratePerSec, o.seconds, `card ${o.ratePerSec}/s`);
  const captureLagMs = await captureLag(databaseUrl);
  log(
    `  payments           card p50 ${card.p50Ms} ms vs counter ${counter.p50Ms} ms; captures done ${captureLagMs} ms after the last answer`,
  );
  return { targetPerSec: o.ratePerSec, counter, card, captureLagMs };
}

/**
 * With a processor answering in `slowMs` (a cluster started with SANDBOX_DELAY_MS): counter
 * orders alone, then at the same rate beside card orders of the same restaurants. Card orders
 * wait for the processor; counter orders must not.
 */
export async function paymentsSlow(
  cluster: Cluster,
  hotel: BenchHotel,
  slowMs: number,
  o: { ratePerSec: number; seconds: number },
): Promise<Pick<PaymentsResult, 'slowProcessorMs' | 'counterAlone' | 'counterBesideSlowCards' | 'slowCards'>> {
  const restaurants = hotel.restaurants.slice(0, 4);
  const alone = await load(cluster, restaurants, ['counter'], o.ratePerSec, o.seconds, `counter alone, processor ${slowMs} ms`);
  const both = await load(
    cluster,
    restaurants,
    ['counter', 'card'],
    o.ratePerSec,
    o.seconds,
    `counter beside cards, processor ${slowMs} ms`,
  );
  log(
    `  payments (slow)    counter p50/p99 ${alone.counter.p50Ms}/${alone.counter.p99Ms} ms alone, ` +
      `${both.counter.p50Ms}/${both.counter.p99Ms} ms beside card orders (card p50 ${both.card.p50Ms} ms)`,
  );
  return { slowProcessorMs: slowMs, counterAlone: alone.counter, counterBesideSlowCards: both.counter, slowCards: both.card };
}
