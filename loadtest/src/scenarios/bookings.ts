import crypto from 'node:crypto';
import type { AvailabilityResponse } from '@dinewire/protocol';
import pg from 'pg';
import { createBookableRestaurant, doubleBookedPairs, MAX_PARTY, seededRandom, type BookableRestaurant } from '../lib/bookable';
import type { Cluster } from '../lib/cluster';
import { Http } from '../lib/http';
import { log, Progress } from '../lib/progress';
import { closedLoop, performanceNow } from '../lib/run';
import { round, Samples } from '../lib/stats';

export interface BookingsResult {
  /** The restaurant: its tables, and the measured day's seeded bookings (live, and cancelled with inactive holds). */
  date: string;
  tables: number;
  seeded: number;
  seededCancelled: number;
  /** GET availability, `concurrency` at a time for `seconds`, party sizes 1 to 8. */
  availability: {
    concurrency: number;
    requests: number;
    ratePerSec: number;
    p50Ms: number;
    p99Ms: number;
    errors: number;
    /** Slots a party of two is offered on the day (after the seeding): the answer carries real work. */
    slotsForTwo: number;
    /** Answers by node (X-Node-Id): both nodes served. */
    nodes: Record<string, number>;
  };
  /** POST /reservations: the race and the spread bookings at once, through the balancer. */
  booking: {
    attempts: number;
    /** 201s per second over the whole phase. */
    ratePerSec: number;
    created: number;
    conflicts: number;
    errors: number;
    p50Ms: number;
    p99Ms: number;
    /** Parties of 8 (few tables seat them), `racersPerSlot` at once on each of `raceSlots` neighbouring slots. */
    race: { slots: number; racersPerSlot: number; partySize: number; created: number; conflicts: number; p50Ms: number; p99Ms: number };
    /** Parties of 1 to 4 on any slot of the day, `concurrency` at a time. */
    spread: { concurrency: number; attempts: number; created: number; conflicts: number };
    nodes: Record<string, number>;
  };
  /** Overlapping active holds of one table over the whole reservation_tables table: must be 0. */
  doubleBooked: number;
  /** Live bookings of the restaurant in the database, against seeded + answered 201 (must be equal). */
  storedBookings: number;
  expectedBookings: number;
}

const RACE_PARTY = MAX_PARTY;

const guest = (i: number) => ({ name: `Bench Guest ${i}`, phone: `+852 9${String(i).padStart(7, '0')}`, email: `guest${i}@example.com` });

/**
 * One restaurant with `bookings` live bookings on a day a week ahead; then many concurrent
 * availability reads of that day; then bookings through both nodes: parties of 8 racing
 * `racersPerSlot` to a slot on neighbouring slots (they collide on the few tables that seat 8,
 * and on the hall's pushed-together pairs), beside parties of 1 to 4 spread over the day. At the
 * end a query over every hold proves no table is held twice at one time.
 */
