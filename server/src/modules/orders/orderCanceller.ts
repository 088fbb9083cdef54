import type { PaymentStatus, Refund } from '@dinewire/protocol';
import { fn, type Transaction } from 'sequelize';
import { type Actor, type Ctx, inTransaction, type Services } from '../../context';
import { invalidTransition, notFound } from '../../errors';
import { models, type Order as OrderModel } from '../../models';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import type { StoredEvent } from '../events/storedEvent';
import { changeStock, type StockChangeResult } from '../inventory/stock';
import { accessOf, type LoadedOrder } from './order.presenter';
import { commitOrderChange } from './orderChange';
import { findOrder } from './orderReader';
import { PAYMENT_REFUND, type RefundJob } from './paymentJobs';
import { giveBackPromotionUses } from './orders.sql';

/**
 * Cancels an order. Who may, and until when, is the policies' (order.cancel,
 * order.cancelStarted). Stock of items not yet started goes back; the refund is the
 * total less what was already cooked (the restaurant's policy: cooked food is charged).
 * A card refund is paid after commit by its `payment.refund` job, queued in this transaction.
 */
export async function cancelOrder(
  ctx: Ctx,
  props: { orderId: string; token?: string; reason?: string },
): Promise<{ order: LoadedOrder; refund: Refund }> {
  const { Order, Payment } = models(ctx.sequelize);
  return inTransaction(ctx, async (t, emit) => {
    const o = await findOrder(ctx.sequelize, props.orderId, t, true);
    if (!o) throw notFound('Order');
    authorize(ctx.actor, 'order.cancel', { order: accessOf(o), token: props.token });
    if (o.status === 'cancelled') throw invalidTransition('The order is already cancelled.');
    if (o.status === 'completed') throw invalidTransition('The order is completed; it can no longer be cancelled.');
    if (o.status !== 'placed' && !can(ctx.actor, 'order.cancelStarted', { restaurantId: o.restaurantId })) {
      throw invalidTransition('The kitchen has started on this order; ask the staff to cancel it.');
    }

    const { stock, startedCents } = await cancelQueuedItems(ctx, t, o, { actor: ctx.actor, note: props.reason ?? null });

    // The fee is the started share of what the guest paid (discount, service and tax included). Nothing
    // was taken yet from an unpaid counter order or a room charge still held for staff.
    const charged = o.paymentStatus !== 'due' && o.paymentStatus !== 'awaiting_confirmation';
    const paid = charged ? o.totalCents - o.refundedCents : 0;
    const feeCents = o.subtotalCents > 0 ? Math.min(paid, Math.round((o.totalCents * startedCents) / o.subtotalCents)) : 0;
    const amountCents = Math.max(0, paid - feeCents);
    let paymentStatus: PaymentStatus = charged ? o.paymentStatus : 'void';
    if (amountCents > 0) {
      // A card's money moves at the processor, by the job; a room refund is our own books.
      const byCard = o.paymentMethod === 'card' && o.processorRef !== null;
      const refund = await Payment.create(
        {
          orderId: o.id,
          method: o.paymentMethod,
          kind: 'refund',
          amountCents,
          processorRef: o.processorRef,
          status: byCard ? 'pending' : 'settled',
          settledAt: byCard ? null : new Date(),
        },
        { transaction: t },
      );
      if (byCard) await ctx.jobs.enqueue<RefundJob>(t, PAYMENT_REFUND, { paymentId: refund.id }, { singletonKey: o.id });
      paymentStatus = amountCents + o.refundedCents >= o.totalCents ? 'refunded' : 'partially_refunded';
    }
    // The row is locked: adding to the value read is adding to the stored one.
    await Order.update({ paymentStatus, refundedCents: o.refundedCents + amountCents }, { where: { id: o.id }, transaction: t });

    const order = await commitOrderChange(ctx, t, o, emit, { cancelled: true });
    await announceAvailability(ctx, t, o.restaurantId, stock, emit);
    return { order, refund: { amountCents, feeCents } };
  });
}

