import crypto from 'node:crypto';
import pg from 'pg';

/**
 * The bookings scenario's restaurant, written straight into the bench database like the bench
 * hotel (lib/fixtures): booking rules, a floor of tables, and a day already holding hundreds of
 * bookings. The seeded bookings are real rows (reservations and their reservation_tables holds,
 * inserted in one statement each), so the exclusion constraint checks them and availability and
 * every new booking read them; only the guests' contact is a placeholder, as the bench does not
 * know the nodes' PII_KEY and nothing in the scenario shows it.
 */

/** Hong Kong keeps +08:00 all year, so a local wall-clock time is a fixed offset from UTC. */
export const TIME_ZONE = 'Asia/Hong_Kong';
const OFFSET = '+08:00';

export const OPENS = 11 * 60;
export const CLOSES = 23 * 60;
export const SLOT_MINUTES = 30;
export const STAY_MINUTES = 90;
export const MAX_PARTY = 8;

/** The rules as protocol's BookingPolicySchema has them: no deposit, no pacing (tables alone limit the day). */
const POLICY = {
  freeCancelHours: 24,
  lateCancelFeePercent: 50,
  noShowFeePercent: 100,
  depositPerGuestCents: 0,
  modifyUntilHours: 2,
  bookingLeadMinutes: 0,
  bookingHorizonDays: 30,
  slotMinutes: SLOT_MINUTES,
  stayMinutes: STAY_MINUTES,
  minPartySize: 1,
  maxPartySize: MAX_PARTY,
};

/**
 * The floor: many two- and four-tops, a hall of four-tops that push together (parties of 5 to 8
 * get two of them), some six-tops and three eight-tops. Large parties have few places to go:
 * that is where the race's bookings collide.
 */
const FLOOR: { prefix: string; seats: number; count: number; joinGroup?: string }[] = [
  { prefix: 'A', seats: 2, count: 100 },
  { prefix: 'B', seats: 4, count: 50 },
  { prefix: 'H', seats: 4, count: 6, joinGroup: 'hall' },
  { prefix: 'C', seats: 6, count: 14 },
  { prefix: 'D', seats: 8, count: 3 },
];

/** Party sizes of the seeded day, as weights: mostly couples and fours. */
const PARTY_WEIGHTS: [number, number][] = [
  [1, 5],
  [2, 45],
  [3, 15],
  [4, 21],
  [5, 5],
  [6, 6],
  [7, 1],
  [8, 2],
];

export interface BookableRestaurant {
  id: string;
  /** The measured day, YYYY-MM-DD in the restaurant's zone. */
  date: string;
  tables: number;
  seeded: number;
  seededCancelled: number;
  /** Every slot start the rules give on the day (ISO), for any party (one stay length). */
  slotStarts: string[];
}

