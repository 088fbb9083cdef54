/**
 * Bookings: the harness's bookings scenario (loadtest/src/scenarios/bookings.ts) against a
 * deployment. Availability reads of one day at a constant arrival rate; guests racing for the
 * same tables (RACERS at once on each of RACE_SLOTS neighbouring slots, parties of the largest
 * size the restaurant still seats that day); bookings of couples spread over the day's slots at
 * the profile's rate. At the end the manager reads the day's bookings back and counts the pairs
 * of live bookings holding one table at overlapping times: there must be none.
 *
 *   k6 run -e BASE_URL=http://127.0.0.1:3000 -e PROFILE=smoke loadtest/k6/bookings.ts
 *
 * The bookings are real (they fill the restaurant's day and stay booked): run it on a copy or
 * the demo hotel. RESTAURANT picks the restaurant (its id; default the first listed that offers
 * a couple a slot on DATE), DATE the day (YYYY-MM-DD, default a week ahead), AVAILABILITY_RATE
 * the reads per second (default 5 × RATE). A restaurant that asks a deposit needs PAYMENT=card
 * (the sandbox test card); its 402s say so. The harness seeds its day with 500 bookings first;
 * k6 cannot write the database, so here the day holds what it holds.
 */
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { apiGet, apiPost, login, type ApiResult } from './lib/api.ts';
import { ACCOUNTS, arrivalScenario, BASE_URL, LOAD, PAYMENT, PROFILE, THRESHOLDS } from './lib/config.ts';
import * as metrics from './lib/metrics.ts';
import type { AvailabilityResponse, Reservation, Restaurant } from './lib/wire.ts';

const RACERS = Math.max(1, Number(__ENV.RACERS || 20));
const RACE_SLOTS = Math.max(1, Number(__ENV.RACE_SLOTS || 4));
const AVAILABILITY_RATE = Math.max(1, Number(__ENV.AVAILABILITY_RATE || LOAD.rate * 5));
const SANDBOX_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };

