import type { OpeningHours } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import { one } from '../../db/sql';
import type { Booked, Hold } from './availability';
import type { BookableTable } from './tableChoice';

/** What availability and booking read of a restaurant for a time window, in one statement. */
export interface BookingDay {
  timeZone: string;
  openingHours: OpeningHours[];
  /** As stored; bookingPolicyOf parses it. */
  policy: unknown;
  tables: BookableTable[];
  holds: Hold[];
  booked: Booked[];
}

interface BookingDayRow {
  time_zone: string;
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
    `SELECT r.time_zone, r.opening_hours, r.cancellation_policy AS policy,
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
  },
): Promise<void> {
  await sequelize.query(
    `WITH booking AS (
       INSERT INTO reservations (id, restaurant_id, code, party_size, starts_at, ends_at, name_enc, phone_enc, email_enc, notes, user_id, token_hash)
       VALUES ($id, $restaurantId, $code, $partySize, $startsAt, $endsAt, $nameEnc, $phoneEnc, $emailEnc, $notes, $userId, $tokenHash)
       RETURNING id)
     INSERT INTO reservation_tables (reservation_id, table_id, restaurant_id, during)
     SELECT booking.id, t, $restaurantId, tstzrange($startsAt::timestamptz, $endsAt::timestamptz, '[)')
     FROM booking, unnest($tableIds::uuid[]) AS t`,
    { bind: { ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }, transaction: t },
  );
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
