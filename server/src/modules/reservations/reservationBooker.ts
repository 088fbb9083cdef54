import crypto from 'node:crypto';
import type { Reservation, ReservationCreate } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { idempotencyMismatch, AppError, notFound, slotUnavailable } from '../../errors';
import { encryptPii } from '../../lib/pii';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { keyClaim, type KeyClaim } from '../orders/idempotency';
import { storedResponse } from '../orders/orders.sql';
import { freeCandidates, withinPacing } from './availability';
import { bookingPolicyOf, checkPartySize, ruleSlots } from './bookingRules';
import { localDate } from './localTime';
import {
  newConfirmationCode,
  openReservation,
  reservationTokenFor,
  reservationTokenHash,
  sealReservation,
  type SealedReservation,
} from './reservationSecrets';
import { claimKey, insertReservation, readBookingDay, storeAnswer } from './reservations.sql';

export interface BookedReservation {
  status: number;
  body: { reservation: Reservation; token: string };
  replayed: boolean;
}

/** What the idempotency table keeps of a booking's answer: the booking sealed, and no token. */
interface StoredBooking {
  reservation: SealedReservation;
}

/** A code already taken in the restaurant is drawn again, this many times at most (32^6 codes: a retry is rare). */
const CODE_ATTEMPTS = 3;
/** A candidate whose insert deadlocked is tried this many times in all before it counts as taken. */
const DEADLOCK_ATTEMPTS = 3;

/**
 * Books a table: one transaction claims the Idempotency-Key, reads the restaurant's rules, tables
 * and holds for the day, and holds the best free candidate (tableChoice's order) for the stay.
 * Two requests racing for one table both pass the read; the exclusion constraint refuses the
 * later insert (23P01), which then tries the next candidate under a savepoint, and answers
 * 409 slot_unavailable when none is left. With pacing, bookings of one slot start are serialised
 * by an advisory lock, so the covers count each one reads is the committed truth.
 * The `reservation.created` event (staff only, contact sealed) commits with the booking.
 */
export async function bookTable(
  ctx: Ctx,
  props: { body: ReservationCreate; idempotencyKey: string },
  now = new Date(),
): Promise<BookedReservation> {
  const { body } = props;
  const db = ctx.sequelize;
  const claim = keyClaim(ctx.config.sessionSecret, ctx.actor, ctx.ip, props.idempotencyKey, body);
  const id = crypto.randomUUID();
  const token = reservationTokenFor(ctx.config.sessionSecret, claim.scope, claim.key, id);
  return inTransaction(ctx, async (t, emit): Promise<BookedReservation> => {
    if (!(await claimKey(db, t, claim))) return { ...(await replay(ctx, t, claim)), replayed: true };
    authorize(ctx.actor, 'reservation.create', { restaurantId: body.restaurantId });
    const startsAt = new Date(body.startsAt);
    const probe = await readBookingDay(db, { restaurantId: body.restaurantId, from: startsAt, to: startsAt }, t);
    if (!probe) throw notFound('Restaurant');
    const policy = bookingPolicyOf(probe.policy);
    if (!policy) throw slotUnavailable('This restaurant takes no bookings.');
    checkPartySize(policy, body.partySize);
    const date = localDate(startsAt, probe.timeZone);
    const slot = ruleSlots({ policy, openingHours: probe.openingHours, timeZone: probe.timeZone }, date, body.partySize, now).find(
      (s) => s.startsAt.getTime() === startsAt.getTime(),
    );
    if (!slot) throw slotUnavailable('This time is not one of the restaurant’s booking slots for this party (see its availability).');
    if (policy.coversPerSlot !== undefined) {
      await db.query('SELECT pg_advisory_xact_lock(hashtextextended($key, 0))', {
        bind: { key: `reservation-slot:${body.restaurantId}:${startsAt.toISOString()}` },
        transaction: t,
      });
    }
    const day = await readBookingDay(db, { restaurantId: body.restaurantId, date }, t);
    if (!day) throw notFound('Restaurant');
    if (!withinPacing(policy, day.booked, body.partySize, startsAt)) throw slotUnavailable('This slot is fully booked.');

    const userId = can(ctx.actor, 'reservation.linkAccount', {}) && ctx.actor.kind === 'user' ? ctx.actor.id : null;
    const row = {
      id,
      restaurantId: body.restaurantId,
      partySize: body.partySize,
      startsAt,
      endsAt: slot.endsAt,
      nameEnc: encryptPii(ctx.config.piiKey, body.name)!,
      phoneEnc: encryptPii(ctx.config.piiKey, body.phone)!,
      emailEnc: encryptPii(ctx.config.piiKey, body.email)!,
      notes: body.notes || null,
      userId,
      tokenHash: reservationTokenHash(ctx.config.sessionSecret, token),
    };
    const held = await holdFirstFree(ctx, t, row, freeCandidates(day.tables, day.holds, body.partySize, slot));
    if (!held) throw slotUnavailable();

    const reservation: Reservation = {
      id,
      restaurantId: body.restaurantId,
      code: held.code,
      status: 'booked',
      partySize: body.partySize,
      startsAt: startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      tableIds: [...held.tableIds].sort(),
      depositCents: 0,
      notes: row.notes,
      payment: 'none',
      paidCents: 0,
      refundedCents: 0,
      allergies: [],
      preorderOrderId: null,
      walkIn: false,
      version: 1,
      guest: { name: body.name, phone: body.phone, email: body.email },
    };
    const sealed = sealReservation(ctx.config.piiKey, { ...reservation, guest: reservation.guest! });
    emit(await appendEvent(db, t, { restaurantId: body.restaurantId, type: 'reservation.created', data: sealed }));
    await storeAnswer(db, t, {
      scope: claim.scope,
      keyHash: claim.keyHash,
      status: 201,
      body: { reservation: sealed } satisfies StoredBooking,
    });
    return { status: 201, body: { reservation, token }, replayed: false };
  });
}

