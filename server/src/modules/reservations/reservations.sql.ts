import type { OpeningHours } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import { one, rows } from '../../db/sql';
import type { Booked, Hold } from './availability';
import type { BookableTable } from './tableChoice';

/** What availability and booking read of a restaurant for a time window, in one statement. */
export interface BookingDay {
  timeZone: string;
  currency: string;
  openingHours: OpeningHours[];
  /** As stored; bookingPolicyOf parses it. */
  policy: unknown;
  tables: BookableTable[];
  holds: Hold[];
  booked: Booked[];
}

interface BookingDayRow {
  time_zone: string;
  currency: string;
  opening_hours: OpeningHours[];
  policy: unknown;
  tables: BookableTable[];
  holds: { tableId: string; from: string; to: string }[];
  booked: { startsAt: string; partySize: number }[];
}

/**
 * The restaurant's rules and tables, the active holds overlapping a window and the live
 * bookings starting in it (pacing; a waitlist offer's `held` booking counts, as its tables do). The window is [from, to), or, given a local `date`, that day
 * and the next in the restaurant's time zone (a stay may run past midnight). Null when there is
 * no such restaurant.
 */
export async function readBookingDay(
  sequelize: Sequelize,
  b: { restaurantId: string } & ({ from: Date; to: Date } | { date: string }),
  t?: Transaction,
): Promise<BookingDay | null> {
  const row = await one<BookingDayRow>(
    sequelize,
    `SELECT r.time_zone, r.currency, r.opening_hours, r.cancellation_policy AS policy,
       COALESCE((SELECT json_agg(json_build_object('id', d.id, 'seats', d.seats, 'joinGroup', d.join_group))
                 FROM dining_tables d WHERE d.restaurant_id = r.id), '[]') AS tables,
       COALESCE((SELECT json_agg(json_build_object('tableId', h.table_id, 'from', lower(h.during), 'to', upper(h.during)))
                 FROM reservation_tables h
                 WHERE h.restaurant_id = r.id AND h.active AND h.during && tstzrange(w.from_at, w.to_at, '[)')), '[]') AS holds,
       COALESCE((SELECT json_agg(json_build_object('startsAt', v.starts_at, 'partySize', v.party_size))
                 FROM reservations v
                 WHERE v.restaurant_id = r.id AND v.status IN ('booked', 'seated', 'completed', 'held')
                   AND v.starts_at >= w.from_at AND v.starts_at < w.to_at), '[]') AS booked
     FROM restaurants r
     CROSS JOIN LATERAL (
       SELECT COALESCE($from::timestamptz, $date::date::timestamp AT TIME ZONE r.time_zone) AS from_at,
              COALESCE($to::timestamptz, ($date::date + 2)::timestamp AT TIME ZONE r.time_zone) AS to_at) w
     WHERE r.id = $restaurantId`,
    'date' in b
      ? { restaurantId: b.restaurantId, from: null, to: null, date: b.date }
      : { restaurantId: b.restaurantId, from: b.from.toISOString(), to: b.to.toISOString(), date: null },
    t,
  );
  if (!row) return null;
  return {
    timeZone: row.time_zone,
    currency: row.currency.trim(),
    openingHours: row.opening_hours,
    policy: row.policy,
    tables: row.tables,
    holds: row.holds.map((h) => ({ tableId: h.tableId, from: new Date(h.from), to: new Date(h.to) })),
    booked: row.booked.map((v) => ({ startsAt: new Date(v.startsAt), partySize: v.partySize })),
  };
}

/** Claims the Idempotency-Key in the booking's transaction; false when another request holds it already. */
export async function claimKey(
  sequelize: Sequelize,
  t: Transaction,
  b: { scope: string; keyHash: string; requestHash: string },
): Promise<boolean> {
  const r = await one<{ claimed: boolean }>(
    sequelize,
    `WITH claim AS (
       INSERT INTO idempotency_keys (scope, key_hash, request_hash) VALUES ($scope, $keyHash, $requestHash)
       ON CONFLICT DO NOTHING RETURNING key_hash)
     SELECT EXISTS (SELECT 1 FROM claim) AS claimed`,
    b,
    t,
  );
  return Boolean(r?.claimed);
}

