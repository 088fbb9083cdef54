import type { Refund } from '@dinewire/protocol';
import { type Ctx, inTransaction } from '../../context';
import { exec, rows } from '../../db/sql';
import { invalidTransition, notFound } from '../../errors';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { changeStock } from '../inventory/stock';
import { accessOf, type LoadedOrder, type OrderItemRow } from './order.presenter';
import { commitOrderChange } from './orderChange';
import { loadOrderRow } from './orderReader';

/**
 * Cancels an order. Who may, and until when, is the policies' (order.cancel,
 * order.cancelStarted). Stock of items not yet started goes back; the refund is the
 * total less what was already cooked (the restaurant's policy: cooked food is charged).
 */
export async function cancelOrder(
  ctx: Ctx,
  props: { orderId: string; token?: string; reason?: string },
): Promise<{ order: LoadedOrder; refund: Refund }> {
  return inTransaction(ctx, async (t, emit) => {
    const o = await loadOrderRow(ctx, props.orderId, t, true);
    if (!o) throw notFound('Order');
    authorize(ctx.actor, 'order.cancel', { order: accessOf(o), token: props.token });
    if (o.status === 'cancelled') throw invalidTransition('The order is already cancelled.');
    if (o.status === 'completed') throw invalidTransition('The order is completed; it can no longer be cancelled.');
    if (o.status !== 'placed' && !can(ctx.actor, 'order.cancelStarted', { restaurantId: o.restaurant_id })) {
      throw invalidTransition('The kitchen has started on this order; ask the staff to cancel it.');
    }

    const items = await rows<OrderItemRow>(ctx.sequelize, 'SELECT * FROM order_items WHERE order_id = $1 ORDER BY position', [o.id], t);
    // Only what was not started goes back to stock.
    const back = new Map<string, number>();
    let startedCents = 0;
    for (const i of items) {
      if (i.status === 'queued') {
        for (const s of i.stock_taken) back.set(s.ingredientId, (back.get(s.ingredientId) ?? 0) + s.quantity);
      } else if (i.status !== 'cancelled') {
        startedCents += i.line_total_cents;
      }
    }
    const stock = await changeStock(ctx.sequelize, t, {
      restaurantId: o.restaurant_id,
      deltas: back,
      reason: 'cancel',
      orderId: o.id,
      actor: ctx.actor,
      note: props.reason ?? null,
    });
    await exec(
      ctx.sequelize,
      `UPDATE order_items SET status = 'cancelled', status_changed_at = now() WHERE order_id = $1 AND status = 'queued'`,
      [o.id],
      t,
    );

    // The fee is the started share of what the guest paid (discount, service and tax included).
    const paid = o.payment_method === 'counter' ? 0 : o.total_cents - o.refunded_cents;
    const feeCents = o.subtotal_cents > 0 ? Math.min(paid, Math.round((o.total_cents * startedCents) / o.subtotal_cents)) : 0;
    const amountCents = Math.max(0, paid - feeCents);
    let paymentStatus = o.payment_method === 'counter' ? 'void' : o.payment_status;
    if (amountCents > 0) {
      await exec(
        ctx.sequelize,
        `INSERT INTO payments (order_id, method, kind, amount_cents, processor_ref) VALUES ($1, $2, 'refund', $3, $4)`,
        [o.id, o.payment_method, amountCents, o.processor_ref],
        t,
      );
      paymentStatus = amountCents + o.refunded_cents >= o.total_cents ? 'refunded' : 'partially_refunded';
    }
    await exec(ctx.sequelize, 'UPDATE orders SET payment_status = $2, refunded_cents = refunded_cents + $3 WHERE id = $1', [
      o.id,
      paymentStatus,
      amountCents,
    ], t);

    const order = await commitOrderChange(ctx, t, o, emit, { cancelled: true });
    for (const a of stock.availability) {
      emit(await appendEvent(ctx.sequelize, t, { restaurantId: o.restaurant_id, type: 'menu.availability', data: a }));
    }
    // Last before commit: if the processor refuses, nothing here is committed and the guest can retry.
    if (amountCents > 0 && o.payment_method === 'card' && o.processor_ref) await ctx.payments.refund(o.processor_ref, amountCents);
    return { order, refund: { amountCents, feeCents } };
  });
}
