import crypto from 'node:crypto';
import {
  depositFor,
  type BookingPolicy,
  type Locale,
  type WaitlistAccept,
  type WaitlistAcceptResponse,
  type WaitlistEntry,
  type WaitlistJoin,
  type WaitlistJoinResponse,
} from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { AppError, conflict, invalidTransition, notFound } from '../../errors';
import { encryptPii } from '../../lib/pii';
import { models, type WaitlistEntry as EntryRow } from '../../models';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import type { StoredEvent } from '../events/storedEvent';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { countRoomMiss, decideRoomCharge } from '../orders/roomCharge';
import { bookingPolicyOf, checkPartySize, stayMinutesFor } from '../reservations/bookingRules';
import { DepositCard, releaseUnlessCharged } from '../reservations/depositCard';
import { depositRequired, recordDepositCharge } from '../reservations/deposits';
import { daysBetween, localDate } from '../reservations/localTime';
import { reservationOfRow } from '../reservations/reservation.presenter';
import { scheduleBookingJobs } from '../reservations/reservationJobs';
import { reservationTokenFor, reservationTokenHash, sealReservation } from '../reservations/reservationSecrets';
import { readBookingDay } from '../reservations/reservations.sql';
import { estimateWaits } from './waitEstimate';
import { entryOfRow } from './waitlist.presenter';
import { bookHold, lockLine, overstayingTables } from './waitlist.sql';
import { emitEntry, endOffer, offerFreeTables, positionOf } from './waitlistOffers';
import { newWaitlistToken, tokenMatches, waitlistTokenHash } from './waitlistSecrets';

/*
 * The waitlist (API10 "Owner wait"). Routes: waitlist.routes.ts. How an offer holds its table:
 * the offer job (waitlistOffers.ts) inserts a reservation of status `held` with its
 * reservation_tables rows for the offered slot, so every reader of holds (availability, booking,
 * walk-ins, changes) sees the tables taken and the exclusion constraint refuses any overlapping
 * hold, exactly as between two bookings. Accepting turns that row into the booking (status
 * `booked`, a token of its own, 'reservation.created'); expiry and cancelling delete it. Every
 * change to one date's line runs under one advisory lock (lockLine), so offers, expiries,
 * accepts and cancels of a line happen one at a time across nodes.
 */

type Guest = NonNullable<WaitlistEntry['guest']>;
type Emit = (e: StoredEvent) => void;

/** A seated party past its booked end is expected to leave this soon. */
const OVERSTAY_MINUTES = 5;

export const offerExpired = () => new AppError('offer_expired', 'This offer has expired; the table went to the next guest in line.', 409);

/**
 * Joins a restaurant's line for a date (its today through its booking horizon). A host's entry
 * is a walk-in. What is free right now is offered at once, in the same transaction, so a guest
 * joining a line with a table free does not wait for the next table to come free.
 */
