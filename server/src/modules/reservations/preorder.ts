import type { Allergen, OrderCreate, PreorderLineSchema, Reservation } from '@dinewire/protocol';
import type { z } from 'zod';
import type { Transaction } from 'sequelize';
import type { Ctx, Services } from '../../context';
import { AppError, fieldError, notFound, outOfStock } from '../../errors';
import { models } from '../../models';
import { authorize, can } from '../../policies';
import { appendEvent, type StoredEvent } from '../events/eventLog';
import { cancelHeldOrder, cancelUncharged } from '../orders/orderCanceller';
import { COUNTER_MAX_PORTIONS_PER_DISH, priceAndTakeStock } from '../orders/orderPlacer';
import { findOrder, loadOrder } from '../orders/orderReader';
import { newOrderRecord } from '../orders/orderRecord';
import { sealOrder } from '../orders/orderSecrets';
import { insertOrder, readMenuLocked, unholdOrder } from '../orders/orders.sql';
import { priceItems, soldOutDetails } from '../orders/pricing';
import { guestKeyOf } from '../promotions/placementPromotions';

/**
 * A booking's pre-order: dishes ordered with the booking, cooked when the party is there.
 *
 * - It is an ordinary order (priced by the ordering core, promotions included), linked from the
 *   booking (`reservations.preorder_order_id`), placed in the booking's own transaction: a dish that
 *   cannot be had refuses the whole booking (409 out_of_stock naming the line), nothing written.
 * - "Stock held for the booking's day": the stock model is one quantity on hand per ingredient, not
 *   stock by day, so the portions are taken from it when booked (the ordering core's locked,
 *   never-below-zero change, ledger reason `order`) and are nobody else's from then on; cancelling
 *   the booking gives them back (cancelPreorder). Two bookings racing for the last portions
 *   serialise on the ingredient rows: one gets them, the other is refused.
 * - Paid at the table: payment method `counter`, status `due`, and unlike a self-service counter
 *   order it is never released unpaid (no `release_at`): the booking, not a timer, holds it. A guest
 *   booking by themselves has the self-service cap on portions of one dish; staff do not.
 * - `held` until the party is seated: no kitchen screen, order list or event shows it; seating
 *   sends it (firePreorder) with its `order.created`, numbered and timed as placed then.
 */

type PreorderLine = z.infer<typeof PreorderLineSchema>;

/** Places the pre-order, held, in the booking's transaction; its stock events are emitted with the booking. */
export async function placePreorder(
  ctx: Ctx,
  t: Transaction,
  emit: (e: StoredEvent) => void,
  a: {
    orderId: string;
    orderToken: string;
    restaurantId: string;
    lines: PreorderLine[];
    guestName: string;
    allergies: Allergen[];
  },
): Promise<void> {
  const db = ctx.sequelize;
  const body: OrderCreate = {
    restaurantId: a.restaurantId,
    // The guest's own order (from wherever they booked); seating puts it at the booking's table.
    channel: 'web',
    items: a.lines.map((l) => ({ dishId: l.dishId, quantity: l.quantity, ...(l.note ? { note: l.note } : {}) })),
    paymentMethod: 'counter',
    guestName: a.guestName,
  };
  await asPreorderFields(async () => {
    authorize(ctx.actor, 'order.place', { restaurantId: body.restaurantId, channel: body.channel });
    const head = await readMenuLocked(db, t, {
      restaurantId: body.restaurantId,
      dishIds: [...new Set(body.items.map((i) => i.dishId))],
      guestKey: guestKeyOf(ctx.actor),
    });
    if (!head) throw notFound('Restaurant');
    const priced = priceItems(body, head.dishes);
    const soldOut = soldOutDetails(priced, head.dishes);
    if (soldOut.length) throw outOfStock(soldOut);
    if (!can(ctx.actor, 'order.counterUncapped', { restaurantId: body.restaurantId })) capPreorder(body);
    const { charged, stock } = await priceAndTakeStock(ctx, t, { orderId: a.orderId, body, head, priced });
    const { row, items } = newOrderRecord({
      orderId: a.orderId,
      orderToken: a.orderToken,
      body,
      actor: ctx.actor,
      priced: charged.items,
      totals: charged.totals,
      currency: head.currency,
      promotions: charged.promotions,
      promoCode: null,
      card: null,
      processorRef: null,
      roomCharge: null,
      releaseMinutes: null,
      piiKey: ctx.config.piiKey,
      held: true,
      allergies: a.allergies,
    });
    await insertOrder(db, t, { row, items, cardBrand: null, timeZone: head.time_zone, held: true });
    for (const x of stock.availability) {
      emit(await appendEvent(db, t, { restaurantId: body.restaurantId, type: 'menu.availability', data: x }));
    }
    for (const l of stock.low) emit(await appendEvent(db, t, { restaurantId: body.restaurantId, type: 'inventory.low', data: l }));
  });
}