/** The booking and its holds, one statement; the exclusion constraint refuses it (23P01) if a table is taken meanwhile. */
export async function insertReservation(
  sequelize: Sequelize,
  t: Transaction,
  r: {
    id: string;
    restaurantId: string;
    code: string;
    partySize: number;
    startsAt: Date;
    endsAt: Date;
    nameEnc: string;
    phoneEnc: string;
    emailEnc: string;
    notes: string | null;
    userId: string | null;
    tokenHash: string;
    tableIds: string[];
    allergies?: string[];
    preorderOrderId?: string | null;
    /** A walk-in: seated from the start. */
    walkIn?: boolean;
  },
): Promise<void> {
  await sequelize.query(
    `WITH booking AS (
       INSERT INTO reservations (id, restaurant_id, code, party_size, starts_at, ends_at, name_enc, phone_enc, email_enc, notes, user_id, token_hash,
         allergies, preorder_order_id, walk_in, status)
       VALUES ($id, $restaurantId, $code, $partySize, $startsAt, $endsAt, $nameEnc, $phoneEnc, $emailEnc, $notes, $userId, $tokenHash,
         $allergies::text[], $preorderOrderId::uuid, $walkIn::boolean, CASE WHEN $walkIn::boolean THEN 'seated' ELSE 'booked' END)
       RETURNING id)
     INSERT INTO reservation_tables (reservation_id, table_id, restaurant_id, during)
     SELECT booking.id, t, $restaurantId, tstzrange($startsAt::timestamptz, $endsAt::timestamptz, '[)')
     FROM booking, unnest($tableIds::uuid[]) AS t`,
    {
      bind: {
        ...r,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        allergies: r.allergies ?? [],
        preorderOrderId: r.preorderOrderId ?? null,
        walkIn: r.walkIn ?? false,
      },
      transaction: t,
    },
  );
}

/**
 * A finished booking lets its tables go from now on: each active hold ends now (the database's
 * clock), so the rest of the stay is bookable again; a hold that has not begun yet (the party left
 * before its time) is let go whole, a hold already over stays as it was (history). Returns the
 * tables.
 */
export async function endHoldsNow(sequelize: Sequelize, t: Transaction, b: { reservationId: string }): Promise<string[]> {
  const [result] = (await sequelize.query(
    `UPDATE reservation_tables SET
       during = CASE WHEN lower(during) < now() AND upper(during) > now() THEN tstzrange(lower(during), now(), '[)') ELSE during END,
       active = lower(during) < now()
     WHERE reservation_id = $reservationId AND active
     RETURNING table_id`,
    { bind: b, transaction: t },
  )) as [{ table_id: string }[], unknown];
  return result.map((r) => r.table_id);
}

/** Stores the answer under the claimed key, for a retry. */
export async function storeAnswer(
  sequelize: Sequelize,
  t: Transaction,
  b: { scope: string; keyHash: string; status: number; body: unknown },
): Promise<void> {
  await sequelize.query(
    'UPDATE idempotency_keys SET response_status = $status, response_body = $body::jsonb WHERE scope = $scope AND key_hash = $keyHash',
    { bind: { ...b, body: JSON.stringify(b.body) }, transaction: t },
  );
}

export interface RefundableCharge {
  id: string;
  method: string;
  processor_ref: string | null;
  room_stay_id: string | null;
  refundable_cents: number;
}

/**
 * A booking's deposit charges not voided, the latest first (a smaller party gives back its top-up
 * before the first deposit), each with what its refunds (not voided) leave of it.
 */
export async function refundableCharges(sequelize: Sequelize, t: Transaction, b: { reservationId: string }): Promise<RefundableCharge[]> {
  return rows<RefundableCharge>(
    sequelize,
    `SELECT c.id, c.method, c.processor_ref, c.room_stay_id,
            c.amount_cents - COALESCE((SELECT sum(r.amount_cents) FROM payments r
               WHERE r.refund_of = c.id AND r.status <> 'void'), 0)::int AS refundable_cents
       FROM payments c
      WHERE c.reservation_id = $reservationId AND c.kind = 'charge' AND c.status <> 'void'
      ORDER BY c.created_at DESC, c.id`,
    b,
    t,
  );
}

/** Whether a key already has its answer stored (a retry): then no card is authorised for it again. */
export async function answeredKey(sequelize: Sequelize, b: { scope: string; keyHash: string }): Promise<boolean> {
  const r = await one<{ answered: boolean }>(
    sequelize,
    'SELECT response_body IS NOT NULL AS answered FROM idempotency_keys WHERE scope = $scope AND key_hash = $keyHash',
    b,
  );
  return Boolean(r?.answered);
}

/** Holds `tableIds` for a booking's (new) stay; the exclusion constraint refuses it (23P01) if a table is taken over it. */
export async function insertHolds(
  sequelize: Sequelize,
  t: Transaction,
  b: { reservationId: string; restaurantId: string; tableIds: string[]; startsAt: Date; endsAt: Date },
): Promise<void> {
  await sequelize.query(
    `INSERT INTO reservation_tables (reservation_id, table_id, restaurant_id, during)
     SELECT $reservationId, t, $restaurantId, tstzrange($startsAt::timestamptz, $endsAt::timestamptz, '[)')
     FROM unnest($tableIds::uuid[]) AS t`,
    { bind: { ...b, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() }, transaction: t },
  );
}

/**
 * Takes the restaurant's hold lock to commit: holds are inserted one transaction at a time, so an
 * insert meets only committed holds and a taken table answers 23P01 at once instead of two
 * inserts waiting on each other's uncommitted holds into a deadlock (see holdFirstFree).
 */
export async function lockRestaurantHolds(db: Sequelize, t: Transaction, restaurantId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($key, 0))', {
    bind: { key: `reservation-holds:${restaurantId}` },
    transaction: t,
  });
}
