import type { BookingPolicy, CancellationQuote, MyReservationsResponse, Refund, Reservation } from '@dinewire/protocol';
import { Op, type Transaction } from 'sequelize';
import { type Ctx, inTransaction, type Services } from '../../context';
import { invalidTransition, notFound, versionConflict } from '../../errors';
import { models, type Reservation as ReservationRow } from '../../models';
import { authorize } from '../../policies';
import type { Actor } from '../../policies/actor';
import type { StoredEvent } from '../events/storedEvent';
import { presentRestaurantRef } from '../restaurants/restaurant.presenter';
import { bookingPolicyOf, DEFAULT_NO_SHOW_GRACE_MINUTES } from './bookingRules';
import { offerFreedStay } from '../waitlist/waitlistOffers';
import { cancelPreorder } from './preorder';
import { reservationOfRow } from './reservation.presenter';
import { accessOf } from './reservationAccess';
import { commitReservation, freeTables, lockReservation, paymentStatusOf, refundDeposit, tableIdsOf } from './reservationRecord';

type Terms = Pick<BookingPolicy, 'freeCancelHours' | 'lateCancelFeePercent' | 'noShowFeePercent'>;
/** A restaurant whose rules no longer parse keeps nothing of a deposit. */
const NO_FEES: Terms = { freeCancelHours: 0, lateCancelFeePercent: 0, noShowFeePercent: 0 };

/** The restaurant's booking rules, or null when they no longer parse (then nothing of a deposit is kept). */
async function policyOf(s: Pick<Services, 'sequelize'>, t: Transaction | undefined, restaurantId: string): Promise<BookingPolicy | null> {
  const r = await models(s.sequelize).Restaurant.findByPk(restaurantId, { attributes: ['cancellationPolicy'], transaction: t });
  return r ? bookingPolicyOf(r.cancellationPolicy) : null;
}

async function termsOf(s: Pick<Services, 'sequelize'>, t: Transaction | undefined, restaurantId: string): Promise<Terms> {
  return (await policyOf(s, t, restaurantId)) ?? NO_FEES;
}

/** Whatever is still held of the deposit: what any refund is taken from (never more, the CHECK agrees). */
const heldCents = (row: ReservationRow) => row.paidCents - row.refundedCents;

/** Free before `freeUntil` (startsAt − freeCancelHours); from it on the late fee's share is kept. */
export function cancellationTerms(terms: Terms, row: ReservationRow, now: Date, waiveFee = false): { freeUntil: Date; refund: Refund } {
  const freeUntil = new Date(row.startsAt.getTime() - terms.freeCancelHours * 3_600_000);
  const held = heldCents(row);
  const feeCents = waiveFee || now < freeUntil ? 0 : Math.round((held * terms.lateCancelFeePercent) / 100);
  return { freeUntil, refund: { amountCents: held - feeCents, feeCents } };
}

/** A booking the caller may see (404 for anyone else), read outside any transaction. */
async function readVisible(ctx: Ctx, id: string, token: string | undefined): Promise<ReservationRow> {
  const row = await models(ctx.sequelize).Reservation.findByPk(id);
  // A waitlist offer's hold is not a booking until accepted.
  if (!row || (row.status as string) === 'held') throw notFound('Reservation');
  authorize(ctx.actor, 'reservation.read', accessOf(ctx, row, token));
  return row;
}

/** `GET /reservations/:id`: the booking with its guest's contact, to its guest and its restaurant's hosts and managers. */
export async function readReservation(ctx: Ctx, p: { id: string; token?: string }): Promise<Reservation> {
  const row = await readVisible(ctx, p.id, p.token);
  return reservationOfRow(ctx.config.piiKey, row, await tableIdsOf(ctx, undefined, row.id));
}

/** `GET /reservations/:id/cancellation`: what cancelling now would keep and pay back, by the same rule as cancelling. */
export async function quoteCancellation(ctx: Ctx, p: { id: string; token?: string }, now = new Date()): Promise<CancellationQuote> {
  const row = await readVisible(ctx, p.id, p.token);
  if (row.status !== 'booked') throw invalidTransition(`The booking is ${row.status}; it can no longer be cancelled.`);
  const terms = await termsOf(ctx, undefined, row.restaurantId);
  const { freeUntil, refund } = cancellationTerms(terms, row, now);
  return {
    policy: {
      freeCancelHours: terms.freeCancelHours,
      lateCancelFeePercent: terms.lateCancelFeePercent,
      noShowFeePercent: terms.noShowFeePercent,
    },
    freeUntil: freeUntil.toISOString(),
    paidCents: heldCents(row),
    refund,
  };
}

function checkVersion(row: ReservationRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw versionConflict('booking', row.version);
  }
}

/**
 * Cancels a booking still ahead: its guest or its restaurant's hosts and managers. Before the
 * cutoff the whole deposit comes back; from it on the late fee's share is kept (staff may waive
 * it). The refund is booked here and paid by its jobs; the tables are free at once.
 */