/**
 * A guest's own pre-order is unpaid until the table pays: the self-service counter cap on portions
 * of one dish (placement's), so no one holds a dish's whole stock by booking. Staff are not capped.
 */
function capPreorder(body: OrderCreate): void {
  const portions = new Map<string, number>();
  for (const i of body.items) portions.set(i.dishId, (portions.get(i.dishId) ?? 0) + i.quantity);
  if ([...portions.values()].some((n) => n > COUNTER_MAX_PORTIONS_PER_DISH)) {
    throw fieldError(
      'preorder',
      `at most ${COUNTER_MAX_PORTIONS_PER_DISH} portions of one dish in a pre-order; ask the restaurant for more`,
    );
  }
}

/** The ordering core names an order's `items`; the booking's request calls them `preorder`. */
async function asPreorderFields(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof AppError) || !err.details) throw err;
    // Field paths only (`items`, `items.1.quantity`), in the details and where the message quotes them.
    const rename = (s: string) => s.replace(/\bitems(?=[.:]|$)/g, 'preorder');
    throw new AppError(
      err.code,
      rename(err.message),
      err.status,
      err.details.map((d) => ({ ...d, field: d.field ? rename(d.field) : d.field })),
      err.headers,
    );
  }
}

/**
 * Sends a booking's held pre-order to the kitchen (the party is seated): at the booking's first
 * table, with its `order.created` event, which every kitchen screen takes as a new ticket. Nothing
 * when there is none, or it was sent or cancelled already. Inside the seating's transaction.
 */
export async function firePreorder(
  ctx: Pick<Services, 'sequelize' | 'config'>,
  t: Transaction,
  emit: (e: StoredEvent) => void,
  r: { restaurantId: string; preorderOrderId: string | null; tableIds: string[] },
): Promise<boolean> {
  if (!r.preorderOrderId) return false;
  const o = await findOrder(ctx.sequelize, r.preorderOrderId, t, true);
  if (!o || !o.held || o.status !== 'placed') return false;
  const restaurant = await models(ctx.sequelize).Restaurant.findByPk(r.restaurantId, { attributes: ['timeZone'], transaction: t });
  const tableId = [...r.tableIds].sort()[0] ?? null;
  if (!(await unholdOrder(ctx.sequelize, t, { orderId: o.id, restaurantId: r.restaurantId, tableId, timeZone: restaurant!.timeZone }))) {
    return false;
  }
  const order = await loadOrder(ctx, o.id, t);
  emit(
    await appendEvent(ctx.sequelize, t, {
      restaurantId: r.restaurantId,
      type: 'order.created',
      data: sealOrder(ctx.config.piiKey, order),
      orderId: o.id,
      prevOrderSeq: o.lastEventSeq,
    }),
  );
  return true;
}

/**
 * Cancels a booking's pre-order and gives its stock back, inside the booking's cancellation (or
 * no-show) transaction, which writes the booking's own `reservation.updated`. A pre-order still
 * held is cancelled without an order event (no kitchen saw it); one already sent to the kitchen
 * but not started is cancelled as an unpaid order is (its `order.updated` tells the kitchen); one
 * the kitchen has started is left to the staff (cooked food is charged). Returns whether it
 * cancelled one.
 */
export async function cancelPreorder(
  ctx: Pick<Ctx, 'sequelize' | 'config' | 'actor'>,
  t: Transaction,
  reservation: Pick<Reservation, 'preorderOrderId'>,
  emit: (e: StoredEvent) => void,
): Promise<boolean> {
  if (!reservation.preorderOrderId) return false;
  const o = await findOrder(ctx.sequelize, reservation.preorderOrderId, t, true);
  if (!o || o.status !== 'placed' || o.paymentStatus !== 'due') return false;
  const note = 'the booking was cancelled';
  if (o.held) {
    await cancelHeldOrder(ctx, t, o, emit, { actor: ctx.actor, note });
    return true;
  }
  const items = await models(ctx.sequelize).OrderItem.findAll({ attributes: ['status'], where: { orderId: o.id }, transaction: t });
  if (items.some((i) => i.status !== 'queued' && i.status !== 'cancelled')) return false;
  await cancelUncharged(ctx, t, o, emit, { actor: ctx.actor, paymentStatus: 'void', note });
  return true;
}