export async function joinWaitlist(
  ctx: Ctx,
  q: { restaurantId: string; body: WaitlistJoin; lang: Locale },
  now = new Date(),
): Promise<WaitlistJoinResponse> {
  const { body } = q;
  authorize(ctx.actor, 'waitlist.join', { restaurantId: q.restaurantId });
  const m = models(ctx.sequelize);
  const restaurant = await m.Restaurant.findByPk(q.restaurantId, { attributes: ['id', 'timeZone', 'cancellationPolicy'] });
  if (!restaurant) throw notFound('Restaurant');
  const policy = bookingPolicyOf(restaurant.cancellationPolicy);
  if (!policy) throw invalidTransition('This restaurant takes no bookings, so it keeps no waitlist.');
  checkPartySize(policy, body.partySize);
  const ahead = daysBetween(localDate(now, restaurant.timeZone), body.date);
  if (ahead < 0 || ahead > policy.bookingHorizonDays) {
    throw new AppError('validation', `date: from today to ${policy.bookingHorizonDays} days ahead`, 400, [
      { field: 'date', message: `from the restaurant's today to ${policy.bookingHorizonDays} days ahead` },
    ]);
  }
  const token = newWaitlistToken();
  const key = ctx.config.piiKey;
  return inTransaction(ctx, async (t, emit) => {
    await lockLine(ctx.sequelize, t, { restaurantId: q.restaurantId, date: body.date });
    const entry = await m.WaitlistEntry.create(
      {
        restaurantId: q.restaurantId,
        partySize: body.partySize,
        date: body.date,
        fromTime: body.from ?? null,
        toTime: body.to ?? null,
        nameEnc: encryptPii(key, body.name)!,
        phoneEnc: encryptPii(key, body.phone)!,
        emailEnc: encryptPii(key, body.email)!,
        notes: body.notes || null,
        lang: q.lang,
        // A host adding a party to today's line: a walk-in; a caller on the phone for another day is not.
        walkIn: ahead === 0 && can(ctx.actor, 'waitlist.addWalkIn', { restaurantId: q.restaurantId }),
        userId: can(ctx.actor, 'reservation.linkAccount', {}) && ctx.actor.kind === 'user' ? ctx.actor.id : null,
        tokenHash: waitlistTokenHash(ctx.config.sessionSecret, token),
      },
      { transaction: t },
    );
    await entry.reload({ transaction: t });
    await emitEntry(ctx, t, emit, entry);
    await offerFreeTables(ctx, t, emit, { restaurantId: q.restaurantId, date: body.date }, now);
    await entry.reload({ transaction: t });
    const position = entry.status === 'waiting' ? await positionOf(ctx, t, entry) : null;
    return { entry: entryOfRow(key, entry, { position }), token };
  });
}

/** The entry behind an id, for its guest (token or account) or the host stand; anyone else: 404. */
async function entryFor(ctx: Ctx, id: string, token: string | undefined, t?: Transaction): Promise<EntryRow> {
  const entry = await models(ctx.sequelize).WaitlistEntry.findByPk(id, t ? { transaction: t, lock: t.LOCK.UPDATE } : {});
  if (!entry) throw notFound('Waitlist entry');
  authorize(ctx.actor, 'waitlist.entry', {
    entry: { restaurantId: entry.restaurantId, userId: entry.userId ?? null },
    tokenMatches: tokenMatches(ctx.config.sessionSecret, entry.tokenHash, token),
  });
  return entry;
}

/** `GET /waitlist/:id`: the entry with its place in line and expected wait. */
export async function readEntry(ctx: Ctx, q: { id: string; token?: string }, now = new Date()): Promise<WaitlistEntry> {
  const entry = await entryFor(ctx, q.id, q.token);
  const line = await presentLine(ctx, { restaurantId: entry.restaurantId, date: entry.date }, now);
  return line.find((e) => e.id === entry.id) ?? entryOfRow(ctx.config.piiKey, entry);
}

/** `GET /restaurants/:id/waitlist`: a date's line (the restaurant's today by default), in join order. */
export async function listWaitlist(ctx: Ctx, q: { restaurantId: string; date?: string }, now = new Date()): Promise<WaitlistEntry[]> {
  authorize(ctx.actor, 'waitlist.list', { restaurantId: q.restaurantId });
  const restaurant = await models(ctx.sequelize).Restaurant.findByPk(q.restaurantId, { attributes: ['id', 'timeZone'] });
  if (!restaurant) throw notFound('Restaurant');
  return presentLine(ctx, { restaurantId: q.restaurantId, date: q.date ?? localDate(now, restaurant.timeZone) }, now);
}

/**
 * Every entry of a line, presented: waiting ones with their position and, on the restaurant's
 * today, the minutes until a fitting table is expected free (waitEstimate).
 */
