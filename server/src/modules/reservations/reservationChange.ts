import crypto from 'node:crypto';
import type { Reservation, ReservationChange } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { AppError, conflict, invalidTransition, notFound, slotUnavailable } from '../../errors';
import { models, type Reservation as ReservationRow } from '../../models';
import { authorize, can } from '../../policies';
import { recordRoomMiss } from '../hotel/roomLocks';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { decideRoomCharge, RoomChargeMiss } from '../orders/roomCharge';
import { freeCandidates, withinPacing } from './availability';
import { bookingPolicyOf, checkPartySize, ruleSlots } from './bookingRules';
import { DepositCard } from './depositCard';
import { DEPOSIT_CAPTURE, type DepositCaptureJob } from './depositJobs';
import { depositFor, depositRequired } from './deposits';
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
 * A new time re-queues the reminder and the no-show check.
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
        const m = models(ctx.sequelize);
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
        await m.Payment.create(
          {
            ...(card ? { id: card.paymentId } : {}),
            reservationId: row.id,
            method: card ? 'card' : 'room',
            kind: 'charge',
            amountCents: topUp,
            processorRef: auth?.id ?? null,
            roomStayId: room?.stayId ?? null,
            status: card ? 'pending' : 'settled',
            settledAt: card ? null : new Date(),
          },
          { transaction: t },
        );
        if (card) {
          await ctx.jobs.enqueue<DepositCaptureJob>(t, DEPOSIT_CAPTURE, { paymentId: card.paymentId }, { singletonKey: row.id });
          used = true;
          capturePending = true;
        }
        paidCents += topUp;
      }
      // A smaller party, or a day with a lower rule: what is held beyond the deposit asked now goes back.
      const refundCents = topUp < 0 ? -topUp : 0;
      if (refundCents > 0) await refundDeposit(ctx, t, row.id, refundCents);
      await rehold(ctx, t, row, plan);
      const moved = plan.startsAt.getTime() !== row.startsAt.getTime();
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
      // Tables given up by a change may fit someone waiting: the lead wires the waitlist's offer
      // (restaurant row.restaurantId, the old stay) at merge.
      return reservation;
    });
    await card?.fallbackQueued();
    if (!used) await card?.release();
    return reservation;
  } catch (err) {
    await card?.fallbackQueued().catch(() => {});
    if (card?.authorization && !(await models(ctx.sequelize).Payment.findByPk(card.paymentId))) await card.release();
    if (err instanceof RoomChargeMiss && err.selfService) {
      const row = await models(ctx.sequelize).Reservation.findByPk(p.id, { attributes: ['restaurantId'] });
      if (row) {
        await recordRoomMiss(ctx, { roomNumber: err.roomNumber, restaurantId: row.restaurantId }).catch((e: unknown) =>
          ctx.logger.error({ err: e }, 'could not count a room-charge miss'),
        );
      }
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
    throw new AppError('version_conflict', `The booking changed meanwhile (version ${row.version} now); read it again.`, 409);
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
