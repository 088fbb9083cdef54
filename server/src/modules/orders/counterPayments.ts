import { literal, Op } from 'sequelize';
import { type Ctx, inTransaction, type Services } from '../../context';
import { UNTIL_DONE } from '../../jobs/queue';
import { invalidTransition, notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import type { LoadedOrder } from './order.presenter';
import { cancelUncharged } from './orderCanceller';
import { commitOrderChange } from './orderChange';
import { findOrder } from './orderReader';

/** A host or manager takes a pay-at-counter order's payment: `due` becomes `paid`. */
export async function markCounterPaid(ctx: Ctx, props: { orderId: string }): Promise<LoadedOrder> {
  return inTransaction(ctx, async (t, emit) => {
    const o = await findOrder(ctx.sequelize, props.orderId, t, true);
    if (!o) throw notFound('Order');
    authorize(ctx.actor, 'order.markPaid', { restaurantId: o.restaurantId });
    if (o.paymentMethod !== 'counter' || o.paymentStatus !== 'due' || o.status === 'cancelled') {
      throw invalidTransition('Only an open pay-at-counter order that is still due can be marked paid.');
    }
    const m = models(ctx.sequelize);
    await m.Payment.create(
      { orderId: o.id, method: 'counter', kind: 'charge', amountCents: o.totalCents, status: 'settled', settledAt: new Date() },
      { transaction: t },
    );
    await m.Order.update({ paymentStatus: 'paid' }, { where: { id: o.id }, transaction: t });
    return commitOrderChange(ctx, t, o, emit);
  });
}

/** The job that lets an unpaid self-service counter order go once its time is up (queued when it is placed). */
export const ORDER_RELEASE_UNPAID = 'order.releaseUnpaid';
export interface ReleaseJob {
  orderId: string;
}
/** A release whose time is not up yet (the restaurant lengthened it, or clocks differ) looks again after this long. */
const RELEASE_RECHECK_SECONDS = 60;

/** Works the release jobs on this node (every node does); retried on failure, each release applied once. */
export async function workCounterReleases(s: Services): Promise<void> {
  const policy = { expireInSeconds: 60, retryDelaySeconds: 5, retryLimit: UNTIL_DONE, concurrency: 1 };
  await s.jobs.work<ReleaseJob>(ORDER_RELEASE_UNPAID, policy, async ({ orderId }) => {
    if ((await releaseUnpaidCounterOrder(s, orderId)) === 'early') {
      await s.jobs.send<ReleaseJob>(ORDER_RELEASE_UNPAID, { orderId }, { startAfter: RELEASE_RECHECK_SECONDS });
    }
  });
}

/** What releasing an unpaid counter order did: `early` when its time is not up yet (run it again then). */
export type CounterRelease = 'released' | 'early' | 'settled';

/**
 * The job run when an unpaid pay-at-counter order's time (its restaurant's `counter_payment_minutes`
 * after placing, by the database's clock) is up: cancels it and gives its stock back, so stock is
 * never held by nobody. Only while it is still unpaid, on the counter, and not started by the
 * kitchen; otherwise (paid, started, cancelled, already released, gone) it is `settled` and does
 * nothing, so running it twice is running it once.
 */
export async function releaseUnpaidCounterOrder(services: Services, orderId: string): Promise<CounterRelease> {
  const m = models(services.sequelize);
  return inTransaction(services, async (t, emit) => {
    const o = await findOrder(services.sequelize, orderId, t, true);
    if (!o || o.paymentMethod !== 'counter' || o.paymentStatus !== 'due' || o.status !== 'placed') return 'settled';
    const items = await m.OrderItem.findAll({ attributes: ['status'], where: { orderId }, transaction: t });
    if (items.some((i) => i.status !== 'queued')) return 'settled';
    const restaurant = await m.Restaurant.findByPk(o.restaurantId, { attributes: ['counterPaymentMinutes'], transaction: t });
    const minutes = Math.trunc(Number(restaurant!.counterPaymentMinutes));
    const due = await m.Order.count({
      where: { id: orderId, placedAt: { [Op.lte]: literal(`now() - make_interval(mins => ${minutes})`) } },
      transaction: t,
    });
    if (due === 0) return 'early';
    await cancelUncharged(services, t, o, emit, {
      actor: { kind: 'anonymous' },
      paymentStatus: 'void',
      note: `not paid at the counter within ${minutes} minutes`,
    });
    return 'released';
  });
}