async function presentLine(ctx: Ctx, line: { restaurantId: string; date: string }, now: Date): Promise<WaitlistEntry[]> {
  const rows = await models(ctx.sequelize).WaitlistEntry.findAll({
    where: { restaurantId: line.restaurantId, date: line.date },
    order: [
      ['createdAt', 'ASC'],
      ['id', 'ASC'],
    ],
  });
  const waiting = rows.filter((r) => r.status === 'waiting');
  let waits: (number | null)[] = waiting.map(() => null);
  const day = waiting.length ? await readBookingDay(ctx.sequelize, line) : null;
  const policy = day && bookingPolicyOf(day.policy);
  if (day && policy && localDate(now, day.timeZone) === line.date) {
    const live = day.holds.filter((h) => h.to.getTime() > now.getTime());
    const soon = new Date(now.getTime() + OVERSTAY_MINUTES * 60_000);
    for (const tableId of await overstayingTables(ctx.sequelize, { restaurantId: line.restaurantId, now })) {
      live.push({ tableId, from: now, to: soon });
    }
    waits = estimateWaits(
      day.tables,
      live,
      waiting.map((e) => ({ partySize: e.partySize, stayMinutes: stayMinutesFor(policy, e.partySize) })),
      now,
    );
  }
  return rows.map((r) => {
    const i = waiting.indexOf(r);
    return entryOfRow(ctx.config.piiKey, r, { position: i >= 0 ? i + 1 : null, estimatedWaitMinutes: i >= 0 ? waits[i] : null });
  });
}

/**
 * `POST /waitlist/:id/accept`: books the offered slot on the held tables, in one transaction with
 * the line locked: the held reservation becomes the booking (its tables were never free, so no
 * one else could take them), with its own token and a 'reservation.created' event. A deposit the
 * rules ask is paid as at booking (a card authorised before the transaction and captured by its
 * job, or the room's bill; none given: 402 deposit_required, the offer still standing), and the
 * reminder and the automatic no-show are queued as for any booking.
 */
export async function acceptOffer(
  ctx: Ctx,
  q: { id: string; body: WaitlistAccept; roomCharges: RoomChargeThrottle },
  now = new Date(),
): Promise<WaitlistAcceptResponse> {
  const { body } = q;
  const first = await entryFor(ctx, q.id, body.token);
  const card = body.paymentMethod === 'card' ? new DepositCard(ctx, crypto.randomUUID()) : null;
  try {
    // Nothing is authorised for an entry with no offer standing (the transaction refuses it).
    if (card && first.status === 'offered') {
      const terms = await depositTerms(ctx, first);
      if (terms.amountCents > 0) await card.authorize(terms.amountCents, terms.currency, body.card!);
    }
    const line = { restaurantId: first.restaurantId, date: first.date };
    const accepted = await inTransaction(ctx, (t, emit) => bookOffer(ctx, t, emit, { ...q, line, card }, now));
    await card?.fallbackQueued();
    // No deposit was asked after all (the rules changed meanwhile): the card is not charged.
    if (card?.authorization && accepted.reservation.payment !== 'pending') await card.release();
    return accepted;
  } catch (err) {
    await releaseUnlessCharged(ctx, card);
    await countRoomMiss(ctx, err, first.restaurantId);
    throw err;
  }
}

/** The deposit the restaurant's rules ask of the entry's party on its date (0 when none). */
async function depositTerms(
  ctx: Ctx,
  entry: EntryRow,
  t?: Transaction,
): Promise<{ amountCents: number; currency: string; timeZone: string; policy: BookingPolicy | null }> {
  const day = await readBookingDay(ctx.sequelize, { restaurantId: entry.restaurantId, date: entry.date }, t);
  const policy = day ? bookingPolicyOf(day.policy) : null;
  return {
    amountCents: depositFor(policy, entry.partySize, entry.date),
    currency: day?.currency ?? 'HKD',
    timeZone: day?.timeZone ?? 'UTC',
    policy,
  };
}

/**
 * In the line's lock: the held reservation becomes the booking, with its own token, the deposit
 * the rules ask paid as at booking, and its reminder and no-show check queued.
 */
