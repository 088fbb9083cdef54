import type { ItemStatus, Order, OrderStatus, Refund } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, inTransaction, isDeviceOf, isStaffOf } from '../../context';
import { exec, one, rows } from '../../db/sql';
import { forbidden, invalidTransition, notFound, unauthenticated } from '../../errors';
import { appendEvent, type StoredEvent } from '../../realtime/eventLog';
import { changeStock } from '../inventory/stock';
import type { OrderItemRow, OrderRow } from './order.presenter';
import { canSeeOrder, loadOrder, loadOrderRow } from './orderReader';

const ITEM_STEPS: ItemStatus[] = ['queued', 'cooking', 'ready', 'served'];

/** The order's status follows its items. */
export function deriveOrderStatus(statuses: ItemStatus[]): OrderStatus {
  const active = statuses.filter((s) => s !== 'cancelled');
  if (active.length === 0) return 'cancelled';
  if (active.every((s) => s === 'served')) return 'completed';
  if (active.every((s) => s === 'ready' || s === 'served')) return 'ready';
  if (active.every((s) => s === 'queued')) return 'placed';
  return 'preparing';
}

/**
 * Finishes a change to a locked order: recomputes its status, raises its version and writes the
 * `order.updated` event (its prevSeq for the order's own subscribers is the order's last seq).
 */
async function commitOrderChange(
  ctx: Ctx,
  t: Transaction,
  o: OrderRow,
  emit: (e: StoredEvent) => void,
  extra: { cancelled?: boolean } = {},
): Promise<Order> {
  const statuses = await rows<{ status: ItemStatus }>(ctx.sequelize, 'SELECT status FROM order_items WHERE order_id = $1', [o.id], t);
  const status = extra.cancelled ? 'cancelled' : deriveOrderStatus(statuses.map((s) => s.status));
  await exec(
    ctx.sequelize,
    `UPDATE orders SET status = $2, version = version + 1, updated_at = now(),
       cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END WHERE id = $1`,
    [o.id, status],
    t,
  );
  const order = await loadOrder(ctx, o.id, t);
  const event = await appendEvent(ctx.sequelize, t, {
    restaurantId: o.restaurant_id,
    type: 'order.updated',
    data: order,
    orderId: o.id,
    prevOrderSeq: o.last_event_seq,
  });
  emit(event);
  return order;
}

/** Kitchen: moves an item one step on (`bump`) or back (`recall`). */
export async function moveItem(ctx: Ctx, props: { itemId: string; direction: 'bump' | 'recall' }): Promise<Order> {
  return inTransaction(ctx, async (t, emit) => {
    const item = await one<OrderItemRow & { restaurant_id: string }>(
      ctx.sequelize,
      'SELECT i.*, o.restaurant_id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.id = $1',
      [props.itemId],
      t,
    );
    if (!item) throw notFound('Item');
    const a = ctx.actor;
    const allowed =
      isStaffOf(a, item.restaurant_id, ['manager', 'kitchen', 'host']) ||
      (isDeviceOf(a, item.restaurant_id, ['kitchen']) && (a.kind !== 'device' || !a.stationId || a.stationId === item.station_id));
    if (!allowed) {
      if (a.kind === 'anonymous') throw unauthenticated();
      throw forbidden('Only this restaurant’s kitchen moves its items.');
    }
    // Lock the order first (the same order every writer of an order takes), then re-read the item.
    const o = (await loadOrderRow(ctx, item.order_id, t, true))!;
    const current = await one<{ status: ItemStatus }>(ctx.sequelize, 'SELECT status FROM order_items WHERE id = $1', [item.id], t);
    const from = current!.status;
    if (o.status === 'cancelled' || from === 'cancelled') throw invalidTransition('The order was cancelled.');
    const i = ITEM_STEPS.indexOf(from);
    const to = props.direction === 'bump' ? ITEM_STEPS[i + 1] : ITEM_STEPS[i - 1];
    if (!to) {
      throw invalidTransition(
        props.direction === 'bump' ? `The item is already ${from}; it cannot move on.` : `The item is ${from}; there is no step back.`,
      );
    }
    await exec(ctx.sequelize, 'UPDATE order_items SET status = $2, status_changed_at = now() WHERE id = $1', [item.id, to], t);
    return commitOrderChange(ctx, t, o, emit);
  });
}

/**
 * Cancels an order. Guests (and the kiosk that placed it) may cancel until cooking starts; staff
 * at any time before it is completed. Stock of items not yet started goes back; the refund is the
 * total less what was already cooked (the restaurant's policy: cooked food is charged).
 */
export async function cancelOrder(
  ctx: Ctx,
  props: { orderId: string; token?: string; reason?: string },
): Promise<{ order: Order; refund: Refund }> {
  return inTransaction(ctx, async (t, emit) => {
    const o = await loadOrderRow(ctx, props.orderId, t, true);
    if (!o) throw notFound('Order');
    const staff = isStaffOf(ctx.actor, o.restaurant_id, ['manager', 'host']);
    if (!staff && !canSeeOrder(ctx, o, props.token)) {
      if (ctx.actor.kind === 'anonymous' && !props.token) throw unauthenticated('Sign in, or give the order token.');
      throw notFound('Order');
    }
    if (!staff && isStaffOf(ctx.actor, o.restaurant_id)) throw forbidden('Kitchen accounts cannot cancel orders.');
    if (o.status === 'cancelled') throw invalidTransition('The order is already cancelled.');
    if (o.status === 'completed') throw invalidTransition('The order is completed; it can no longer be cancelled.');
    if (!staff && o.status !== 'placed') {
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
