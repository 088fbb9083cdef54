import { inTransaction, type Services } from '../../context';
import { models } from '../../models';
import { ProcessorError } from '../payments/processor';
import { cancelUncharged } from './orderCanceller';
import { findOrder } from './orderReader';
import { PAYMENT_CAPTURE, PAYMENT_REFUND, PAYMENT_VOID, paymentPolicy, type CaptureJob, type RefundJob, type VoidJob } from './paymentJobs';

/** Works the payment jobs on this node (every node does). */
export async function workPaymentJobs(s: Services): Promise<void> {
  // Captures follow every card order; refunds and fallback voids are rare.
  const expire = s.config.jobExpireSeconds;
  await s.jobs.work<CaptureJob>(PAYMENT_CAPTURE, paymentPolicy(expire, 4), (job) => captureOrderPayment(s, job.orderId));
  await s.jobs.work<RefundJob>(PAYMENT_REFUND, paymentPolicy(expire, 2), (job) => refundOrderPayment(s, job.paymentId));
  await s.jobs.work<VoidJob>(PAYMENT_VOID, paymentPolicy(expire, 1), (job) => voidUnplacedAuthorization(s, job));
}

/**
 * Captures a committed card order. The processor's idempotency key is the charge's row id, so a
 * retried or doubled job captures once. A transient failure throws and the job is retried; a
 * refusal (voided, expired, declined) voids the authorization and cancels the order, so an order
 * ends paid and captured, or voided and cancelled, never one without the other.
 */
export async function captureOrderPayment(s: Services, orderId: string): Promise<void> {
  const { Payment } = models(s.sequelize);
  const charge = await Payment.findOne({ where: { orderId, kind: 'charge', method: 'card' } });
  if (!charge || charge.status !== 'pending' || !charge.processorRef) return;
  try {
    await s.payments.capture(charge.processorRef, charge.amountCents, charge.id);
  } catch (err) {
    if (!(err instanceof ProcessorError)) throw err;
    await s.payments.void(charge.processorRef);
    await cancelUncapturedOrder(s, orderId, err.message);
    return;
  }
  // Nothing a screen shows changes (the order was `paid` from commit on): no event.
  await Payment.update({ status: 'settled', settledAt: new Date() }, { where: { id: charge.id, status: 'pending' } });
}

/**
 * The processor refused the capture: no money moved. The order is cancelled (stock of unstarted
 * items back, paymentStatus `void`), and a refund waiting for the capture is void too.
 */
async function cancelUncapturedOrder(s: Services, orderId: string, reason: string): Promise<void> {
  const { Order, Payment } = models(s.sequelize);
  await inTransaction(s, async (t, emit) => {
    const o = await findOrder(s.sequelize, orderId, t, true);
    if (!o) return;
    const [voided] = await Payment.update(
      { status: 'void', settledAt: new Date() },
      { where: { orderId, kind: 'charge', status: 'pending' }, transaction: t },
    );
    if (voided === 0) return; // a racing run of this job recorded it
    await Payment.update(
      { status: 'void', settledAt: new Date() },
      { where: { orderId, kind: 'refund', status: 'pending' }, transaction: t },
    );
    // A refund booked before the refusal gave nothing back: none is owed now.
    await Order.update({ refundedCents: 0 }, { where: { id: o.id }, transaction: t });
    await cancelUncharged(s, t, o, emit, { actor: { kind: 'anonymous' }, paymentStatus: 'void', note: `card capture refused: ${reason}` });
  });
}

/**
 * Pays a cancellation's card refund, once: the processor's idempotency key is the refund's row
 * id. It follows the capture: while the charge is still pending the job is retried; if the
 * capture was refused there is nothing to give back.
 */
export async function refundOrderPayment(s: Services, paymentId: string): Promise<void> {
  const { Payment } = models(s.sequelize);
  const refund = await Payment.findByPk(paymentId);
  if (!refund || refund.status !== 'pending' || !refund.processorRef) return;
  const charge = await Payment.findOne({ where: { orderId: refund.orderId, kind: 'charge' } });
  if (charge?.status === 'pending') throw new Error('the charge is not captured yet; the refund follows its capture');
  if (charge?.status === 'void') {
    await Payment.update({ status: 'void', settledAt: new Date() }, { where: { id: refund.id, status: 'pending' } });
    return;
  }
  await s.payments.refund(refund.processorRef, refund.amountCents, refund.id);
  await Payment.update({ status: 'settled', settledAt: new Date() }, { where: { id: refund.id, status: 'pending' } });
}

/** The fallback for an authorization whose order never committed (its node died, or the direct void failed). */
export async function voidUnplacedAuthorization(s: Services, job: VoidJob): Promise<void> {
  const o = await findOrder(s.sequelize, job.orderId);
  // Placed: the order's capture job owns the authorization.
  if (o?.processorRef === job.authorizationId) return;
  await s.payments.void(job.authorizationId);
}
