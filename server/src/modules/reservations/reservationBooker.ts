import crypto from 'node:crypto';
import { ALLERGENS, depositFor, type Allergen, type Reservation, type ReservationCreate } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { idempotencyMismatch, AppError, conflict, notFound, slotUnavailable } from '../../errors';
import { encryptPii } from '../../lib/pii';
import { models } from '../../models';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { keyClaim, type KeyClaim } from '../orders/idempotency';
import { storedResponse } from '../orders/orders.sql';
import { orderTokenFor } from '../orders/orderSecrets';
import { countRoomMiss, decideRoomCharge } from '../orders/roomCharge';
import { placePreorder } from './preorder';
import { freeCandidates, withinPacing } from './availability';
import { bookingPolicyOf, checkPartySize, ruleSlots } from './bookingRules';
import { DepositCard, releaseUnlessCharged, type DepositAuthorization } from './depositCard';
import { depositRequired, recordDepositCharge } from './deposits';
import { localDate } from './localTime';
import { scheduleBookingJobs } from './reservationJobs';
import {
  newConfirmationCode,
  openReservation,
  reservationTokenFor,
  reservationTokenHash,
  sealReservation,
  type SealedReservation,
} from './reservationSecrets';
import { answeredKey, claimKey, insertReservation, lockRestaurantHolds, readBookingDay, storeAnswer } from './reservations.sql';

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
 *
 * A deposit the rules ask for is paid in the same request, as an order is: a card is authorised
 * before the transaction (for the amount from a plain read of the rules; the transaction refuses
 * with 409 if it changed meanwhile) and captured after commit by its `deposit.capture` job; a room
 * charge is decided in the transaction (staff by name, a guest's device with the stay's PIN). The
 * reminder and the automatic no-show are queued with the booking.
 */
export async function bookTable(
  ctx: Ctx,
  props: { body: ReservationCreate; idempotencyKey: string; roomCharges?: RoomChargeThrottle },
  now = new Date(),
): Promise<BookedReservation> {
  const { body } = props;
  const claim = keyClaim(ctx.config.sessionSecret, ctx.actor, ctx.ip, props.idempotencyKey, body);
  const id = crypto.randomUUID();
  const card = body.paymentMethod === 'card' ? new DepositCard(ctx, crypto.randomUUID()) : null;
  try {
    if (card) await authorizeDeposit(ctx, card, body, claim);
    const result = await holdTable(ctx, props, claim, id, card, now);
    await card?.fallbackQueued();
    // A racing request with this key made the booking, with its own authorization.
    if (result.replayed) await card?.release();
    return result;
  } catch (err) {
    await releaseUnlessCharged(ctx, card);
    await countRoomMiss(ctx, err, body.restaurantId);
    throw err;
  }
}

/** Authorises the deposit the rules ask for now (none asked, none authorised), unless the key was answered already. */
async function authorizeDeposit(ctx: Ctx, card: DepositCard, body: ReservationCreate, claim: KeyClaim): Promise<void> {
  if (await answeredKey(ctx.sequelize, claim)) return;
  authorize(ctx.actor, 'reservation.create', { restaurantId: body.restaurantId });
  const startsAt = new Date(body.startsAt);
  const probe = await readBookingDay(ctx.sequelize, { restaurantId: body.restaurantId, from: startsAt, to: startsAt });
  const policy = probe && bookingPolicyOf(probe.policy);
  if (!probe || !policy) return; // the transaction answers it
  const amount = depositFor(policy, body.partySize, localDate(startsAt, probe.timeZone));
  if (amount > 0) await card.authorize(amount, probe.currency, body.card!);
}

/** The authorization holds exactly the deposit asked now; rules changed meanwhile are refused, never charged. */
function heldFor(auth: DepositAuthorization | null, amountCents: number, currency: string): DepositAuthorization {
  if (!auth || auth.amountCents !== amountCents || auth.currency !== currency) {
    throw conflict('The deposit changed while the booking was being made; the card was not charged. Book again.');
  }
  return auth;
}

