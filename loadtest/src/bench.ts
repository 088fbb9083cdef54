import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startCluster, type Cluster } from './lib/cluster';
import { createBenchHotel, resetDatabase } from './lib/fixtures';
import { log } from './lib/progress';
import { round } from './lib/stats';
import { bookings, type BookingsResult } from './scenarios/bookings';
import { fanout, type FanoutResult } from './scenarios/fanout';
import { failover, type FailoverResult } from './scenarios/failover';
import { flood, type FloodResult } from './scenarios/flood';
import { kiosk, type KioskResult } from './scenarios/kiosk';
import { orderRush, sampleOrder, sqlCeiling, type OrdersResult } from './scenarios/orders';
import { paymentsFast, paymentsSlow, type PaymentsResult } from './scenarios/payments';
import { screens, type ScreensResult } from './scenarios/screens';

/**
 * `npm run bench [-- --quick]`: starts the cluster on 127.0.0.1 (nodes behind nginx, one
 * PostgreSQL, one Redis), runs the bounded scenarios, prints a table, writes
 * loadtest/results/latest.json in the shape CONTRACT.md gives. Nothing here is a pass/fail gate;
 * the goals are printed beside the figures.
 */

const SCENARIOS = ['fanout', 'orders', 'failover', 'payments', 'flood', 'screens', 'kiosk', 'bookings'];
const USAGE = `usage: npm run bench -- [--quick] [--only=fanout,orders,failover,payments,flood,screens,kiosk,bookings]

  --quick        smaller runs, under two minutes
  --only LIST    run only these scenarios (comma-separated: ${SCENARIOS.join(', ')})
  -h, --help     this text
`;

