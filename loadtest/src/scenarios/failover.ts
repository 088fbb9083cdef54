import crypto from 'node:crypto';
import type { Order } from '@dinewire/protocol';
import pg from 'pg';
import type { Cluster } from '../lib/cluster';
import { orderBody, type BenchHotel } from '../lib/fixtures';
import { Http } from '../lib/http';
import { log, Progress } from '../lib/progress';
import { constantRate } from '../lib/run';
import { closeScreens, openScreens, type Screen } from '../lib/sockets';
import { round, Samples, sleep } from '../lib/stats';
import { until } from '../lib/wait';

export interface FailoverResult {
  killedNode: string;
  clients: number;
  clientsOnKilledNode: number;
  reconnectP50Ms: number;
  reconnectP99Ms: number;
  neverReconnected: number;
  ordersAcked: number;
  ordersLost: number;
  ordersDuplicated: number;
  eventsMissingAfterResync: number;
  eventsUnexpected: number;
}

/**
 * Screens subscribed through the balancer, orders flowing with client-made ids (the
 * Idempotency-Key, retried with the same key until acknowledged); one node is SIGKILLed midway.
 * Then, Jepsen-style: every acknowledged order exists exactly once, each key answered one order,
 * and every screen, after catching up, holds exactly the committed events its scope may see.
 */
export async function failover(
  cluster: Cluster,
  hotel: BenchHotel,
  databaseUrl: string,
  o: { clients: number; ordersPerSec: number; seconds: number; killAfterSec: number; restaurants?: number; syncMs?: number },
): Promise<FailoverResult> {
  const restaurants = hotel.restaurants.slice(0, o.restaurants ?? 2);
  const killed = cluster.nodes[0].id;
  const connecting = new Progress('failover: connect');
  const screens = await openScreens(
    Array.from({ length: o.clients }, (_, i) => {
      const r = restaurants[i % restaurants.length];
      const scope = i % 3 === 2 ? ('kitchen' as const) : ('staff' as const);
      return {
        url: cluster.balancer,
        token: scope === 'kitchen' ? hotel.chefToken : hotel.managerToken,
        request: { restaurantId: r.id, scope },
        keepEvents: true,
        spreadAddress: true,
      };
    }),
    () => undefined,
    (done) => connecting.update(done, o.clients),
  );
  connecting.done(`${screens.length} screens through the balancer`);

  const http = new Http(cluster.balancer, { spread: 200 });
  const acked = new Map<string, string>(); // key → order id
  const answers = new Map<string, Set<string>>(); // key → every order id any attempt got back
  let attempts = 0;
  let retries = 0;
  const runId = crypto.randomBytes(4).toString('hex');
  // Keys are stored only as keyed hashes: this run's are told apart by when they were made.
  const startedAt = new Date();
  const progress = new Progress('failover: orders');
  const killAt = setTimeout(() => cluster.kill(killed), o.killAfterSec * 1000);
  await constantRate(
    o.ordersPerSec,
    o.seconds,
    async (i) => {
      const r = restaurants[i % restaurants.length];
      const key = `failover-${runId}-${i}`;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        attempts++;
        try {
          const res = await http.post<{ order: Order }>('/api/v1/orders', orderBody(r, i), {
            token: r.kioskToken,
            idempotencyKey: key,
            timeoutMs: 5000,
          });
          if (res.status === 201) {
            acked.set(key, res.body.order.id);
            answers.set(key, (answers.get(key) ?? new Set()).add(res.body.order.id));
            return;
          }
          if (res.status < 500 && res.status !== 429 && res.status !== 409) return; // a real refusal: not retried
        } catch {
          // connection reset by the dying node, or a timeout: the order may or may not be in; retry with the same key
        }
        retries++;
        await sleep(150);
      }
    },
    progress,
    () => `${acked.size} acked, ${retries} retries, ${screens.filter((s) => s.subscribed).length}/${screens.length} screens live`,
  );
  clearTimeout(killAt);
  progress.done(`${acked.size} orders acked in ${attempts} attempts (${retries} retries)`);

  // Every screen back and caught up: subscribed again, then (through the sync heartbeat and a
  // catch-up) holding everything its scope may see. Those that never get there are counted below.
  const settle = new Progress('failover: catch-up');
  await until(
    () => {
      settle.update(screens.filter((s) => s.subscribed).length, screens.length);
      return screens.every((s) => s.subscribed);
    },
    30_000,
    250,
  );
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const latest = await latestVisibleSeqs(db, screens);
    const caughtUp = await until(
      () => screens.every((s) => (s.subscription?.cursor ?? -1) >= latest.get(scopeKey(s))!),
      2 * (o.syncMs ?? 2000) + 5000,
    );
    settle.done(`${screens.filter((s) => s.subscribed).length}/${screens.length} screens subscribed${caughtUp ? ', all caught up' : ''}`);

    const ids = [...acked.values()];
    const found = await db.query<{ id: string }>('SELECT id FROM orders WHERE id = ANY($1::uuid[])', [ids]);
    const ordersLost = ids.length - found.rowCount!;
    // Orders in the database that this run's keys made, against the keys: one order per key.
    const made = await db.query<{ orders: number; keys: number }>(
      `WITH run_keys AS (SELECT k.response_body->'order'->>'id' AS order_id FROM idempotency_keys k
                          WHERE k.created_at >= $2 AND k.response_body->'order'->>'restaurantId' = ANY($1::text[]))
       SELECT (SELECT count(*)::int FROM orders o WHERE o.restaurant_id = ANY($1::uuid[]) AND o.placed_at >= $2
                 AND EXISTS (SELECT 1 FROM run_keys k WHERE k.order_id = o.id::text)) AS orders,
              (SELECT count(*)::int FROM run_keys) AS keys`,
      [restaurants.map((r) => r.id), startedAt],
    );
    const inconsistentKeys = [...answers.values()].filter((s) => s.size > 1).length;
    const ordersDuplicated = Math.max(0, made.rows[0].orders - made.rows[0].keys) + inconsistentKeys;

    let missing = 0;
    let unexpected = 0;
    for (const s of screens) missing += await compareWithLog(db, s).then((r) => ((unexpected += r.unexpected), r.missing));
    const reconnect = new Samples();
    const onKilled = screens.filter((s) => s.reconnects.length > 0);
    for (const s of onKilled) for (const ms of s.reconnects) reconnect.add(ms);
    const result: FailoverResult = {
      killedNode: killed,
      clients: screens.length,
      clientsOnKilledNode: onKilled.length + screens.filter((s) => !s.subscribed).length,
      reconnectP50Ms: round(reconnect.percentile(50)),
      reconnectP99Ms: round(reconnect.percentile(99)),
      neverReconnected: screens.filter((s) => !s.subscribed).length,
      ordersAcked: acked.size,
      ordersLost,
      ordersDuplicated,
      eventsMissingAfterResync: missing,
      eventsUnexpected: unexpected,
    };
    log(
      `  failover           ${result.clientsOnKilledNode} screens lost ${killed}; back in p50 ${result.reconnectP50Ms} ms, p99 ${result.reconnectP99Ms} ms; ` +
        `${result.neverReconnected} never; orders lost ${ordersLost}, duplicated ${ordersDuplicated}; events missing ${missing}`,
    );
    return result;
  } finally {
    await db.end();
    await closeScreens(
      screens,
      cluster.nodes.filter((n) => n.id !== killed).map((n) => n.url),
    );
  }
}