/**
 * Inserts the booking on the first candidate still free, each try under a savepoint: a table
 * taken since the read (23P01) moves on to the next candidate; a code already used draws another.
 *
 * The restaurant's holds are inserted one transaction at a time (an advisory lock to commit).
 * Without it, two inserts of overlapping holds of one table can each find the other's
 * uncommitted hold in the exclusion check and wait for each other: PostgreSQL resolves that
 * deadlock only after deadlock_timeout (1 s), aborting one (40P01). The bench's racing bookings
 * answered 500 for a third of them that way, and the rest waited seconds. Under the lock every
 * hold a try meets is committed, so a taken table answers 23P01 at once. The transaction
 * takes the restaurant's event counter right after anyway, so bookings of one restaurant already
 * committed one at a time. A deadlock with a hold written elsewhere without this lock is
 * still retried on the same candidate (only the savepoint's statement was lost).
 */
async function holdFirstFree(
  ctx: Ctx,
  t: Transaction,
  row: Omit<Parameters<typeof insertReservation>[2], 'code' | 'tableIds'>,
  candidates: string[][],
): Promise<{ code: string; tableIds: string[] } | null> {
  if (!candidates.length) return null;
  await ctx.sequelize.query('SELECT pg_advisory_xact_lock(hashtextextended($key, 0))', {
    bind: { key: `reservation-holds:${row.restaurantId}` },
    transaction: t,
  });
  for (const tableIds of candidates) {
    for (let attempt = 1; ; attempt++) {
      const code = newConfirmationCode();
      try {
        await ctx.sequelize.transaction({ transaction: t }, (sp) => insertReservation(ctx.sequelize, sp, { ...row, code, tableIds }));
        return { code, tableIds };
      } catch (err) {
        const state = (err as { original?: { code?: string; constraint?: string } }).original;
        if (state?.code === '23P01') break;
        if (state?.code === '40P01') {
          if (attempt < DEADLOCK_ATTEMPTS) continue;
          break;
        }
        if (state?.code === '23505' && state.constraint === 'reservations_restaurant_id_code_key' && attempt < CODE_ATTEMPTS) continue;
        throw err;
      }
    }
  }
  return null;
}

/** The answer to a key already used, inside the transaction that found it claimed; another body under it is refused. */
async function replay(ctx: Ctx, t: Transaction, claim: KeyClaim): Promise<Omit<BookedReservation, 'replayed'>> {
  const stored = await storedResponse<StoredBooking>(ctx.sequelize, t, claim);
  if (!stored) throw new AppError('conflict', 'A request with this Idempotency-Key is still running.', 409);
  if (stored.request_hash !== claim.requestHash) throw idempotencyMismatch();
  const reservation = openReservation(ctx.config.piiKey, stored.response_body!.reservation);
  return {
    status: stored.response_status ?? 201,
    body: { reservation, token: reservationTokenFor(ctx.config.sessionSecret, claim.scope, claim.key, reservation.id) },
  };
}
