import type { Reservation, ReservationPaymentStatus } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import type { Services } from '../../context';
import { models, type Reservation as ReservationRow } from '../../models';
import { appendEvent } from '../events/eventLog';
import type { StoredEvent } from '../events/storedEvent';
import { DEPOSIT_REFUND, type DepositRefundJob } from './depositJobs';
import { reservationOfRow } from './reservation.presenter';
import { sealReservation } from './reservationSecrets';
import { refundableCharges } from './reservations.sql';

type Db = Pick<Services, 'sequelize' | 'config'>;

/**
 * The booking, locked for the rest of the transaction; null when there is none. A waitlist offer's
 * hold (status `held`) is no booking yet: nobody reads, changes or cancels it as one.
 */
export async function lockReservation(s: Pick<Services, 'sequelize'>, t: Transaction, id: string): Promise<ReservationRow | null> {
  const row = await models(s.sequelize).Reservation.findByPk(id, { transaction: t, lock: t.LOCK.UPDATE });
  return row && (row.status as string) !== 'held' ? row : null;
}

/** The tables a booking holds, or held once it is over or cancelled. */
export async function tableIdsOf(s: Pick<Services, 'sequelize'>, t: Transaction | undefined, reservationId: string): Promise<string[]> {
  const holds = await models(s.sequelize).ReservationTable.findAll({ where: { reservationId }, attributes: ['tableId'], transaction: t });
  return holds.map((h) => h.tableId);
}

/** Where the deposit stands, from the booking's sums and whether a card charge still waits for its capture. */
export function paymentStatusOf(paidCents: number, refundedCents: number, capturePending: boolean): ReservationPaymentStatus {
  if (paidCents === 0) return 'none';
  if (refundedCents >= paidCents) return 'refunded';
  if (refundedCents > 0) return 'partially_refunded';
  return capturePending ? 'pending' : 'paid';
}

/**
 * Saves a change of a locked booking with its version one up, and commits the
 * `reservation.updated` event (staff only, contact sealed) with it. Returns the booking as its
 * guest and staff see it.
 */
export async function commitReservation(
  s: Db,
  t: Transaction,
  emit: (e: StoredEvent) => void,
  row: ReservationRow,
  changes: Partial<
    Pick<
      ReservationRow,
      'status' | 'startsAt' | 'endsAt' | 'partySize' | 'depositCents' | 'paidCents' | 'refundedCents' | 'paymentStatus' | 'remindedAt'
    >
  >,
): Promise<Reservation> {
  await row.update({ ...changes, version: row.version + 1, updatedAt: new Date() }, { transaction: t });
  const reservation = reservationOfRow(s.config.piiKey, row, await tableIdsOf(s, t, row.id));
  const sealed = sealReservation(s.config.piiKey, { ...reservation, guest: reservation.guest! });
  emit(await appendEvent(s.sequelize, t, { restaurantId: row.restaurantId, type: 'reservation.updated', data: sealed }));
  return reservation;
}

/** The booking's tables are free again for its time (cancelled, no-show). */
export async function freeTables(s: Pick<Services, 'sequelize'>, t: Transaction, reservationId: string): Promise<void> {
  await models(s.sequelize).ReservationTable.update({ active: false }, { where: { reservationId, active: true }, transaction: t });
}

/**
 * Books the refund of `amountCents` of a locked booking's deposit: spread over its charges, latest
 * first, each up to what is still unrefunded of it (a top-up is a charge of its own, with its own
 * authorization). A card's share is paid by its `deposit.refund` job, queued here; a room's is a
 * credit on the room bill, settled at once. The caller adds the amount to refundedCents (the
 * CHECK keeps it within what was paid).
 */
export async function refundDeposit(
  s: Pick<Services, 'sequelize' | 'jobs'>,
  t: Transaction,
  reservationId: string,
  amountCents: number,
): Promise<void> {
  const { Payment } = models(s.sequelize);
  let left = amountCents;
  for (const c of await refundableCharges(s.sequelize, t, { reservationId })) {
    if (left <= 0) break;
    const share = Math.min(left, c.refundable_cents);
    if (share <= 0) continue;
    left -= share;
    const byCard = c.method === 'card' && c.processor_ref !== null;
    const refund = await Payment.create(
      {
        reservationId,
        method: c.method,
        kind: 'refund',
        refundOf: c.id,
        amountCents: share,
        processorRef: c.processor_ref,
        roomStayId: c.room_stay_id,
        status: byCard ? 'pending' : 'settled',
        settledAt: byCard ? null : new Date(),
      },
      { transaction: t },
    );
    if (byCard) await s.jobs.enqueue<DepositRefundJob>(t, DEPOSIT_REFUND, { paymentId: refund.id }, { singletonKey: refund.id });
  }
  if (left > 0) throw new Error(`a refund of ${amountCents} exceeds what booking ${reservationId} has left to refund`);
}