async function bookOffer(
  ctx: Ctx,
  t: Transaction,
  emit: Emit,
  q: {
    id: string;
    body: WaitlistAccept;
    roomCharges: RoomChargeThrottle;
    line: { restaurantId: string; date: string };
    card: DepositCard | null;
  },
  now: Date,
): Promise<WaitlistAcceptResponse> {
  const { body, card } = q;
  await lockLine(ctx.sequelize, t, q.line);
  const entry = await entryFor(ctx, q.id, body.token, t);
  if (entry.status === 'expired') throw offerExpired();
  if (entry.status !== 'offered') throw invalidTransition(`This entry is ${entry.status}, with no offer to accept.`);
  if (entry.offerExpiresAt!.getTime() <= now.getTime()) throw offerExpired();
  const reservationId = entry.reservationId!;
  const terms = await depositTerms(ctx, entry, t);
  const m = models(ctx.sequelize);
  if (terms.amountCents > 0) {
    if (!body.paymentMethod) throw depositRequired(terms.amountCents);
    const auth = card?.authorization ?? null;
    if (card && (!auth || auth.amountCents !== terms.amountCents || auth.currency !== terms.currency)) {
      throw conflict('The deposit changed while the offer was being accepted; the card was not charged. Try again.');
    }
    const room = card
      ? null
      : await decideRoomCharge(ctx, t, q.roomCharges, {
          body: { restaurantId: entry.restaurantId, ...body },
          holdsRoomCharges: false,
          timeZone: terms.timeZone,
        });
    await recordDepositCharge(ctx, t, { reservationId, amountCents: terms.amountCents, card, roomStayId: room?.stayId ?? null });
    await m.Reservation.update(
      { depositCents: terms.amountCents, paidCents: terms.amountCents, paymentStatus: card ? 'pending' : 'paid' },
      { where: { id: reservationId }, transaction: t },
    );
  }
  const token = reservationTokenFor(ctx.config.sessionSecret, 'waitlist', entry.id, reservationId);
  if (!(await bookHold(ctx.sequelize, t, { reservationId, tokenHash: reservationTokenHash(ctx.config.sessionSecret, token) }))) {
    throw offerExpired();
  }
  await entry.update({ status: 'booked', version: entry.version + 1, updatedAt: now }, { transaction: t });
  const row = await m.Reservation.findByPk(reservationId, {
    include: [{ model: m.ReservationTable, as: 'holds', attributes: ['tableId'] }],
    transaction: t,
  });
  if (terms.policy) await scheduleBookingJobs(ctx, t, { reservationId, startsAt: row!.startsAt, policy: terms.policy }, now);
  const reservation = reservationOfRow(
    ctx.config.piiKey,
    row!,
    (row!.holds ?? []).map((h) => h.tableId),
  ) as ReturnType<typeof reservationOfRow> & { guest: Guest };
  emit(
    await appendEvent(ctx.sequelize, t, {
      restaurantId: entry.restaurantId,
      type: 'reservation.created',
      data: sealReservation(ctx.config.piiKey, reservation),
    }),
  );
  await emitEntry(ctx, t, emit, entry);
  return { entry: entryOfRow(ctx.config.piiKey, entry), reservation, token };
}

/**
 * `POST /waitlist/:id/cancel`: leaves the line. An offer standing is given up: its tables go to
 * the next in line at once. Cancelling twice answers the same; a booked entry is managed as the
 * booking it became.
 */
export async function cancelEntry(ctx: Ctx, q: { id: string; token?: string }, now = new Date()): Promise<WaitlistEntry> {
  const first = await entryFor(ctx, q.id, q.token);
  return inTransaction(ctx, async (t, emit) => {
    await lockLine(ctx.sequelize, t, { restaurantId: first.restaurantId, date: first.date });
    const entry = await entryFor(ctx, q.id, q.token, t);
    if (entry.status === 'booked') throw invalidTransition('This entry became a booking; cancel the booking instead.');
    if (entry.status === 'waiting' || entry.status === 'offered') {
      const wasOffered = entry.status === 'offered';
      await endOffer(ctx, t, emit, entry, 'cancelled');
      if (wasOffered) await offerFreeTables(ctx, t, emit, { restaurantId: entry.restaurantId, date: entry.date }, now);
    }
    return entryOfRow(ctx.config.piiKey, entry);
  });
}
