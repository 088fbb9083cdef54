/**
 * Where to point the load, how much of it (the named profile), and the goals as thresholds.
 * Everything comes from `-e NAME=value` (k6's __ENV); nothing here reads a file.
 *
 *   BASE_URL   the deployment's origin, as a browser would open it      (http://127.0.0.1:3000)
 *   PROFILE    smoke | average | stress | spike | soak                  (smoke)
 *   RATE       orders per second of the profile's steady part           (profile's)
 *   DURATION   length of the steady part, e.g. 90s, 10m, 2h             (profile's)
 *   SCREENS    sockets in the fan-out scenario                          (profile's)
 *   CLIENTS    sockets in the failover scenario                         (profile's)
 *   RESTAURANTS  how many of the hotel's restaurants to use             (all)
 *   PAYMENT    counter | card | mixed (card: the sandbox test card)     (counter)
 */
import type { Scenario } from 'k6/options';

export const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');

export const PROFILES = ['smoke', 'average', 'stress', 'spike', 'soak'] as const;
export type ProfileName = (typeof PROFILES)[number];

export const PROFILE: ProfileName = ((): ProfileName => {
  const p = (__ENV.PROFILE || 'smoke').toLowerCase();
  if ((PROFILES as readonly string[]).includes(p)) return p as ProfileName;
  throw new Error(`PROFILE must be one of ${PROFILES.join(', ')}; got ${JSON.stringify(__ENV.PROFILE)}`);
})();

/** The demo hotel's accounts (README "Demo accounts"); point these at your own for a real hotel. */
export const ACCOUNTS = {
  manager: { email: __ENV.MANAGER_EMAIL || 'manager@example.com', password: __ENV.MANAGER_PASSWORD || 'dinewire-demo' },
  chef: { email: __ENV.CHEF_EMAIL || 'chef@example.com', password: __ENV.CHEF_PASSWORD || 'dinewire-demo' },
};

export type PaymentMode = 'counter' | 'card' | 'mixed';
export const PAYMENT: PaymentMode = ((): PaymentMode => {
  const p = (__ENV.PAYMENT || 'counter').toLowerCase();
  if (p === 'counter' || p === 'card' || p === 'mixed') return p;
  throw new Error(`PAYMENT must be counter, card or mixed; got ${JSON.stringify(__ENV.PAYMENT)}`);
})();

/** How many restaurants to spread the load over (0: every one the hotel lists). */
export const RESTAURANTS = envInt('RESTAURANTS', 0);

// ---------------------------------------------------------------- the goals (issue 3)

/**
 * The goals, as absolute figures. Fan-out: the harness (`npm run bench`) holds Dinewire to
 * 1.5× a bare Socket.IO baseline measured beside it; k6 cannot run that baseline against a
 * deployment, so it holds the p99 to an absolute ceiling instead (EVENT_P99_MS, 250 ms).
 */
export const GOALS = {
  eventP99Ms: envInt('EVENT_P99_MS', 250),
  orderP99Ms: envInt('ORDER_P99_MS', 250),
  orderErrorRate: 0.01,
  reconnectP99Ms: envInt('RECONNECT_P99_MS', 5000),
  availabilityP99Ms: envInt('AVAILABILITY_P99_MS', 250),
  bookingP99Ms: envInt('BOOKING_P99_MS', 500),
};

/** Thresholds per script: each names only metrics that script records (see lib/metrics.ts). */
export const THRESHOLDS = {
  fanout: {
    // Commit (the event's `at`, stamped by the server) → frame read by k6. Same clock assumed:
    // run k6 on a host of the cluster, or with NTP-synchronised clocks.
    event_latency_ms: [`p(99)<${GOALS.eventP99Ms}`],
    // No screen went without events (an empty run must not pass), and none was refused.
    events_received: ['count>0'],
    subscribe_refused: ['count==0'],
  },
  orders: {
    order_duration_ms: [`p(99)<${GOALS.orderP99Ms}`],
    // 5xx, network errors and unexpected 4xx; out_of_stock is counted apart and never fails the run.
    order_errors: [`rate<${GOALS.orderErrorRate}`],
    orders_placed: ['count>0'],
  },
  bookings: {
    availability_ms: [`p(99)<${GOALS.availabilityP99Ms}`],
    availability_errors: [`rate<${GOALS.orderErrorRate}`],
    booking_ms: [`p(99)<${GOALS.bookingP99Ms}`],
    // 5xx, network errors and unexpected 4xx; 409 slot_unavailable is a table taken, never a failure.
    booking_errors: [`rate<${GOALS.orderErrorRate}`],
    bookings_created: ['count>0'],
    // No table held twice at one time, and the check that says so ran.
    double_booked: ['count==0'],
    bookings_checked: ['count>0'],
  },
  failover: {
    reconnect_ms: [`p(99)<${GOALS.reconnectP99Ms}`],
    never_reconnected: ['count==0'],
    orders_lost: ['count==0'],
    orders_duplicated: ['count==0'],
    events_missing_after_resync: ['count==0'],
    events_unexpected: ['count==0'],
    orders_acked: ['count>0'],
    screens_checked: ['count>0'],
    subscribe_refused: ['count==0'],
  },
};

// ---------------------------------------------------------------- the profiles

interface Stage {
  duration: string;
  target: number;
}