export async function bookings(
  cluster: Cluster,
  databaseUrl: string,
  o: {
    bookings: number;
    availability: { concurrency: number; seconds: number };
    race: { slots: number; racersPerSlot: number };
    spread: { concurrency: number; attempts: number };
  },
): Promise<BookingsResult> {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const seeding = performanceNow();
  const r: BookableRestaurant = await createBookableRestaurant(db, { bookings: o.bookings, daysAhead: 7 });
  log(
    `  bookings           ${r.tables} tables, ${r.seeded} bookings (+${r.seededCancelled} cancelled) on ${r.date} seeded in ${round(performanceNow() - seeding, 0)} ms`,
  );
  const http = new Http(cluster.balancer, { spread: 200 });
  try {
    const availability = await readAvailability(http, r, o.availability);
    const booking = await book(http, r, o);
    const doubleBooked = await doubleBookedPairs(db);
    const stored = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reservations WHERE restaurant_id = $1 AND status = 'booked'`,
      [r.id],
    );
    const result: BookingsResult = {
      date: r.date,
      tables: r.tables,
      seeded: r.seeded,
      seededCancelled: r.seededCancelled,
      availability,
      booking,
      doubleBooked,
      storedBookings: stored.rows[0].n,
      expectedBookings: r.seeded + booking.created,
    };
    log(
      `  bookings           availability ${availability.ratePerSec}/s p99 ${availability.p99Ms} ms; ${booking.ratePerSec} bookings/s ` +
        `(${booking.created} × 201, ${booking.conflicts} × 409) p99 ${booking.p99Ms} ms; ${doubleBooked} tables held twice`,
    );
    return result;
  } finally {
    http.close();
    await db.end();
  }
}

/** Availability of the day for parties of 1 to 8, `concurrency` callers at a time. */
async function readAvailability(
  http: Http,
  r: BookableRestaurant,
  o: { concurrency: number; seconds: number },
): Promise<BookingsResult['availability']> {
  const first = await http.get<AvailabilityResponse>(`/api/v1/restaurants/${r.id}/availability?date=${r.date}&partySize=2`);
  if (first.status !== 200) throw new Error(`availability answered ${first.status}: ${JSON.stringify(first.body)}`);
  const latency = new Samples();
  const nodes: Record<string, number> = {};
  let errors = 0;
  let i = 0;
  const progress = new Progress('bookings: avail.');
  const timer = setInterval(() => progress.update(0, 1, `${latency.count} reads, p99 ${round(latency.percentile(99))} ms`), 500);
  const start = performanceNow();
  await closedLoop(o.concurrency, o.seconds, async () => {
    const partySize = 1 + (i++ % MAX_PARTY);
    const t = performanceNow();
    try {
      const res = await http.get<AvailabilityResponse>(`/api/v1/restaurants/${r.id}/availability?date=${r.date}&partySize=${partySize}`);
      latency.add(performanceNow() - t);
      if (res.nodeId) nodes[res.nodeId] = (nodes[res.nodeId] ?? 0) + 1;
      if (res.status !== 200 || !Array.isArray(res.body?.slots)) errors++;
    } catch {
      errors++;
    }
  });
  clearInterval(timer);
  const elapsed = (performanceNow() - start) / 1000;
  const result = {
    concurrency: o.concurrency,
    requests: latency.count,
    ratePerSec: round((latency.count - errors) / elapsed),
    p50Ms: round(latency.percentile(50)),
    p99Ms: round(latency.percentile(99)),
    errors,
    slotsForTwo: first.body.slots.length,
    nodes,
  };
  progress.done(`${result.ratePerSec}/s, p50 ${result.p50Ms} / p99 ${result.p99Ms} ms, ${errors} errors, ${JSON.stringify(nodes)}`);
  return result;
}

/** The race and the spread bookings together; every answer counted by status and by node. */
async function book(
  http: Http,
  r: BookableRestaurant,
  o: { race: { slots: number; racersPerSlot: number }; spread: { concurrency: number; attempts: number } },
): Promise<BookingsResult['booking']> {
  // The race's slots: neighbouring ones the server still offers a party of 8 (their stays
  // overlap, so racers of one slot collide with those of the next), from the evening if it can.
  const offered = await http.get<AvailabilityResponse>(`/api/v1/restaurants/${r.id}/availability?date=${r.date}&partySize=${RACE_PARTY}`);
  if (offered.status !== 200) throw new Error(`availability answered ${offered.status}`);
  const starts = offered.body.slots.map((s) => s.startsAt);
  const evening = starts.findIndex((s) => Date.parse(s) >= Date.parse(`${r.date}T18:00:00+08:00`));
  const from = Math.max(0, Math.min(evening < 0 ? 0 : evening, starts.length - o.race.slots));
  const raceSlots = starts.slice(from, from + o.race.slots);
  if (raceSlots.length === 0) log('  bookings           no slot left for a party of 8: the race has nothing to win');

  const all = new Samples();
  const raceLatency = new Samples();
  const nodes: Record<string, number> = {};
  const counts = { race: { created: 0, conflicts: 0 }, spread: { created: 0, conflicts: 0 } };
  const codes = new Map<string, number>();
  let errors = 0;
  let n = 0;
  const post = async (kind: 'race' | 'spread', body: Record<string, unknown>) => {
    const i = n++;
    const t = performanceNow();
    try {
      const res = await http.post<{ error?: { code?: string } }>(
        '/api/v1/reservations',
        { restaurantId: r.id, ...guest(i), ...body },
        { idempotencyKey: `bench-booking-${i}-${crypto.randomUUID()}` },
      );
      const ms = performanceNow() - t;
      all.add(ms);
      if (kind === 'race') raceLatency.add(ms);
      if (res.nodeId) nodes[res.nodeId] = (nodes[res.nodeId] ?? 0) + 1;
      if (res.status === 201) counts[kind].created++;
      else if (res.status === 409 && res.body?.error?.code === 'slot_unavailable') counts[kind].conflicts++;
      else {
        errors++;
        const code = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    } catch {
      errors++;
      codes.set('network', (codes.get('network') ?? 0) + 1);
    }
  };

  const random = seededRandom(7);
  let spreadStarted = 0;
  const total = raceSlots.length * o.race.racersPerSlot + o.spread.attempts;
  const progress = new Progress('bookings: book');
  const timer = setInterval(() => progress.update(all.count, total, `${counts.race.created + counts.spread.created} booked`), 500);
  const start = performanceNow();
  await Promise.all([
    // Every racer at once: one burst of requests for a handful of tables.
    Promise.all(
      raceSlots.flatMap((startsAt) =>
        Array.from({ length: o.race.racersPerSlot }, () => post('race', { partySize: RACE_PARTY, startsAt })),
      ),
    ),
    Promise.all(
      Array.from({ length: o.spread.concurrency }, async () => {
        while (spreadStarted < o.spread.attempts) {
          spreadStarted++;
          const partySize = 1 + Math.floor(random() * 4);
          await post('spread', { partySize, startsAt: r.slotStarts[Math.floor(random() * r.slotStarts.length)] });
        }
      }),
    ),
  ]);
  clearInterval(timer);
  const elapsed = (performanceNow() - start) / 1000;
  const created = counts.race.created + counts.spread.created;
  const result: BookingsResult['booking'] = {
    attempts: n,
    ratePerSec: round(created / elapsed),
    created,
    conflicts: counts.race.conflicts + counts.spread.conflicts,
    errors,
    p50Ms: round(all.percentile(50)),
    p99Ms: round(all.percentile(99)),
    race: {
      slots: raceSlots.length,
      racersPerSlot: o.race.racersPerSlot,
      partySize: RACE_PARTY,
      ...counts.race,
      p50Ms: round(raceLatency.percentile(50)),
      p99Ms: round(raceLatency.percentile(99)),
    },
    spread: { concurrency: o.spread.concurrency, attempts: o.spread.attempts, ...counts.spread },
    nodes,
  };
  progress.done(
    `${result.ratePerSec} bookings/s, ${created} × 201, ${result.conflicts} × 409, p50 ${result.p50Ms} / p99 ${result.p99Ms} ms, ` +
      `${errors} errors ${[...codes].map(([k, v]) => `${k}×${v}`).join(' ')} ${JSON.stringify(nodes)}`,
  );
  return result;
}