export const options: Options = {
  scenarios: {
    availability: {
      executor: 'constant-arrival-rate',
      exec: 'availability',
      rate: AVAILABILITY_RATE,
      timeUnit: '1s',
      duration: `${LOAD.seconds}s`,
      preAllocatedVUs: Math.max(2, Math.ceil(AVAILABILITY_RATE * 0.5)),
      maxVUs: Math.max(10, AVAILABILITY_RATE * 4),
      gracefulStop: '30s',
    },
    // Every racer one iteration, all started together a few seconds in, beside the other load.
    race: { executor: 'per-vu-iterations', exec: 'race', vus: RACERS * RACE_SLOTS, iterations: 1, startTime: '3s', maxDuration: '60s' },
    spread: arrivalScenario('spread'),
  },
  thresholds: THRESHOLDS.bookings,
  setupTimeout: '120s',
  teardownTimeout: '120s',
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

interface Plan {
  restaurantId: string;
  date: string;
  raceParty: number;
  raceSlots: string[];
  /** Every slot a couple was offered at the start: where the spread bookings go. */
  spreadSlots: string[];
  runId: string;
}

function offered(restaurantId: string, date: string, partySize: number): ApiResult<AvailabilityResponse> {
  return apiGet<AvailabilityResponse>(`/restaurants/${restaurantId}/availability?date=${date}&partySize=${partySize}`, {
    name: 'GET /restaurants/:id/availability',
    // A party beyond the restaurant's limits is a 400 naming partySize: setup() probes with it.
    expected: [400],
  });
}

export function setup(): Plan {
  const date = __ENV.DATE || new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const listed = apiGet<{ restaurants: Restaurant[] }>('/restaurants', { name: 'GET /restaurants' });
  if (!listed.body) throw new Error(`GET ${BASE_URL}/api/v1/restaurants failed: ${listed.status || listed.networkError}`);
  const ids = __ENV.RESTAURANT ? [__ENV.RESTAURANT] : listed.body.restaurants.map((r) => r.id);
  const restaurantId = ids.find((id) => (offered(id, date, 2).body?.slots.length ?? 0) > 0);
  if (!restaurantId) throw new Error(`no restaurant${__ENV.RESTAURANT ? ` ${__ENV.RESTAURANT}` : ''} offers a couple a slot on ${date}`);
  // The race: the largest party still seated that day, since few tables take it.
  let raceParty = 2;
  let raceStarts: string[] = [];
  for (const p of [12, 10, 8, 6, 4, 2]) {
    const slots = offered(restaurantId, date, p).body?.slots ?? [];
    if (slots.length) {
      raceParty = p;
      raceStarts = slots.map((s) => s.startsAt);
      break;
    }
  }
  // Neighbouring slots from the later part of the day (their stays overlap: racers of one collide with the next).
  const from = Math.max(0, Math.min(Math.floor(raceStarts.length * 0.6), raceStarts.length - RACE_SLOTS));
  const plan: Plan = {
    restaurantId,
    date,
    raceParty,
    raceSlots: raceStarts.slice(from, from + RACE_SLOTS),
    spreadSlots: (offered(restaurantId, date, 2).body?.slots ?? []).map((s) => s.startsAt),
    runId: `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`,
  };
  console.log(
    `bookings: ${PROFILE} profile against ${BASE_URL}, restaurant ${restaurantId} on ${date}: ${AVAILABILITY_RATE} reads/s, ` +
      `${RACERS} racers × ${plan.raceSlots.length} slots (parties of ${raceParty}), ${LOAD.rate} spread bookings/s`,
  );
  return plan;
}

export function availability(plan: Plan): void {
  const partySize = 1 + (exec.scenario.iterationInTest % 8);
  const res = offered(plan.restaurantId, plan.date, partySize);
  metrics.availabilityDuration.add(res.ms);
  // A 400 is a party beyond the restaurant's limits: an answer, not a failure.
  metrics.availabilityErrors.add(!(res.status === 400 || (res.status === 200 && Array.isArray(res.body?.slots))));
}

let warnedDeposit = false;

function book(plan: Plan, kind: 'race' | 'spread', partySize: number, startsAt: string, i: number): void {
  const res = apiPost<{ reservation: Reservation; token: string }>(
    '/reservations',
    {
      restaurantId: plan.restaurantId,
      partySize,
      startsAt,
      name: `k6 guest ${i}`,
      phone: `+852 9${String(i % 1e7).padStart(7, '0')}`,
      email: `k6-${plan.runId}-${i}@example.com`,
      ...(PAYMENT === 'counter' ? {} : { paymentMethod: 'card', card: SANDBOX_CARD }),
    },
    { idempotencyKey: `k6-booking-${plan.runId}-${kind}-${i}`, name: 'POST /reservations', expected: [409] },
  );
  const tags = { kind };
  metrics.bookingDuration.add(res.ms, tags);
  metrics.bookingsCreated.add(res.status === 201 ? 1 : 0, tags);
  const conflict = res.status === 409 && res.error?.code === 'slot_unavailable';
  if (conflict) metrics.bookingsConflicted.add(1, tags);
  metrics.bookingErrors.add(res.status !== 201 && !conflict, tags);
  if (res.status === 402 && !warnedDeposit) {
    warnedDeposit = true;
    console.warn('this restaurant asks a deposit (402 deposit_required): run with -e PAYMENT=card');
  }
}

export function race(plan: Plan): void {
  if (!plan.raceSlots.length) return;
  const i = exec.scenario.iterationInTest;
  book(plan, 'race', plan.raceParty, plan.raceSlots[i % plan.raceSlots.length], i);
}

export function spread(plan: Plan): void {
  if (!plan.spreadSlots.length) return;
  const i = exec.scenario.iterationInTest;
  const startsAt = plan.spreadSlots[Math.floor(Math.random() * plan.spreadSlots.length)];
  book(plan, 'spread', 1 + (i % 4), startsAt, 100_000 + i);
}

/** The day's bookings as the manager lists them: no two live ones may hold one table at overlapping times. */
export function teardown(plan: Plan): void {
  const manager = login(ACCOUNTS.manager);
  const res = apiGet<{ reservations: Reservation[] }>(`/restaurants/${plan.restaurantId}/reservations?date=${plan.date}`, {
    token: manager.token,
    name: 'GET /restaurants/:id/reservations',
  });
  if (!res.body) {
    exec.test.fail(
      `the day's bookings could not be read back (${res.status} ${res.error?.code ?? res.networkError}); set MANAGER_EMAIL/MANAGER_PASSWORD`,
    );
    return;
  }
  const live = res.body.reservations.filter((r) => r.status === 'booked' || r.status === 'seated');
  let pairs = 0;
  for (let a = 0; a < live.length; a++) {
    for (let b = a + 1; b < live.length; b++) {
      const x = live[a];
      const y = live[b];
      const overlap = Date.parse(x.startsAt) < Date.parse(y.endsAt) && Date.parse(y.startsAt) < Date.parse(x.endsAt);
      if (overlap && x.tableIds.some((t) => y.tableIds.includes(t))) pairs++;
    }
  }
  metrics.bookingsChecked.add(live.length);
  metrics.doubleBooked.add(pairs);
  console.log(`bookings: ${live.length} live bookings on ${plan.date}, ${pairs} pairs holding one table at one time`);
  if (pairs > 0) exec.test.fail(`${pairs} pairs of bookings hold one table at one time`);
}
