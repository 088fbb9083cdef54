import crypto from 'node:crypto';
import { depositFor, type Reservation, type ReservationChange } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { AppError, conflict, invalidTransition, notFound, slotUnavailable, versionConflict } from '../../errors';
import { models, type Reservation as ReservationRow } from '../../models';
import { authorize, can } from '../../policies';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { countRoomMiss, decideRoomCharge, RoomChargeMiss } from '../orders/roomCharge';
import { offerFreedStay } from '../waitlist/waitlistOffers';
import { freeCandidates, withinPacing } from './availability';
import { bookingPolicyOf, checkPartySize, ruleSlots } from './bookingRules';
import { DepositCard, releaseUnlessCharged } from './depositCard';
import { depositRequired, recordDepositCharge } from './deposits';
import { localDate } from './localTime';
import { accessOf } from './reservationAccess';
import { scheduleBookingJobs } from './reservationJobs';
import { commitReservation, lockReservation, paymentStatusOf, refundDeposit } from './reservationRecord';
import { insertHolds, lockRestaurantHolds, readBookingDay } from './reservations.sql';

/**
 * Changes a booking's time, party size or both, all or nothing: its holds are given up and new
 * ones taken for the new stay in one transaction (smallest fitting tables first, the exclusion
 * constraint settling races), so a change no table can take rolls back to the booking exactly as
 * it was (409 slot_unavailable). Guests change until modifyUntilHours before the start, staff of
 * the restaurant any time while it is booked. A change whose rules now ask a larger deposit carries
 * the difference's payment (card authorised before the transaction, as at booking; or the room);
 * one asking less gives the difference back (by its refund jobs, as a cancellation does).
 * A new time re-queues the reminder and the no-show check; the stay given up is offered to the
 * day's waitlist.
 */
export async function changeReservation(
  ctx: Ctx,
  p: { id: string; body: ReservationChange; roomCharges: RoomChargeThrottle },
  now = new Date(),
): Promise<Reservation> {
  const card = p.body.paymentMethod === 'card' ? new DepositCard(ctx, crypto.randomUUID()) : null;
  let used = false;
  try {
    if (card) await authorizeTopUp(ctx, card, p, now);
    const reservation = await inTransaction(ctx, async (t, emit) => {
      const row = await lockReservation(ctx, t, p.id);
      if (!row) throw notFound('Reservation');
      const plan = await planChange(ctx, t, row, p, now);
      const topUp = plan.depositCents - held(row);
      let paidCents = row.paidCents;
      let capturePending = row.paymentStatus === 'pending';
      if (topUp > 0) {
        if (!p.body.paymentMethod) throw depositRequired(topUp);
        const auth = card ? card.authorization : null;
        if (card && (!auth || auth.amountCents !== topUp || auth.currency !== plan.currency)) {
          throw conflict('The deposit changed while the booking was being changed; the card was not charged. Try again.');
        }
        const room = card
          ? null
          : await decideRoomCharge(ctx, t, p.roomCharges, {
              body: { restaurantId: row.restaurantId, ...p.body },
              holdsRoomCharges: false,
              timeZone: plan.timeZone,
            });
        await recordDepositCharge(ctx, t, { reservationId: row.id, amountCents: topUp, card, roomStayId: room?.stayId ?? null });
        if (card) {
          used = true;
          capturePending = true;
        }
        paidCents += topUp;
      }
      // A smaller party, or a day with a lower rule: what is held beyond the deposit asked now goes back.
      const refundCents = topUp < 0 ? -topUp : 0;
      if (refundCents > 0) await refundDeposit(ctx, t, row.id, refundCents);
      await rehold(ctx, t, row, plan);
      // As it was (committing updates the row).
      const was = { restaurantId: row.restaurantId, startsAt: row.startsAt, partySize: row.partySize };
      const moved = plan.startsAt.getTime() !== was.startsAt.getTime();
      const reservation = await commitReservation(ctx, t, emit, row, {
        startsAt: plan.startsAt,
        endsAt: plan.endsAt,
        partySize: plan.partySize,
        depositCents: plan.depositCents,
        paidCents,
        refundedCents: row.refundedCents + refundCents,
        paymentStatus: paymentStatusOf(paidCents, row.refundedCents + refundCents, capturePending),
        ...(moved ? { remindedAt: null } : {}),
      });
      if (moved) await scheduleBookingJobs(ctx, t, { reservationId: row.id, startsAt: plan.startsAt, policy: plan.policy }, now);
      // The stay given up (another time, or fewer tables) may fit someone waiting that day: offered by a job after commit.
      if (moved || plan.partySize !== was.partySize) await offerFreedStay(ctx, t, was);
      return reservation;
    });
    await card?.fallbackQueued();
    if (!used) await card?.release();
    return reservation;
  } catch (err) {
    await releaseUnlessCharged(ctx, card);
    if (err instanceof RoomChargeMiss) {
      const row = await models(ctx.sequelize).Reservation.findByPk(p.id, { attributes: ['restaurantId'] });
      await countRoomMiss(ctx, err, row?.restaurantId);
    }
    throw err;
  }
}

