import { fn, literal, Op } from 'sequelize';
import { type Ctx, inTransaction, type Services } from '../../context';
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

/** The minute sweep that lets unpaid self-service counter orders go once their time is up. */
export const RELEASE_UNPAID_ORDERS = 'orders.releaseUnpaid';
/** Every minute, once across the cluster: an order is let go within a minute of its time. */
const RELEASE_CRON = '* * * * *';
/** Orders released per sweep at most; the next sweep takes the rest. */
const RELEASE_BATCH = 200;

/** Schedules the sweep on the durable queue (every node registers it; pg-boss runs each tick once). */
export async function scheduleCounterReleases(s: Services): Promise<void> {
  await s.jobs.schedule(RELEASE_UNPAID_ORDERS, RELEASE_CRON, async () => {
    const released = await releaseDueCounterOrders(s);
    if (released) s.logger.info({ released }, 'unpaid counter orders released');
  });
}

/**
 * Releases the unpaid self-service counter orders whose time is up (orders.release_at, set when
 * placed), one transaction each; returns how many were released. Each is checked again under its
 * lock, so a payment taken meanwhile, or a second sweep, releases nothing twice.
 */
export async function releaseDueCounterOrders(s: Services): Promise<number> {
  const due = await models(s.sequelize).Order.findAll({
    attributes: ['id'],
    where: { releaseAt: { [Op.lte]: fn('now') }, paymentStatus: 'due', status: 'placed' },
    order: [['releaseAt', 'ASC']],
    limit: RELEASE_BATCH,
  });
  let released = 0;
  for (const o of due) if ((await releaseUnpaidCounterOrder(s, o.id)) === 'released') released++;
  return released;
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