/** The command line, by node:util parseArgs: unknown flags and scenarios stop the run with the usage. */
function commandLine(): { quick: boolean; only: string[] | undefined } {
  try {
    const { values } = parseArgs({
      options: { quick: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const only = values.only?.split(',').filter(Boolean);
    const unknown = only?.filter((name) => !SCENARIOS.includes(name)) ?? [];
    if (unknown.length) throw new Error(`--only: unknown scenario ${unknown.join(', ')}`);
    return { quick: Boolean(values.quick), only };
  } catch (err) {
    process.stderr.write(`[bench] ${(err as Error).message}\n${USAGE.split('\n')[0]}\n(--help for more)\n`);
    process.exit(2);
  }
}

const { quick, only } = commandLine();
const ROOT = path.resolve(__dirname, '../..');

const PLAN = quick
  ? {
      fanout: { restaurants: 10, kiosksPer: 20, kitchensPer: 15, dashboardsPer: 15, ordersPerSec: 10, seconds: 10 },
      ceilingSeconds: 6,
      rush: { seconds: 6, maxSteps: 4 },
      failover: { clients: 150, ordersPerSec: 15, seconds: 12, killAfterSec: 4 },
      flood: { listeners: 100, ordersPerSec: 10, seconds: 6, emits: 20_000 },
      payments: { ratePerSec: 10, seconds: 6 },
      screens: { openTickets: 200, ordersPerSec: 10, seconds: 8 },
      kiosk: { runs: 5 },
      bookings: {
        bookings: 500,
        availability: { concurrency: 16, seconds: 4 },
        race: { slots: 3, racersPerSlot: 20 },
        spread: { concurrency: 8, attempts: 120 },
      },
    }
  : {
      fanout: { restaurants: 20, kiosksPer: 50, kitchensPer: 25, dashboardsPer: 25, ordersPerSec: 20, seconds: 40 },
      ceilingSeconds: 15,
      rush: { seconds: 15, maxSteps: 6 },
      failover: { clients: 400, ordersPerSec: 25, seconds: 30, killAfterSec: 10 },
      flood: { listeners: 200, ordersPerSec: 10, seconds: 10, emits: 20_000 },
      payments: { ratePerSec: 15, seconds: 15 },
      screens: { openTickets: 200, ordersPerSec: 10, seconds: 30 },
      kiosk: { runs: 5 },
      bookings: {
        bookings: 500,
        availability: { concurrency: 32, seconds: 10 },
        race: { slots: 4, racersPerSlot: 20 },
        spread: { concurrency: 16, attempts: 400 },
      },
    };

/** The processor's answer time in the slow-processor half of the payments scenario. */
const SLOW_PROCESSOR_MS = 2000;

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const port = Number(process.env.BENCH_PORT ?? 3700);
  log(
    `Dinewire bench${quick ? ' (quick)' : ''} on ${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model}`,
  );
  // BENCH_DB_NAME: a database of its own, when several benches share one PostgreSQL.
  const databaseUrl = await resetDatabase(adminUrl, process.env.BENCH_DB_NAME ?? 'dinewire_bench');
  // --expose-gc: the memory figure is read after a collection (SIGUSR2), not mid-garbage.
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: '--expose-gc',
  };

  let cluster: Cluster = await startCluster({ nodes: 2, port, env });
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const restaurants = Math.max(PLAN.fanout.restaurants, 4);
  const hotel = await createBenchHotel(db, restaurants);
  await db.end();
  log(`  cluster            ${cluster.nodes.map((n) => n.id).join(', ')} behind ${cluster.balancer}; ${restaurants} bench restaurants`);

  let fan: FanoutResult | null = null;
  let orders: OrdersResult | null = null;
  let fail: FailoverResult | null = null;
  let flooded: FloodResult | null = null;
  let payments: PaymentsResult | null = null;
  let screened: ScreensResult | null = null;
  let guestApp: KioskResult | null = null;
  let booked: BookingsResult | null = null;
  try {
    // First, on a quiet cluster: a browser and its paints are what this one measures.
    if (!only || only.includes('kiosk')) guestApp = await kiosk(cluster, databaseUrl, PLAN.kiosk);
    if (!only || only.includes('screens')) screened = await screens(cluster, hotel, PLAN.screens);
    if (!only || only.includes('fanout')) fan = await fanout(cluster, hotel, { ...PLAN.fanout, redisUrl });
    if (!only || only.includes('orders')) {
      const ceiling = await sqlCeiling(databaseUrl, hotel, PLAN.ceilingSeconds, await sampleOrder(cluster, hotel, databaseUrl));
      orders = await orderRush(cluster, hotel, ceiling, PLAN.rush);
    }
    if (!only || only.includes('bookings')) booked = await bookings(cluster, databaseUrl, PLAN.bookings);
    if (!only || only.includes('failover')) fail = await failover(cluster, hotel, databaseUrl, PLAN.failover);
    if (!only || only.includes('payments')) {
      const fast = await paymentsFast(cluster, hotel, databaseUrl, PLAN.payments);
      // The same cluster again, its sandbox processor answering every call in 2 s.
      await cluster.stop();
      cluster = await startCluster({ nodes: 2, port, env: { ...env, SANDBOX_DELAY_MS: String(SLOW_PROCESSOR_MS) } });
      payments = { ...fast, ...(await paymentsSlow(cluster, hotel, SLOW_PROCESSOR_MS, PLAN.payments)) };
    }
  } finally {
    await cluster.stop();
  }
  // One node of its own, twice (limits off, then on), once the cluster is gone.
  if (!only || only.includes('flood')) flooded = await flood(hotel, { ...PLAN.flood, port: port + 50, databaseUrl, redisUrl });

  const result = {
    machine: machine(),
    at: new Date().toISOString(),
    quick,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    fanout: fan && {
      sockets: fan.sockets,
      nodes: fan.nodes,
      eventsPerSec: fan.eventsPerSec,
      deliveries: fan.deliveries,
      p50Ms: fan.p50Ms,
      p99Ms: fan.p99Ms,
      maxMs: fan.maxMs,
      baselineP50Ms: fan.baselineP50Ms,
      baselineP99Ms: fan.baselineP99Ms,
      baselineMaxMs: fan.baselineMaxMs,
    },
    orders,
    failover: fail,
    flood: flooded,
    payments,
    screens: screened,
    kiosk: guestApp,
    bookings: booked,
    memory: fan && { rssPerSocketKb: fan.rssPerSocketKb, baselineRssPerSocketKb: fan.baselineRssPerSocketKb },
  };
  const dir = path.join(ROOT, 'loadtest/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  log('');
  log(table(result));
  log(`\nwritten to loadtest/results/latest.json in ${result.durationSeconds} s`);
  // The one invariant the bench enforces: a table held twice at one time fails the run.
  if (booked && (booked.doubleBooked !== 0 || booked.storedBookings !== booked.expectedBookings)) {
    process.stderr.write(
      `bench failed: bookings: ${booked.doubleBooked} overlapping holds of one table; ${booked.storedBookings} live bookings stored for ${booked.expectedBookings} expected\n`,
    );
    process.exitCode = 1;
  }
}

type Result = {
  fanout: Omit<FanoutResult, 'rssPerSocketKb' | 'baselineRssPerSocketKb'> | null;
  orders: OrdersResult | null;
  failover: FailoverResult | null;
  flood: FloodResult | null;
  payments: PaymentsResult | null;
  screens: ScreensResult | null;
  kiosk: KioskResult | null;
  bookings: BookingsResult | null;
  memory: { rssPerSocketKb: number; baselineRssPerSocketKb: number } | null;
};

function table(r: Result): string {
  const rows: [string, string, string, string][] = [['scenario', 'measured', 'goal', 'met']];
  const ok = (b: boolean) => (b ? 'yes' : 'NO');
  if (r.fanout) {
    const f = r.fanout;
    rows.push([
      `fan-out (${f.sockets} sockets, ${f.nodes} nodes, ${f.eventsPerSec} ev/s)`,
      `p50 ${f.p50Ms} / p99 ${f.p99Ms} / max ${f.maxMs} ms`,
      `p99 ≤ 1.5 × baseline (${round(f.baselineP99Ms * 1.5)} ms)`,
      ok(f.p99Ms <= f.baselineP99Ms * 1.5),
    ]);
    rows.push([
      '  baseline: bare Socket.IO + Redis adapter',
      `p50 ${f.baselineP50Ms} / p99 ${f.baselineP99Ms} / max ${f.baselineMaxMs} ms`,
      '',
      '',
    ]);
  }
  if (r.orders) {
    const o = r.orders;
    rows.push([
      'order rush',
      `${o.ratePerSec}/s, p50 ${o.p50Ms} / p99 ${o.p99Ms} ms, ${o.errors} errors`,
      `≥ ${round(o.ceilingPerSec / 3)}/s, p99 < 250 ms`,
      ok(o.ratePerSec >= o.ceilingPerSec / 3 && o.p99Ms < 250 && o.errors === 0),
    ]);
    rows.push(['  ceiling: plain SQL transactions (pg)', `${o.ceilingPerSec}/s`, '', '']);
  }
  if (r.failover) {
    const f = r.failover;
    rows.push([
      `failover (SIGKILL ${f.killedNode}, ${f.clientsOnKilledNode}/${f.clients} screens on it)`,
      `back p50 ${f.reconnectP50Ms} / p99 ${f.reconnectP99Ms} ms, ${f.neverReconnected} never`,
      'p99 ≤ 5000 ms, 0 never',
      ok(f.reconnectP99Ms <= 5000 && f.neverReconnected === 0),
    ]);
    rows.push([
      '  orders acked / lost / duplicated',
      `${f.ordersAcked} / ${f.ordersLost} / ${f.ordersDuplicated}`,
      '0 lost, 0 duplicated',
      ok(f.ordersLost === 0 && f.ordersDuplicated === 0),
    ]);
    rows.push([
      '  events missing after catch-up',
      `${f.eventsMissingAfterResync} (unexpected ${f.eventsUnexpected})`,
      '0',
      ok(f.eventsMissingAfterResync === 0 && f.eventsUnexpected === 0),
    ]);
  }
  if (r.flood) {
    const f = r.flood;
    const on = f.limitsOn;
    const off = f.limitsOff;
    const cut = on.flooder?.disconnectedAtMs;
    rows.push([
      `flood (${f.emits} emits from 1 socket; ${f.listeners} screens, 1 node, ${f.eventsPerSec} ev/s)`,
      `limits on: kiosk→screen p50 ${on.flood.orderP50Ms} / p99 ${on.flood.orderP99Ms} ms (calm p99 ${on.calm.orderP99Ms} ms)`,
      `p99 ≤ 1.5 × calm (${round(on.calm.orderP99Ms * 1.5)} ms), flooder cut off`,
      ok(on.flood.orderP99Ms <= on.calm.orderP99Ms * 1.5 && cut != null),
    ]);
    rows.push([
      '  limits on: commit→screen',
      `p50 ${on.flood.p50Ms} / p99 ${on.flood.p99Ms} ms (calm p99 ${on.calm.p99Ms} ms), ${on.ordersFailed} orders failed`,
      '',
      '',
    ]);
    rows.push([
      '  limits on: the flooder',
      `${on.flooder?.refused ?? 0} emits refused, cut off at ${cut ?? '-'} ms, ${on.flooder?.handshakesRefused ?? 0} handshakes refused`,
      '',
      '',
    ]);
    rows.push([
      '  limits off (the path before socket limits)',
      `kiosk→screen p50 ${off.flood.orderP50Ms} / p99 ${off.flood.orderP99Ms} ms (calm p99 ${off.calm.orderP99Ms} ms)`,
      '',
      '',
    ]);
    rows.push([
      '  limits off: commit→screen',
      `p50 ${off.flood.p50Ms} / p99 ${off.flood.p99Ms} ms (calm p99 ${off.calm.p99Ms} ms), ${off.ordersFailed} orders failed`,
      '',
      '',
    ]);
  }
  if (r.payments) {
    const p = r.payments;
    rows.push([
      `card orders (${p.targetPerSec}/s, capture after commit)`,
      `${p.card.ratePerSec}/s, p50 ${p.card.p50Ms} / p99 ${p.card.p99Ms} ms, ${p.card.errors} errors`,
      `no slower than counter (p50 ${p.counter.p50Ms} / p99 ${p.counter.p99Ms} ms)`,
      ok(p.card.errors === 0 && p.card.p50Ms <= p.counter.p50Ms * 1.25 + 5),
    ]);
    rows.push(['  every capture done after the last answer', `${p.captureLagMs} ms`, '', '']);
    if (p.counterAlone && p.counterBesideSlowCards && p.slowCards) {
      rows.push([
        `counter orders beside cards, processor ${p.slowProcessorMs} ms`,
        `p50 ${p.counterBesideSlowCards.p50Ms} / p99 ${p.counterBesideSlowCards.p99Ms} ms, ${p.counterBesideSlowCards.errors} errors`,
        `as alone (p50 ${p.counterAlone.p50Ms} / p99 ${p.counterAlone.p99Ms} ms)`,
        ok(
          p.counterBesideSlowCards.errors === 0 &&
            p.counterBesideSlowCards.p99Ms <= Math.max(p.counterAlone.p99Ms * 1.5, p.counterAlone.p99Ms + 50),
        ),
      ]);
      rows.push([
        '  the card orders themselves',
        `${p.slowCards.ratePerSec}/s, p50 ${p.slowCards.p50Ms} / p99 ${p.slowCards.p99Ms} ms, ${p.slowCards.errors} errors`,
        '',
        '',
      ]);
    }
  }
  if (r.screens) {
    const x = r.screens;
    rows.push([
      `station screen (Chromium, ${x.openTickets} tickets, ${x.ordersPerSec} orders/s)`,
      `commit → ticket painted p50 ${x.ticketP50Ms} / p99 ${x.ticketP99Ms} / max ${x.ticketMaxMs} ms, ${x.ticketsMissing} missing`,
      'p99 < 100 ms, 0 missing',
      ok(x.ticketP99Ms < 100 && x.ticketsMissing === 0),
    ]);
    rows.push(['  one bump, rail full', `commit → painted p50 ${x.bumpP50Ms} / p99 ${x.bumpP99Ms} ms (${x.bumpsPainted} bumps)`, '', '']);
    rows.push(['  rail at the end', `${x.railAtEnd} tickets for ${x.openAtEnd} open orders`, 'equal', ok(x.railAtEnd === x.openAtEnd)]);
  }
  if (r.kiosk) {
    const k = r.kiosk;
    rows.push([
      `guest app: JavaScript the menu page loads (${k.files} files with CSS)`,
      `${k.jsGzipKb} KB gzip (${k.jsBrotliKb} KB brotli, ${k.jsRawKb} KB raw)`,
      '< 120 KB gzip',
      ok(k.jsGzipKb < 120),
    ]);
    rows.push(['  its CSS', `${k.cssGzipKb} KB gzip (${k.cssBrotliKb} KB brotli, ${k.cssRawKb} KB raw)`, '', '']);
    rows.push([
      `guest app: menu usable, cold cache (Chromium 1080×1920, ${k.menuDishes} dishes)`,
      `median ${k.usableMedianMs} ms of ${k.runs} (${k.usableMinMs}–${k.usableMaxMs} ms)`,
      '< 1000 ms',
      ok(k.usableMedianMs < 1000),
    ]);
    rows.push(['  the same, warm cache (page revalidated)', `median ${k.warmMedianMs} ms`, '', '']);
  }
  if (r.bookings) {
    const b = r.bookings;
    const a = b.availability;
    const k = b.booking;
    rows.push([
      `availability (${b.seeded} bookings on the day, ${b.tables} tables, ${a.concurrency} at a time)`,
      `${a.ratePerSec}/s, p50 ${a.p50Ms} / p99 ${a.p99Ms} ms, ${a.errors} errors`,
      '',
      '',
    ]);
    rows.push([
      `bookings (${k.race.slots} slots × ${k.race.racersPerSlot} racers of ${k.race.partySize}, ${k.spread.attempts} spread)`,
      `${k.ratePerSec}/s booked, ${k.created} × 201 / ${k.conflicts} × 409, p50 ${k.p50Ms} / p99 ${k.p99Ms} ms, ${k.errors} errors`,
      '0 errors',
      ok(k.errors === 0),
    ]);
    rows.push(['  the race', `${k.race.created} × 201 / ${k.race.conflicts} × 409, p50 ${k.race.p50Ms} / p99 ${k.race.p99Ms} ms`, '', '']);
    rows.push([
      '  tables held twice (all reservation_tables)',
      `${b.doubleBooked}; ${b.storedBookings} live bookings stored for ${b.expectedBookings} expected`,
      '0; equal',
      ok(b.doubleBooked === 0 && b.storedBookings === b.expectedBookings),
    ]);
  }
  if (r.memory) {
    rows.push([
      'memory per connected socket',
      `${r.memory.rssPerSocketKb} KB (bare: ${r.memory.baselineRssPerSocketKb} KB)`,
      '< 25 KB',
      ok(r.memory.rssPerSocketKb < 25),
    ]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