const held = (row: ReservationRow) => row.paidCents - row.refundedCents;

interface Plan {
  startsAt: Date;
  endsAt: Date;
  partySize: number;
  depositCents: number;
  policy: NonNullable<ReturnType<typeof bookingPolicyOf>>;
  timeZone: string;
  currency: string;
}

/** Who may, whether it is still allowed, and the new stay the rules give (no tables yet): refused before anything is written. */
async function planChange(
  ctx: Ctx,
  t: Transaction | undefined,
  row: ReservationRow,
  p: { body: ReservationChange },
  now: Date,
): Promise<Plan> {
  authorize(ctx.actor, 'reservation.change', accessOf(ctx, row, p.body.token));
  if (p.body.version !== undefined && p.body.version !== row.version) {
    throw versionConflict('booking', row.version);
  }
  if (row.status !== 'booked') throw invalidTransition(`The booking is ${row.status}; it can no longer be changed.`);
  const probe = await readBookingDay(ctx.sequelize, { restaurantId: row.restaurantId, from: row.startsAt, to: row.startsAt }, t);
  const policy = probe && bookingPolicyOf(probe.policy);
  if (!probe || !policy) throw slotUnavailable('This restaurant takes no bookings.');
  const cutoff = row.startsAt.getTime() - policy.modifyUntilHours * 3_600_000;
  if (now.getTime() >= cutoff && !can(ctx.actor, 'reservation.changeLate', { restaurantId: row.restaurantId })) {
    throw new AppError(
      'too_late_to_change',
      `Bookings can be changed online until ${policy.modifyUntilHours} hours before they start; please call the restaurant.`,
      409,
    );
  }
  const startsAt = p.body.startsAt ? new Date(p.body.startsAt) : row.startsAt;
  const partySize = p.body.partySize ?? row.partySize;
  checkPartySize(policy, partySize);
  const date = localDate(startsAt, probe.timeZone);
  const slot = ruleSlots({ policy, openingHours: probe.openingHours, timeZone: probe.timeZone }, date, partySize, now).find(
    (s) => s.startsAt.getTime() === startsAt.getTime(),
  );
  if (!slot) throw slotUnavailable('This time is not one of the restaurant’s booking slots for this party (see its availability).');
  return {
    startsAt,
    endsAt: slot.endsAt,
    partySize,
    depositCents: depositFor(policy, partySize, date),
    policy,
    timeZone: probe.timeZone,
    currency: probe.currency,
  };
}

/**
 * Gives up the booking's holds and takes the first free candidate for the new stay, each try under
 * a savepoint (23P01: taken meanwhile, next one). None left: slot_unavailable, and the whole
 * transaction, the holds given up included, rolls back.
 */
async function rehold(ctx: Ctx, t: Transaction, row: ReservationRow, plan: Plan): Promise<void> {
  const db = ctx.sequelize;
  const { policy, startsAt, partySize } = plan;
  if (policy.coversPerSlot !== undefined) {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($key, 0))', {
      bind: { key: `reservation-slot:${row.restaurantId}:${startsAt.toISOString()}` },
      transaction: t,
    });
  }
  // One hold insert at a time per restaurant, as bookings take them (no deadlock with a booking).
  await lockRestaurantHolds(db, t, row.restaurantId);
  await models(db).ReservationTable.destroy({ where: { reservationId: row.id }, transaction: t });
  const day = await readBookingDay(db, { restaurantId: row.restaurantId, date: localDate(startsAt, plan.timeZone) }, t);
  if (!day) throw notFound('Restaurant');
  // This booking's own covers, as it stands before the change, do not count against itself.
  const own = day.booked.findIndex((b) => b.startsAt.getTime() === row.startsAt.getTime() && b.partySize === row.partySize);
  const others = own < 0 ? day.booked : day.booked.filter((_, i) => i !== own);
  if (!withinPacing(policy, others, partySize, startsAt)) throw slotUnavailable('This slot is fully booked.');
  for (const tableIds of freeCandidates(day.tables, day.holds, partySize, plan)) {
    try {
      await db.transaction({ transaction: t }, (sp) =>
        insertHolds(db, sp, { reservationId: row.id, restaurantId: row.restaurantId, tableIds, startsAt, endsAt: plan.endsAt }),
      );
      return;
    } catch (err) {
      if ((err as { original?: { code?: string } }).original?.code === '23P01') continue;
      throw err;
    }
  }
  throw slotUnavailable();
}

/** The top-up the change would ask now, from a plain read: authorised before the transaction (which checks it again). */
async function authorizeTopUp(ctx: Ctx, card: DepositCard, p: { id: string; body: ReservationChange }, now: Date): Promise<void> {
  const row = await models(ctx.sequelize).Reservation.findByPk(p.id);
  if (!row) throw notFound('Reservation');
  const plan = await planChange(ctx, undefined, row, p, now);
  const topUp = plan.depositCents - held(row);
  if (topUp > 0) await card.authorize(topUp, plan.currency, p.body.card!);
}