/** The local date `daysAhead` days after today in the restaurant's zone. */
export function localDateAhead(daysAhead: number, now = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return new Date(Date.parse(`${today}T00:00:00Z`) + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

/** The instant of `minutes` after local midnight on `date`. */
export function localInstant(date: string, minutes: number): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00${OFFSET}`);
}

/** A small seeded generator (mulberry32): the same day is seeded in every run, so runs compare. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [v, w] of weighted) {
    r -= w;
    if (r < 0) return v;
  }
  return weighted[weighted.length - 1][0];
}

const text = (s: string) => JSON.stringify({ en: s, 'zh-Hant': s, 'zh-Hans': s });
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Seeded bookings' codes start with S: the server's random six-character codes rarely collide with them, and a collision is retried. */
const seededCode = (i: number) =>
  `S${Array.from({ length: 5 }, (_, k) => CODE_ALPHABET[Math.floor(i / CODE_ALPHABET.length ** k) % CODE_ALPHABET.length]).join('')}`;

/**
 * The restaurant, its tables and `bookings` live bookings on the day `daysAhead` ahead (plus a
 * tenth as many cancelled ones, whose holds are inactive and overlap live ones, as a real day's
 * do). Starts are weighted to lunch and dinner; each booking takes the smallest free table that
 * seats it, as the server would. Two statements write all the bookings.
 */
export async function createBookableRestaurant(
  db: pg.Pool,
  opts: { bookings: number; daysAhead: number; seed?: number },
): Promise<BookableRestaurant> {
  const random = seededRandom(opts.seed ?? 20261202);
  const date = localDateAhead(opts.daysAhead);
  const starts: number[] = [];
  for (let m = OPENS; m + STAY_MINUTES <= CLOSES; m += SLOT_MINUTES) starts.push(m);
  const startWeights: [number, number][] = starts.map((m) => [
    m,
    m >= 18 * 60 && m <= 20 * 60 + 30 ? 4 : m >= 11 * 60 + 30 && m <= 13 * 60 + 30 ? 3 : 1,
  ]);

  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const r = await client.query<{ id: string }>(
      `INSERT INTO restaurants (slug, names, descriptions, cuisine, area, price_level, time_zone, currency, service_charge_bps, sort,
         opening_hours, cancellation_policy)
       VALUES ($1, $2, $2, 'bench', 'Bench', 3, $3, 'HKD', 1000, 200, $4, $5) RETURNING id`,
      [
        `bench-bookings-${crypto.randomBytes(3).toString('hex')}`,
        text('Bench Bookings'),
        TIME_ZONE,
        JSON.stringify([0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '11:00', closes: '23:00' }))),
        JSON.stringify(POLICY),
      ],
    );
    const rid = r.rows[0].id;
    const spec = FLOOR.flatMap((f) =>
      Array.from({ length: f.count }, (_, i) => ({ label: `${f.prefix}${i + 1}`, seats: f.seats, joinGroup: f.joinGroup ?? null })),
    );
    const made = await client.query<{ id: string; label: string; seats: number }>(
      `INSERT INTO dining_tables (restaurant_id, label, seats, join_group)
       SELECT $1, x.label, x.seats, x.join_group FROM jsonb_to_recordset($2::jsonb) AS x(label text, seats int, join_group text)
       RETURNING id, label, seats`,
      [rid, JSON.stringify(spec.map((t) => ({ label: t.label, seats: t.seats, join_group: t.joinGroup })))],
    );
    // Smallest first, as tableChoice orders single tables.
    const tables = [...made.rows].sort((a, b) => a.seats - b.seats || a.label.localeCompare(b.label, 'en', { numeric: true }));
    const held = new Map<string, [number, number][]>(tables.map((t) => [t.id, []]));
    const free = (id: string, from: number, to: number) => held.get(id)!.every(([f, t]) => to <= f || t <= from);

    const rows: {
      id: string;
      code: string;
      party_size: number;
      starts_at: string;
      ends_at: string;
      table_id: string;
      cancelled: boolean;
    }[] = [];
    const add = (party: number, start: number, tableId: string, cancelled: boolean) =>
      rows.push({
        id: crypto.randomUUID(),
        code: seededCode(rows.length),
        party_size: party,
        starts_at: localInstant(date, start).toISOString(),
        ends_at: localInstant(date, start + STAY_MINUTES).toISOString(),
        table_id: tableId,
        cancelled,
      });
    let placed = 0;
    for (let tries = 0; placed < opts.bookings; tries++) {
      if (tries > opts.bookings * 50) throw new Error(`the bench floor cannot take ${opts.bookings} bookings on one day`);
      const party = pick(random, PARTY_WEIGHTS);
      const start = pick(random, startWeights);
      const table = tables.find((t) => t.seats >= party && free(t.id, start, start + STAY_MINUTES));
      if (!table) continue;
      held.get(table.id)!.push([start, start + STAY_MINUTES]);
      add(party, start, table.id, false);
      placed++;
    }
    const cancelled = Math.round(opts.bookings / 10);
    for (let i = 0; i < cancelled; i++) {
      add(2, starts[Math.floor(random() * starts.length)], tables[Math.floor(random() * tables.length)].id, true);
    }
    await client.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb)
           AS x(id uuid, code text, party_size int, starts_at timestamptz, ends_at timestamptz, table_id uuid, cancelled boolean)),
       booked AS (
         INSERT INTO reservations (id, restaurant_id, code, status, party_size, starts_at, ends_at, name_enc, phone_enc, email_enc, token_hash)
         SELECT id, $1, code, CASE WHEN cancelled THEN 'cancelled' ELSE 'booked' END, party_size, starts_at, ends_at,
           'none', 'none', 'none', md5(random()::text || id::text)
         FROM input RETURNING id)
       INSERT INTO reservation_tables (reservation_id, table_id, restaurant_id, during, active)
       SELECT i.id, i.table_id, $1, tstzrange(i.starts_at, i.ends_at, '[)'), NOT i.cancelled
       FROM input i JOIN booked b ON b.id = i.id`,
      [rid, JSON.stringify(rows)],
    );
    await client.query('COMMIT');
    return {
      id: rid,
      date,
      tables: tables.length,
      seeded: placed,
      seededCancelled: cancelled,
      slotStarts: starts.map((m) => localInstant(date, m).toISOString()),
    };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Pairs of active holds of one table that overlap in time, over the whole reservation_tables
 * table (every restaurant, every day): what the exclusion constraint forbids, counted after the
 * fact. Anything but 0 is a double booking.
 */
export async function doubleBookedPairs(db: pg.Pool): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n
     FROM reservation_tables a
     JOIN reservation_tables b ON b.table_id = a.table_id AND b.reservation_id > a.reservation_id AND b.during && a.during
     WHERE a.active AND b.active`,
  );
  return r.rows[0].n;
}
