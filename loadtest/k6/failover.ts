/**
 * Failover: screens subscribed through the balancer, orders flowing with client-made ids (the
 * Idempotency-Key, retried with the same key until acknowledged), and one node killed by the
 * operator while it runs. Then, Jepsen-style: every acknowledged order still exists, its key
 * still answers that same order (never a second one), every screen came back, and every
 * screen, after catching up, holds exactly the events the log says its scope should. The
 * harness's failover scenario, for a deployment (loadtest/src/scenarios/failover.ts).
 *
 *   k6 run -e BASE_URL=http://127.0.0.1:3000 -e PROFILE=average -e DURATION=90s loadtest/k6/failover.ts
 *
 * and, once the script prints "kill a node now", from another terminal:
 *   docker compose kill -s SIGKILL node1                  (docker compose)
 *   kill -9 $(cat .data/cluster/node-1.pid)               (npm run cluster)
 * The script prints which node holds how many of its sockets; kill one that holds some.
 *
 * k6 shares no memory between VUs and its teardown() sees only setup()'s data, so the checks
 * run where the facts are: each order-producing VU checks its own acknowledged orders at the
 * end, and each screen VU checks its own screens.
 */
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { setInterval, clearInterval, setTimeout } from 'k6/timers';
import { clusterNodes, getOrderAsync, loadHotel, orderBody, placeOrderAsync, releaseHotel, type Hotel } from './lib/api.ts';
import { BASE_URL, LOAD, PROFILE, THRESHOLDS } from './lib/config.ts';
import * as metrics from './lib/metrics.ts';
import { codeOf, recordOrder } from './lib/orders.ts';
import { Screen } from './lib/socketio.ts';
import type { OrderCreate } from './lib/wire.ts';

const SCREENS_PER_VU = Math.max(1, Number(__ENV.SCREENS_PER_VU || 25));
const CONNECT_SECONDS = Number(__ENV.CONNECT_SECONDS || Math.max(10, Math.ceil(LOAD.clients / 100)));
/** After the last order: time for every screen to be back and caught up before it is checked. */
const SETTLE_SECONDS = Number(__ENV.SETTLE_SECONDS || 15);
/** An order is retried with its key for this long before it counts as never acknowledged. */
const RETRY_WINDOW_MS = 30_000;
/** Order-producing VUs; each starts its share of orders on its own clock, without waiting for answers. */
const PRODUCERS = Math.max(1, Number(__ENV.PRODUCERS || Math.ceil(LOAD.rate / 25)));
/** Set EXPECT_KILL=1 to fail the run when no socket was lost (nobody killed a node, or the wrong one). */
const EXPECT_KILL = __ENV.EXPECT_KILL === '1' || __ENV.EXPECT_KILL === 'true';

const LOAD_END_S = CONNECT_SECONDS + LOAD.seconds;
const CHECK_AT_S = LOAD_END_S + SETTLE_SECONDS;

export const options: Options = {
  scenarios: {
    screens: {
      executor: 'per-vu-iterations',
      exec: 'screens',
      vus: Math.ceil(LOAD.clients / SCREENS_PER_VU),
      iterations: 1,
      maxDuration: `${CHECK_AT_S + 120}s`,
      gracefulStop: '30s',
    },
    orders: {
      executor: 'per-vu-iterations',
      exec: 'produce',
      vus: PRODUCERS,
      iterations: 1,
      startTime: `${CONNECT_SECONDS}s`,
      maxDuration: `${LOAD.seconds + RETRY_WINDOW_MS / 1000 + SETTLE_SECONDS + 300}s`,
      gracefulStop: '30s',
    },
    operator: {
      executor: 'shared-iterations',
      exec: 'operator',
      vus: 1,
      iterations: 1,
      startTime: `${CONNECT_SECONDS}s`,
    },
  },
  thresholds: {
    ...THRESHOLDS.failover,
    ...(EXPECT_KILL ? { sockets_lost: ['count>0'] } : {}),
  },
  setupTimeout: '120s',
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
};