export async function cancelReservation(
  ctx: Ctx,
  p: { id: string; token?: string; version?: number; waiveFee?: boolean },
  now = new Date(),
): Promise<{ reservation: Reservation; refund: Refund }> {
  return inTransaction(ctx, async (t, emit) => {
    const row = await lockReservation(ctx, t, p.id);
    if (!row) throw notFound('Reservation');
    authorize(ctx.actor, 'reservation.cancel', accessOf(ctx, row, p.token));
    if (p.waiveFee) authorize(ctx.actor, 'reservation.waiveFee', { restaurantId: row.restaurantId });
    checkVersion(row, p.version);
    if (row.status !== 'booked') throw invalidTransition(`The booking is ${row.status}; it can no longer be cancelled.`);
    const { refund } = cancellationTerms(await termsOf(ctx, t, row.restaurantId), row, now, p.waiveFee);
    const reservation = await closeBooking(ctx, t, emit, row, { status: 'cancelled', refundCents: refund.amountCents, actor: ctx.actor });
    return { reservation, refund };
  });
}

/** `POST /reservations/:id/no-show`: the host stand marks a party that did not come, once its start has passed. */
export async function markNoShow(
  ctx: Ctx,
  p: { id: string; token?: string; version?: number },
  now = new Date(),
): Promise<{ reservation: Reservation; refund: Refund }> {
  return inTransaction(ctx, async (t, emit) => {
    const row = await lockReservation(ctx, t, p.id);
    if (!row) throw notFound('Reservation');
    authorize(ctx.actor, 'reservation.markNoShow', accessOf(ctx, row, p.token));
    checkVersion(row, p.version);
    if (row.status !== 'booked') throw invalidTransition(`The booking is ${row.status}; only a booking not yet seated can be a no-show.`);
    if (now < row.startsAt) throw invalidTransition('The booking has not started yet.');
    return noShow(ctx, t, emit, row, ctx.actor);
  });
}

/**
 * The automatic no-show (reservationJobs): the booking still `booked`, still starting when the
 * job was queued for, and its grace over. Does nothing otherwise, so a second run changes nothing.
 */
export async function markNoShowBy(s: Services, b: { reservationId: string; startsAt: Date }, now = new Date()): Promise<boolean> {
  return inTransaction(s, async (t, emit) => {
    const row = await lockReservation(s, t, b.reservationId);
    if (!row || row.status !== 'booked' || row.startsAt.getTime() !== b.startsAt.getTime()) return false;
    const policy = await policyOf(s, t, row.restaurantId);
    const grace = (policy?.noShowGraceMinutes ?? DEFAULT_NO_SHOW_GRACE_MINUTES) * 60_000;
    if (now.getTime() < row.startsAt.getTime() + grace) return false;
    // No one marked it: the clock did (as the counter sweep releases unpaid orders).
    await noShow(s, t, emit, row, { kind: 'anonymous' });
    return true;
  });
}

async function noShow(
  s: Services,
  t: Transaction,
  emit: (e: StoredEvent) => void,
  row: ReservationRow,
  actor: Actor,
): Promise<{ reservation: Reservation; refund: Refund }> {
  const terms = await termsOf(s, t, row.restaurantId);
  const held = heldCents(row);
  const feeCents = Math.round((held * terms.noShowFeePercent) / 100);
  const reservation = await closeBooking(s, t, emit, row, { status: 'no_show', refundCents: held - feeCents, actor });
  return { reservation, refund: { amountCents: held - feeCents, feeCents } };
}

/**
 * Ends a locked booking as cancelled or no-show: the refund booked (card by job, room by credit),
 * the tables free again for its time, the change committed with its event.
 */
async function closeBooking(
  s: Pick<Services, 'sequelize' | 'config' | 'jobs'>,
  t: Transaction,
  emit: (e: StoredEvent) => void,
  row: ReservationRow,
  c: { status: 'cancelled' | 'no_show'; refundCents: number; actor: Actor },
): Promise<Reservation> {
  if (c.refundCents > 0) await refundDeposit(s, t, row.id, c.refundCents);
  // Dishes held for a party that is not coming go back on the menu.
  await cancelPreorder({ ...s, actor: c.actor }, t, row, emit);
  const refundedCents = row.refundedCents + c.refundCents;
  const capturePending = row.paymentStatus === 'pending';
  await freeTables(s, t, row.id);
  // The freed tables go to the first guest waiting that day who fits, by a job after commit.
  await offerFreedStay(s, t, row);
  return commitReservation(s, t, emit, row, {
    status: c.status,
    refundedCents,
    paymentStatus: paymentStatusOf(row.paidCents, refundedCents, capturePending),
  });
}

/** `GET /me/reservations`: the signed-in guest's bookings, the latest start first, and the restaurants they are at. */
export async function listMyReservations(ctx: Ctx): Promise<MyReservationsResponse> {
  authorize(ctx.actor, 'reservation.listMine', {});
  if (ctx.actor.kind !== 'user') return { reservations: [], restaurants: [] };
  const m = models(ctx.sequelize);
  const rows = await m.Reservation.findAll({
    where: { userId: ctx.actor.id, status: { [Op.ne]: 'held' } },
    include: [{ model: m.ReservationTable, as: 'holds', attributes: ['tableId'] }],
    order: [
      ['startsAt', 'DESC'],
      ['id', 'ASC'],
    ],
  });
  const reservations = rows.map((r) =>
    reservationOfRow(
      ctx.config.piiKey,
      r,
      (r.holds ?? []).map((h) => h.tableId),
    ),
  );
  const restaurants = await m.Restaurant.findAll({ where: { id: [...new Set(rows.map((r) => r.restaurantId))] }, order: [['id', 'ASC']] });
  return { reservations, restaurants: restaurants.map(presentRestaurantRef) };
}