function scopeKey(s: Screen): string {
  const r = s.request as { restaurantId: string; scope: string };
  return `${r.restaurantId}:${r.scope}`;
}

/** The seq of the last event in the log each screen's scope may see (0 when none), by scopeKey. */
async function latestVisibleSeqs(db: pg.Pool, screens: Screen[]): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  for (const s of screens) {
    const key = scopeKey(s);
    if (latest.has(key)) continue;
    const r = s.request as { restaurantId: string; scope: string };
    const found = await db.query<{ seq: string | null }>(
      `SELECT max(seq) AS seq FROM events WHERE restaurant_id = $1 ${scopeFilter(r.scope)}`,
      [r.restaurantId],
    );
    latest.set(key, Number(found.rows[0]?.seq ?? 0));
  }
  return latest;
}

/** The log's rows a scope may see: staff all, the others those with a prev_<scope> link. */
function scopeFilter(scope: string): string {
  return scope === 'staff' ? '' : `AND prev_${scope} IS NOT NULL`;
}

/** What the screen holds against what the log says its scope should hold since it subscribed. */
async function compareWithLog(db: pg.Pool, s: Screen): Promise<{ missing: number; unexpected: number }> {
  const r = s.request as { restaurantId: string; scope: string };
  const expected = await db.query<{ seq: string }>(
    `SELECT seq FROM events WHERE restaurant_id = $1 AND seq > $2 ${scopeFilter(r.scope)} ORDER BY seq`,
    [r.restaurantId, s.startCursor],
  );
  const got = s.events.map((e) => e.seq);
  const want = new Set(expected.rows.map((x) => Number(x.seq)));
  const have = new Set(got);
  let missing = 0;
  for (const seq of want) if (!have.has(seq)) missing++;
  let unexpected = got.length - have.size; // duplicates
  for (const seq of have) if (!want.has(seq)) unexpected++;
  // In order, too.
  for (let i = 1; i < got.length; i++) if (got[i] <= got[i - 1]) unexpected++;
  return { missing, unexpected };
}