async function holdTable(
  ctx: Ctx,
  props: { body: ReservationCreate; roomCharges?: RoomChargeThrottle },
  claim: KeyClaim,
  id: string,
  card: DepositCard | null,
  now: Date,
): Promise<BookedReservation> {
  const { body } = props;
  const db = ctx.sequelize;
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
    const depositCents = depositFor(policy, body.partySize, date);
    if (depositCents > 0 && !body.paymentMethod) throw depositRequired(depositCents);
    const auth = depositCents > 0 && card ? heldFor(card.authorization, depositCents, day.currency) : null;
    const room =
      depositCents > 0 && body.paymentMethod === 'room'
        ? await decideRoomCharge(ctx, t, props.roomCharges!, { body, holdsRoomCharges: false, timeZone: day.timeZone })
        : null;

    const userId = can(ctx.actor, 'reservation.linkAccount', {}) && ctx.actor.kind === 'user' ? ctx.actor.id : null;
    const allergies = await partyAllergies(ctx, t, body.allergies ?? [], userId);
    let preorderOrderId: string | null = null;
    if (body.preorder) {
      // Before the tables: a dish that cannot be had refuses the booking, and the transaction writes nothing.
      preorderOrderId = crypto.randomUUID();
      await placePreorder(ctx, t, emit, {
        orderId: preorderOrderId,
        // Derived like an order's, never answered: the guest reaches the pre-order through the booking (or their account).
        orderToken: orderTokenFor(ctx.config.sessionSecret, claim.scope, `${claim.key}:preorder`, preorderOrderId),
        restaurantId: body.restaurantId,
        lines: body.preorder,
        guestName: body.name,
        allergies,
      });
    }
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
      allergies,
      preorderOrderId,
    };
    const held = await holdFirstFree(ctx, t, row, freeCandidates(day.tables, day.holds, body.partySize, slot));
    if (!held) throw slotUnavailable();
    const payment = depositCents === 0 ? 'none' : auth ? 'pending' : 'paid';
    if (depositCents > 0) {
      const m = models(db);
      await m.Reservation.update({ depositCents, paidCents: depositCents, paymentStatus: payment }, { where: { id }, transaction: t });
      await recordDepositCharge(ctx, t, {
        reservationId: id,
        amountCents: depositCents,
        card: auth ? card : null,
        roomStayId: room?.stayId ?? null,
      });
    }
    await scheduleBookingJobs(ctx, t, { reservationId: id, startsAt, policy }, now);

    const reservation: Reservation = {
      id,
      restaurantId: body.restaurantId,
      code: held.code,
      status: 'booked',
      partySize: body.partySize,
      startsAt: startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      tableIds: [...held.tableIds].sort(),
      depositCents,
      notes: row.notes,
      payment,
      paidCents: depositCents,
      refundedCents: 0,
      allergies,
      preorderOrderId,
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
 * The party's allergies as the booking keeps them: those given with it and, booked signed in, the
 * guest account's profile ones, once each in ALLERGENS order.
 */
async function partyAllergies(ctx: Ctx, t: Transaction, given: Allergen[], userId: string | null): Promise<Allergen[]> {
  const profile = userId
    ? ((await models(ctx.sequelize).User.findByPk(userId, { attributes: ['allergies'], transaction: t }))?.allergies ?? [])
    : [];
  const all = new Set<string>([...given, ...profile]);
  return ALLERGENS.filter((a) => all.has(a));
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
export async function holdFirstFree(
  ctx: Ctx,
  t: Transaction,
  row: Omit<Parameters<typeof insertReservation>[2], 'code' | 'tableIds'>,
  candidates: string[][],
): Promise<{ code: string; tableIds: string[] } | null> {
  if (!candidates.length) return null;
  await lockRestaurantHolds(ctx.sequelize, t, row.restaurantId);
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
