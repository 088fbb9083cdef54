import type { Sequelize, Transaction } from 'sequelize';
import { exec, one } from '../../db/sql';

/**
 * Serialises everything that changes one restaurant's line for one date (offers, expiries,
 * accepts, cancels) across nodes: held to commit, so an offer run sees the previous one's holds.
 */
export async function lockLine(sequelize: Sequelize, t: Transaction, b: { restaurantId: string; date: string }): Promise<void> {
  await exec(sequelize, 'SELECT pg_advisory_xact_lock(hashtextextended($key, 0))', { key: `waitlist:${b.restaurantId}:${b.date}` }, t);
}

/**
 * An offer's hold: a reservation of status `held` holding `tableIds` over [startsAt, endsAt),
 * in one statement, so the exclusion constraint refuses it (23P01) if a table is taken meanwhile.
 * Its token hash matches no token (tokens are hashed to hex); accepting sets the booking's own.
 */
export async function insertHold(
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
    walkIn: boolean;
    tableIds: string[];
  },
): Promise<void> {
  await exec(
    sequelize,
    `WITH hold AS (
       INSERT INTO reservations (id, restaurant_id, code, status, party_size, starts_at, ends_at, name_enc, phone_enc, email_enc, notes, user_id, walk_in, token_hash)
       VALUES ($id, $restaurantId, $code, 'held', $partySize, $startsAt, $endsAt, $nameEnc, $phoneEnc, $emailEnc, $notes, $userId, $walkIn, 'held')
       RETURNING id)
     INSERT INTO reservation_tables (reservation_id, table_id, restaurant_id, during)
     SELECT hold.id, t, $restaurantId, tstzrange($startsAt::timestamptz, $endsAt::timestamptz, '[)')
     FROM hold, unnest($tableIds::uuid[]) AS t`,
    { ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() },
    t,
  );
}

/** Lets an offer's tables go: its held booking and (by cascade) its holds are deleted. */
export async function releaseHold(sequelize: Sequelize, t: Transaction, reservationId: string): Promise<void> {
  await exec(sequelize, "DELETE FROM reservations WHERE id = $reservationId AND status = 'held'", { reservationId }, t);
}

/** Turns an offer's held booking into a real one, with its token; false when it is no longer held. */
export async function bookHold(sequelize: Sequelize, t: Transaction, b: { reservationId: string; tokenHash: string }): Promise<boolean> {
  const r = await one<{ id: string }>(
    sequelize,
    `UPDATE reservations SET status = 'booked', token_hash = $tokenHash, updated_at = now()
     WHERE id = $reservationId AND status = 'held' RETURNING id`,
    b,
    t,
  );
  return r !== null;
}

/** 1 for the first entry still waiting in its line: join order, by the database's own microsecond clock. */
export async function positionInLine(sequelize: Sequelize, t: Transaction | undefined, entryId: string): Promise<number> {
  const r = await one<{ n: number }>(
    sequelize,
    `SELECT count(*)::int AS n FROM waitlist_entries w, waitlist_entries me
     WHERE me.id = $entryId AND w.restaurant_id = me.restaurant_id AND w.date = me.date AND w.status = 'waiting'
       AND (w.created_at, w.id) <= (me.created_at, me.id)`,
    { entryId },
    t,
  );
  return r?.n ?? 0;
}

/**
 * Tables still taken by seated parties past their booked end (holds end on time; parties do
 * not always): for the wait estimate, these come free any minute rather than now.
 */
export async function overstayingTables(sequelize: Sequelize, b: { restaurantId: string; now: Date }): Promise<string[]> {
  const r = await one<{ ids: string[] }>(
    sequelize,
    `SELECT COALESCE(array_agg(h.table_id), '{}') AS ids
     FROM reservation_tables h JOIN reservations v ON v.id = h.reservation_id
     WHERE h.restaurant_id = $restaurantId AND h.active AND v.status = 'seated' AND upper(h.during) <= $now
       AND upper(h.during) > $now::timestamptz - interval '1 day'`,
    { restaurantId: b.restaurantId, now: b.now.toISOString() },
  );
  return r?.ids ?? [];
}