/**
 * Cancels the items of a locked order that the kitchen has not started and gives their stock back
 * (and its limited promotions' uses);
 * returns the stock change (to announce) and the value of the items already started.
 */
async function cancelQueuedItems(
  services: Pick<Services, 'sequelize'>,
  t: Transaction,
  o: OrderModel,
  by: { actor: Actor; note: string | null },
): Promise<{ stock: StockChangeResult; startedCents: number }> {
  const { OrderItem } = models(services.sequelize);
  const items = await OrderItem.findAll({ where: { orderId: o.id }, order: [['position', 'ASC']], transaction: t });
  // Only what was not started goes back to stock.
  const back = new Map<string, number>();
  let startedCents = 0;
  for (const i of items) {
    if (i.status === 'queued') {
      for (const s of i.stockTaken) back.set(s.ingredientId, (back.get(s.ingredientId) ?? 0) + s.quantity);
    } else if (i.status !== 'cancelled') {
      startedCents += i.lineTotalCents;
    }
  }
  const stock = await changeStock(services.sequelize, t, {
    restaurantId: o.restaurantId,
    deltas: back,
    reason: 'cancel',
    orderId: o.id,
    actor: by.actor,
    note: by.note,
  });
  await OrderItem.update(
    { status: 'cancelled', statusChangedAt: fn('now') },
    { where: { orderId: o.id, status: 'queued' }, transaction: t },
  );
  // A once-per-guest promotion of a cancelled order may be used again.
  await giveBackPromotionUses(services.sequelize, t, o);
  return { stock, startedCents };
}

/**
 * Cancels a locked order that nothing was charged for and the kitchen has not started (a declined
 * room charge, an unpaid counter order let go): stock back, its payment status set, the change
 * committed with its events. Whoever calls has checked who may and whether it still applies.
 */
export async function cancelUncharged(
  services: Pick<Services, 'sequelize' | 'config'>,
  t: Transaction,
  o: OrderModel,
  emit: (e: StoredEvent) => void,
  c: { actor: Actor; paymentStatus: PaymentStatus; note: string },
): Promise<LoadedOrder> {
  const { stock } = await cancelQueuedItems(services, t, o, { actor: c.actor, note: c.note });
  await models(services.sequelize).Order.update({ paymentStatus: c.paymentStatus }, { where: { id: o.id }, transaction: t });
  const order = await commitOrderChange(services, t, o, emit, { cancelled: true });
  await announceAvailability(services, t, o.restaurantId, stock, emit);
  return order;
}

/**
 * Cancels a locked pre-order still held from the kitchen (its booking was cancelled before the party
 * came): its stock back, nothing charged (`void`), version + 1. No order event: no kitchen screen or
 * list ever saw it, and the booking's own `reservation.updated`, written by the caller in this
 * transaction, records the change; dishes back on the menu are announced as any cancellation's.
 */
export async function cancelHeldOrder(
  services: Pick<Services, 'sequelize' | 'config'>,
  t: Transaction,
  o: OrderModel,
  emit: (e: StoredEvent) => void,
  c: { actor: Actor; note: string },
): Promise<void> {
  const { stock } = await cancelQueuedItems(services, t, o, { actor: c.actor, note: c.note });
  await models(services.sequelize).Order.update(
    { status: 'cancelled', paymentStatus: 'void', version: o.version + 1, updatedAt: fn('now'), cancelledAt: fn('now') },
    { where: { id: o.id }, transaction: t },
  );
  await announceAvailability(services, t, o.restaurantId, stock, emit);
}

/** Dishes that came back on the menu with the returned stock. */
async function announceAvailability(
  services: Pick<Services, 'sequelize'>,
  t: Transaction,
  restaurantId: string,
  stock: StockChangeResult,
  emit: (e: StoredEvent) => void,
): Promise<void> {
  for (const a of stock.availability) {
    emit(await appendEvent(services.sequelize, t, { restaurantId, type: 'menu.availability', data: a }));
  }
}