interface ProfileShape {
  /** Orders per second of the steady part. */
  rate: number;
  /** Seconds of the steady part. */
  seconds: number;
  /** Arrival-rate stages around the steady part: null for a constant rate. */
  stages: ((rate: number, seconds: number) => Stage[]) | null;
  /** Fan-out sockets and failover sockets. */
  screens: number;
  clients: number;
}

/**
 * After grafana/quickpizza: smoke proves the script and the deployment work; average is a busy
 * service; stress ramps to three times that and holds; spike jumps to six times it for a minute;
 * soak holds the average for hours (memory, pools, the event log).
 */
const SHAPES: Record<ProfileName, ProfileShape> = {
  smoke: { rate: 1, seconds: 30, stages: null, screens: 12, clients: 6 },
  average: { rate: 10, seconds: 300, stages: null, screens: 400, clients: 150 },
  stress: {
    rate: 30,
    seconds: 300,
    stages: (rate, seconds) => [
      { duration: '60s', target: Math.ceil(rate / 3) },
      { duration: '60s', target: rate },
      { duration: `${seconds}s`, target: rate },
      { duration: '30s', target: 0 },
    ],
    screens: 1500,
    clients: 400,
  },
  spike: {
    rate: 60,
    seconds: 60,
    stages: (rate, seconds) => [
      { duration: '30s', target: Math.ceil(rate / 6) },
      { duration: '10s', target: rate },
      { duration: `${seconds}s`, target: rate },
      { duration: '10s', target: Math.ceil(rate / 6) },
      { duration: '60s', target: Math.ceil(rate / 6) },
    ],
    screens: 1000,
    clients: 300,
  },
  soak: { rate: 10, seconds: 2 * 3600, stages: null, screens: 400, clients: 150 },
};

const shape = SHAPES[PROFILE];

export const LOAD = {
  rate: envNumber('RATE', shape.rate),
  seconds: envDuration('DURATION', shape.seconds),
  screens: envInt('SCREENS', shape.screens),
  clients: envInt('CLIENTS', shape.clients),
};

/** Arrival-rate stages of this run, or null for a constant rate. */
export function orderStages(): Stage[] | null {
  return shape.stages ? shape.stages(LOAD.rate, LOAD.seconds) : null;
}

/** How long the order load lasts, in seconds. */
export function loadSeconds(): number {
  const stages = orderStages();
  return stages ? stages.reduce((s, st) => s + parseDuration(st.duration), 0) : LOAD.seconds;
}

/** How many orders the profile plans (the area under the arrival-rate curve). */
export function plannedOrders(): number {
  const stages = orderStages();
  if (!stages) return Math.round(LOAD.rate * LOAD.seconds);
  let total = 0;
  let from = stages[0].target; // ramping-arrival-rate starts at startRate (below)
  for (const st of stages) {
    total += ((from + st.target) / 2) * parseDuration(st.duration);
    from = st.target;
  }
  return Math.round(total);
}

/**
 * The k6 scenario that starts orders at the profile's arrival rate: constant-arrival-rate, or
 * ramping-arrival-rate for stress and spike. VUs are plenty: a slow server shows as latency and
 * errors, not as iterations k6 dropped for want of a VU.
 */
export function arrivalScenario(exec: string, opts: { startTime?: string; rateFactor?: number } = {}): Scenario {
  const factor = opts.rateFactor ?? 1;
  const stages = orderStages();
  const peak = (stages ? Math.max(...stages.map((s) => s.target)) : LOAD.rate) * factor;
  const preAllocatedVUs = Math.max(2, Math.ceil(peak * 0.5));
  const maxVUs = Math.max(10, Math.ceil(peak * 4));
  const common = { exec, startTime: opts.startTime ?? '0s', preAllocatedVUs, maxVUs, gracefulStop: '30s' };
  if (!stages) {
    // k6 takes a whole number of iterations per timeUnit: 0.5/s or 2.5/s become a rate per minute.
    const perSecond = LOAD.rate * factor;
    const perMinute = !Number.isInteger(perSecond);
    return {
      executor: 'constant-arrival-rate',
      rate: perMinute ? Math.max(1, Math.round(perSecond * 60)) : perSecond,
      timeUnit: perMinute ? '1m' : '1s',
      duration: `${LOAD.seconds}s`,
      ...common,
    };
  }
  return {
    executor: 'ramping-arrival-rate',
    startRate: Math.ceil(stages[0].target * factor),
    timeUnit: '1s',
    stages: stages.map((s) => ({ duration: s.duration, target: Math.ceil(s.target * factor) })),
    ...common,
  };
}

// ---------------------------------------------------------------- small parsers

function envNumber(name: string, fallback: number): number {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0; got ${JSON.stringify(raw)}`);
  return n;
}

function envInt(name: string, fallback: number): number {
  return Math.floor(envNumber(name, fallback));
}

function envDuration(name: string, fallbackSeconds: number): number {
  const raw = __ENV[name];
  return raw === undefined || raw === '' ? fallbackSeconds : parseDuration(raw);
}

/** `90`, `90s`, `10m`, `2h`, `1h30m` → seconds. */
export function parseDuration(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : n / 1000;
    matched += m[0];
  }
  if (!matched || matched !== s) throw new Error(`not a duration: ${JSON.stringify(s)} (try 90s, 10m, 2h)`);
  return total;
}
