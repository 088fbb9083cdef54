/**
 * Fan-out: many screens subscribed across the hotel's restaurants (kiosks on the public menu
 * scope, kitchen screens on the kitchen scope, dashboards on the staff scope, 2 : 1 : 1), kiosk
 * orders flowing at a constant arrival rate, and a kitchen bumping them; the measure is the
 * time from an event's commit to each screen. The harness's fan-out scenario, for a deployment
 * (loadtest/src/scenarios/fanout.ts).
 *
 *   k6 run -e BASE_URL=https://dinewire.example.com -e PROFILE=average loadtest/k6/fanout.ts
 *
 * Phases, from the end of setup(): screens connect (CONNECT_SECONDS), orders and bumps run for
 * the profile's duration, screens stay a few seconds more for the last events, then close.
 *
 * event_latency_ms = when k6 read the frame − the event's `at`, which the server stamps at
 * commit. The two clocks must agree: run k6 on one of the cluster's hosts, or on hosts kept in
 * step by NTP (a skew of s ms shifts every figure by s). The harness compares the p99 with a
 * bare Socket.IO baseline beside it (within 1.5×); k6 cannot run that baseline against a
 * deployment, so the threshold is the absolute EVENT_P99_MS (250 ms).
 */
import { sleep } from 'k6';
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { setTimeout } from 'k6/timers';
import { bump, kitchenToken, loadHotel, openOrders, orderBody, placeOrder, releaseHotel, type Hotel } from './lib/api.ts';
import { arrivalScenario, BASE_URL, LOAD, loadSeconds, PROFILE, THRESHOLDS } from './lib/config.ts';
import * as metrics from './lib/metrics.ts';
import { recordOrder } from './lib/orders.ts';
import { planScreen, Screen, screenOptions } from './lib/socketio.ts';

/** One VU holds this many sockets (k6/websockets serves them all on its event loop). */
const SCREENS_PER_VU = Math.max(1, Number(__ENV.SCREENS_PER_VU || 25));
/** Time for every screen to connect and subscribe before the first order. */
const CONNECT_SECONDS = Number(__ENV.CONNECT_SECONDS || Math.max(10, Math.ceil(LOAD.screens / 100)));
/** Screens stay this long after the last order, for its events. */
const SETTLE_SECONDS = 5;
const HOLD_SECONDS = CONNECT_SECONDS + loadSeconds() + SETTLE_SECONDS;

export const options: Options = {
  scenarios: {
    screens: {
      executor: 'per-vu-iterations',
      exec: 'screens',
      vus: Math.ceil(LOAD.screens / SCREENS_PER_VU),
      iterations: 1,
      maxDuration: `${HOLD_SECONDS + 60}s`,
      gracefulStop: '30s',
    },
    orders: arrivalScenario('produce', { startTime: `${CONNECT_SECONDS}s` }),
    // Two bumps an order (its first item to cooking, then ready), as the harness's kitchen does.
    kitchen: arrivalScenario('kitchen', { startTime: `${CONNECT_SECONDS + 1}s` }),
  },
  thresholds: {
    ...THRESHOLDS.fanout,
    // Every screen got subscribed.
    screens_subscribed: [`count>=${LOAD.screens}`],
  },
  setupTimeout: '120s',
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
};

export function setup(): Hotel {
  console.log(
    `fan-out: ${PROFILE} profile against ${BASE_URL}: ${LOAD.screens} screens, orders at ${LOAD.rate}/s for ${loadSeconds()}s after ${CONNECT_SECONDS}s of connecting`,
  );
  return loadHotel({ kiosks: true });
}

/** This VU's share of the screens: open them spread over the first part of the connect window, hold, close. */
export function screens(hotel: Hotel): Promise<void> {
  const first = exec.scenario.iterationInTest * SCREENS_PER_VU;
  const count = Math.min(SCREENS_PER_VU, LOAD.screens - first);
  const ids = hotel.restaurants.map((r) => r.id);
  const tokens = { manager: hotel.managerToken, kitchen: (id: string) => kitchenToken(hotel, id) };
  const spreadMs = (CONNECT_SECONDS * 1000 * 0.6) / Math.max(1, LOAD.screens);
  // k6 skips the thresholds of a metric without samples: zeros make "no events" and "no screen subscribed" fail.
  metrics.eventsReceived.add(0);
  metrics.screensSubscribed.add(0);
  const opened: Screen[] = [];
  for (let j = 0; j < count; j++) {
    const n = first + j;
    const screen = new Screen({ ...screenOptions(planScreen(n, ids), tokens), measureLatency: true });
    opened.push(screen);
    setTimeout(() => screen.open(), n * spreadMs);
  }
  const endsIn = hotel.startedAt + HOLD_SECONDS * 1000 - Date.now();
  return new Promise<void>((resolve) => {
    setTimeout(
      () => {
        for (const s of opened) s.stop();
        resolve();
      },
      Math.max(0, endsIn),
    );
  });
}

/** Dishes this VU was told are sold out; its later orders pick others. */
const soldOut = new Set<string>();

export function produce(hotel: Hotel): void {
  const i = exec.scenario.iterationInTest;
  const r = hotel.restaurants[i % hotel.restaurants.length];
  const key = `k6-fanout-${hotel.runId}-${i}`;
  recordOrder(placeOrder(orderBody(r, i, soldOut), key, hotel.kiosks[r.id].token), soldOut);
}

/** The kitchen: take a just-placed order and move its first item to cooking, then to ready. */
export function kitchen(hotel: Hotel): void {
  const i = exec.scenario.iterationInTest;
  const r = hotel.restaurants[i % hotel.restaurants.length];
  const token = kitchenToken(hotel, r.id);
  const list = openOrders(r.id, token, 'placed');
  const orders = list.body?.orders ?? [];
  if (!orders.length) return;
  // At random, so that two bumpers seldom take the same order.
  const order = orders[Math.floor(Math.random() * orders.length)];
  const item = order.items.find((it) => it.status === 'queued');
  if (!item) return;
  for (let step = 0; step < 2; step++) {
    if (step) sleep(0.3);
    const res = bump(item.id, token);
    if (res.status === 200) metrics.bumps.add(1);
    else if (res.error?.code === 'invalid_transition') metrics.bumpConflicts.add(1);
    else metrics.bumpErrors.add(1, { code: res.status ? (res.error?.code ?? String(res.status)) : 'network' });
  }
}

export function teardown(hotel: Hotel): void {
  releaseHotel(hotel);
}