export function setup(): Hotel {
  console.log(
    `failover: ${PROFILE} profile against ${BASE_URL}: ${LOAD.clients} screens, orders at ${LOAD.rate}/s for ${LOAD.seconds}s ` +
      `from t+${CONNECT_SECONDS}s; kill a node during that window`,
  );
  return loadHotel({ kiosks: true });
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

// ---------------------------------------------------------------- screens

/** Two staff screens to one kitchen screen, restaurants in turn (the harness's mix). */
function screenFor(n: number, hotel: Hotel): Screen {
  const r = hotel.restaurants[n % hotel.restaurants.length];
  const kitchen = n % 3 === 2;
  return new Screen({
    kind: kitchen ? 'kitchen' : 'dashboard',
    request: { restaurantId: r.id, scope: kitchen ? 'kitchen' : 'staff' },
    token: kitchen && hotel.chefRestaurantIds.includes(r.id) ? hotel.chefToken : hotel.managerToken,
    keepSeqs: true,
  });
}

export async function screens(hotel: Hotel): Promise<void> {
  const first = exec.scenario.iterationInTest * SCREENS_PER_VU;
  const count = Math.min(SCREENS_PER_VU, LOAD.clients - first);
  const spreadMs = (CONNECT_SECONDS * 1000 * 0.6) / Math.max(1, LOAD.clients);
  const mine: Screen[] = [];
  for (let j = 0; j < count; j++) {
    const screen = screenFor(first + j, hotel);
    mine.push(screen);
    setTimeout(() => screen.open(), (first + j) * spreadMs);
  }
  // Zero samples make the counters show, and their thresholds judged, even when nothing happens
  // (k6 skips the thresholds of a metric without samples).
  metrics.screensChecked.add(0);
  metrics.neverReconnected.add(0);
  metrics.eventsMissingAfterResync.add(0);
  metrics.eventsUnexpected.add(0);

  await wait(hotel.startedAt + CHECK_AT_S * 1000 - Date.now());
  // Give stragglers up to 30 s more to come back; then whoever is not subscribed never reconnected.
  const until = Date.now() + 30_000;
  while (Date.now() < until && mine.some((s) => !s.subscribed && !s.refused)) await wait(250);

  let missing = 0;
  let unexpected = 0;
  for (const s of mine) {
    if (!s.subscribed) {
      metrics.neverReconnected.add(1, { screen: s.kind });
      continue;
    }
    const result = await s.checkAgainstLog();
    if (!result) {
      console.warn(`a ${s.kind} screen could not be compared with the log (its cursor was reset, or the log did not answer)`);
      continue;
    }
    metrics.screensChecked.add(1, { screen: s.kind });
    metrics.eventsMissingAfterResync.add(result.missing, { screen: s.kind });
    metrics.eventsUnexpected.add(result.unexpected, { screen: s.kind });
    missing += result.missing;
    unexpected += result.unexpected;
  }
  const back = mine.filter((s) => s.subscribed && s.reconnects.length > 0).length;
  const never = mine.filter((s) => !s.subscribed).length;
  for (const s of mine) s.stop();
  console.log(
    `screens ${first}–${first + count - 1}: ${back} lost their node and came back, ${never} not subscribed at the end; ` +
      `${missing} events missing, ${unexpected} unexpected after catching up`,
  );
}

// ---------------------------------------------------------------- orders

interface Acked {
  orderId: string;
  body: OrderCreate;
  token: string;
}

export async function produce(hotel: Hotel): Promise<void> {
  const producer = exec.scenario.iterationInTest;
  const perSecond = LOAD.rate / PRODUCERS;
  const endAt = hotel.startedAt + LOAD_END_S * 1000;
  const acked = new Map<string, Acked>();
  const soldOut = new Set<string>();
  const tasks: Promise<void>[] = [];
  metrics.ordersAcked.add(0);
  metrics.ordersLost.add(0);
  metrics.ordersDuplicated.add(0);

  /** One order: the same key and body until a 201, a real refusal, or the retry window ends. */
  const placeUntilAcked = async (n: number): Promise<void> => {
    const r = hotel.restaurants[n % hotel.restaurants.length];
    const token = hotel.kiosks[r.id].token;
    const key = `k6-failover-${hotel.runId}-${n}`;
    const body = orderBody(r, n, soldOut);
    const deadline = Date.now() + RETRY_WINDOW_MS;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if (attempt) metrics.orderRetries.add(1);
      const res = await placeOrderAsync(body, key, token, '5s');
      if (res.status === 201 && res.body) {
        recordOrder(res, soldOut, { attempt: attempt ? 'retry' : 'first' });
        metrics.ordersAcked.add(1);
        acked.set(key, { orderId: res.body.order.id, body, token });
        return;
      }
      const code = codeOf(res);
      // No answer (the node died under it), a 5xx or 429, or the key still held by the
      // attempt that died: the order may or may not be in. Same key again.
      const retry = res.status === 0 || res.status >= 500 || res.status === 429 || code === 'conflict';
      if (!retry) {
        recordOrder(res, soldOut, { attempt: attempt ? 'retry' : 'first' }); // out_of_stock, or a real refusal
        return;
      }
      await wait(150);
    }
    metrics.ordersUnacked.add(1);
  };

  let n = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      if (Date.now() >= endAt) {
        clearInterval(timer);
        resolve();
        return;
      }
      tasks.push(placeUntilAcked(n++ * PRODUCERS + producer));
    };
    const timer = setInterval(tick, 1000 / perSecond);
    tick();
  });
  await Promise.all(tasks);
  await wait(Math.max(2000, hotel.startedAt + CHECK_AT_S * 1000 - Date.now()));

  // Every acknowledged order: still there (read back as the manager), and its key still
  // answers that order when sent again (a replay, never a second order).
  let lost = 0;
  let duplicated = 0;
  let unverified = 0;
  const entries = [...acked.entries()];
  for (let i = 0; i < entries.length; i += 10) {
    await Promise.all(
      entries.slice(i, i + 10).map(async ([key, a]) => {
        let read = await getOrderAsync(a.orderId, hotel.managerToken);
        for (let t = 0; t < 3 && read.status !== 200 && read.status !== 404; t++) {
          await wait(500);
          read = await getOrderAsync(a.orderId, hotel.managerToken);
        }
        if (read.status === 404) {
          lost++;
          metrics.ordersLost.add(1);
          console.error(`order ${a.orderId} (key ${key}) was acknowledged and is gone`);
        } else if (read.status !== 200) {
          unverified++;
        }
        let again = await placeOrderAsync(a.body, key, a.token, '10s');
        for (let t = 0; t < 3 && (again.status === 0 || again.status >= 500); t++) {
          await wait(500);
          again = await placeOrderAsync(a.body, key, a.token, '10s');
        }
        if (again.status === 201 && again.body) {
          if (again.body.order.id !== a.orderId) {
            duplicated++;
            metrics.ordersDuplicated.add(1);
            console.error(`key ${key} answered order ${a.orderId}, and now ${again.body.order.id}`);
          }
        } else {
          unverified++;
        }
      }),
    );
  }
  if (unverified) metrics.ordersUnverified.add(unverified);
  console.log(
    `orders (VU ${producer + 1}/${PRODUCERS}): ${acked.size} acknowledged, ${lost} lost, ${duplicated} duplicated, ${unverified} not verifiable`,
  );
}

// ---------------------------------------------------------------- the operator's cue

export function operator(hotel: Hotel): void {
  const nodes = clusterNodes(hotel.managerToken);
  const where = nodes?.length
    ? nodes
        .slice()
        .sort((a, b) => b.sockets - a.sockets)
        .map((n) => `${n.id}: ${n.sockets} sockets`)
        .join(', ')
    : 'node list unavailable (GET /api/v1/cluster/nodes needs a manager and Redis)';
  console.warn(
    `\n  >>> kill a node now: orders flow for ${LOAD.seconds}s. Nodes: ${where}.\n` +
      '  >>> docker compose kill -s SIGKILL node1    or    kill -9 $(cat .data/cluster/node-1.pid)\n',
  );
}

export function teardown(hotel: Hotel): void {
  releaseHotel(hotel);
}
