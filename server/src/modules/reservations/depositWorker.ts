import { Op } from 'sequelize';
import { inTransaction, type Services } from '../../context';
import { models } from '../../models';
import { ProcessorError } from '../payments/processor';
import {
  DEPOSIT_CAPTURE,
  DEPOSIT_REFUND,
  DEPOSIT_VOID,
  depositPolicy,
  type DepositCaptureJob,
  type DepositRefundJob,
  type DepositVoidJob,
} from './depositJobs';
import { offerFreedStay } from '../waitlist/waitlistOffers';
import { cancelPreorder } from './preorder';
import { commitReservation, freeTables, lockReservation, paymentStatusOf } from './reservationRecord';

/** Works the deposit jobs on this node (every node does). */
export async function workDepositJobs(s: Services): Promise<void> {
  const expire = s.config.jobExpireSeconds;
  await s.jobs.work<DepositCaptureJob>(DEPOSIT_CAPTURE, depositPolicy(expire, 2), (job) => captureDeposit(s, job.paymentId));
  await s.jobs.work<DepositRefundJob>(DEPOSIT_REFUND, depositPolicy(expire, 1), (job) => refundDepositPayment(s, job.paymentId));
  await s.jobs.work<DepositVoidJob>(DEPOSIT_VOID, depositPolicy(expire, 1), (job) => voidUnusedDeposit(s, job));
}

/**
 * Captures a committed deposit charge, once (the processor's idempotency key is the row's id).
 * A transient failure throws and the job is retried. Once captured, a booking whose deposit was
 * `pending` is `paid` (its guest and the host stand see it: an event). A refusal voids the
 * authorization and undoes the charge (refusedCapture).
 */
export async function captureDeposit(s: Services, paymentId: string): Promise<void> {
  const { Payment } = models(s.sequelize);
  const charge = await Payment.findByPk(paymentId);
  if (!charge?.reservationId || charge.status !== 'pending' || !charge.processorRef) return;
  try {
    await s.payments.capture(charge.processorRef, charge.amountCents, charge.id);
  } catch (err) {
    if (!(err instanceof ProcessorError)) throw err;
    await s.payments.void(charge.processorRef);
    await refusedCapture(s, charge.reservationId, charge.id);
    return;
  }
  const reservationId = charge.reservationId;
  await inTransaction(s, async (t, emit) => {
    const row = await lockReservation(s, t, reservationId);
    const [settled] = await Payment.update(
      { status: 'settled', settledAt: new Date() },
      { where: { id: paymentId, status: 'pending' }, transaction: t },
    );
    if (!row || settled === 0) return; // a racing run of this job recorded it
    const stillPending = await Payment.count({ where: { reservationId, kind: 'charge', status: 'pending' }, transaction: t });
    const paymentStatus = paymentStatusOf(row.paidCents, row.refundedCents, stillPending > 0);
    if (paymentStatus !== row.paymentStatus) await commitReservation(s, t, emit, row, { paymentStatus });
  });
}

/**
 * The processor refused a deposit's capture: no money moved. The charge and the refunds waiting
 * on it are void and leave the booking's sums; a booking still ahead without its deposit is
 * cancelled, its tables freed (a deposit the rules asked for was never paid).
 */
async function refusedCapture(s: Services, reservationId: string, chargeId: string): Promise<void> {
  const { Payment } = models(s.sequelize);
  await inTransaction(s, async (t, emit) => {
    const row = await lockReservation(s, t, reservationId);
    if (!row) return;
    const charge = await Payment.findByPk(chargeId, { transaction: t });
    const [voided] = await Payment.update(
      { status: 'void', settledAt: new Date() },
      { where: { id: chargeId, status: 'pending' }, transaction: t },
    );
    if (voided === 0 || !charge) return; // a racing run of this job recorded it
    const refunds = await Payment.findAll({ where: { refundOf: chargeId, status: { [Op.ne]: 'void' } }, transaction: t });
    await Payment.update({ status: 'void', settledAt: new Date() }, { where: { refundOf: chargeId, status: 'pending' }, transaction: t });
    const paidCents = row.paidCents - charge.amountCents;
    const refundedCents = row.refundedCents - refunds.reduce((sum, r) => sum + r.amountCents, 0);
    const stillPending = await Payment.count({ where: { reservationId, kind: 'charge', status: 'pending' }, transaction: t });
    const cancel = row.status === 'booked';
    if (cancel) {
      await freeTables(s, t, row.id);
      await cancelPreorder({ ...s, actor: { kind: 'anonymous' } }, t, row, emit);
      await offerFreedStay(s, t, row);
    }
    await commitReservation(s, t, emit, row, {
      ...(cancel ? { status: 'cancelled' as const } : {}),
      paidCents,
      refundedCents,
      paymentStatus: paymentStatusOf(paidCents, refundedCents, stillPending > 0),
    });
    s.logger.warn({ reservationId, paymentId: chargeId }, 'deposit capture refused by the processor');
  });
}

/**
 * Pays a deposit refund's card share, once (idempotency key: the refund's row id). It follows its
 * charge's capture: while that is pending the job is retried; a charge whose capture was refused
 * gave nothing, so there is nothing to give back.
 */
export async function refundDepositPayment(s: Services, paymentId: string): Promise<void> {
  const { Payment } = models(s.sequelize);
  const refund = await Payment.findByPk(paymentId);
  if (!refund?.refundOf || refund.status !== 'pending' || !refund.processorRef) return;
  const charge = await Payment.findByPk(refund.refundOf);
  if (charge?.status === 'pending') throw new Error('the deposit is not captured yet; its refund follows the capture');
  if (charge?.status === 'void') {
    await Payment.update({ status: 'void', settledAt: new Date() }, { where: { id: refund.id, status: 'pending' } });
    return;
  }
  await s.payments.refund(refund.processorRef, refund.amountCents, refund.id);
  await Payment.update({ status: 'settled', settledAt: new Date() }, { where: { id: refund.id, status: 'pending' } });
}

/** The fallback for an authorization whose booking or change never committed: its charge row is what owns it. */
export async function voidUnusedDeposit(s: Services, job: DepositVoidJob): Promise<void> {
  const charge = await models(s.sequelize).Payment.findByPk(job.paymentId);
  if (charge?.processorRef === job.authorizationId) return;
  await s.payments.void(job.authorizationId);
}
