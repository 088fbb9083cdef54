import crypto from 'node:crypto';
import type { Order, OrderCreate } from '@dinewire/protocol';
import { type Ctx, inTransaction } from '../../context';
import { AppError, conflict, fieldError, notFound, outOfStock, validation } from '../../errors';
import { metrics } from '../../metrics';
import { authorize } from '../../policies';
import { newToken } from '../accounts/sessions';
import { appendEvent } from '../events/eventLog';
import { changeStock } from '../inventory/stock';
import { answeredBefore, keyClaim, replay } from './idempotency';
import { presentOrder } from './order.presenter';
import { type Authorization, OrderPayment } from './orderPayment';
import { findOrder } from './orderReader';
import { newOrderRecord } from './orderRecord';
import {
  activePromotion,
  claimAndReadMenu,
  inHouseStay,
  insertOrder,
  type PlacementHead,
  readMenuAndAnswer,
  tableInRestaurant,
} from './orders.sql';
import { PAYMENT_CAPTURE, type CaptureJob } from './paymentJobs';
import { priceItems, priceOrder, shortageDetails, stockNeeds } from './pricing';

export interface PlacedOrder {
  status: number;
  body: { order: Order; orderToken: string };
  replayed: boolean;
}

/**
 * Places an order: one transaction takes the Idempotency-Key, the stock, a pickup number and
 * the event seq, in that order. Retries with the same key get the stored response; two racing
 * requests with one key serialise on the key's unique index. Three statements besides BEGIN and
 * COMMIT (the key and the menu, the stock, the order), one per availability or low-stock
 * announcement, and for a card one more: its capture job.
 *
 * A card is authorised before the transaction, for the total priced from a plain read of the
 * menu; the transaction prices again and refuses (409, nothing charged) if the total changed in
 * between. It is captured after commit by the `payment.capture` job, committed with the order:
 * no processor call ever runs while a lock is held, and a committed card order always has its
 * capture job. Its paymentStatus is `paid` from commit on (authorised, capture under way); should
 * the processor refuse the capture, the job cancels the order (paymentStatus `void`).
 */
export async function placeOrder(ctx: Ctx, props: { body: OrderCreate; idempotencyKey: string }): Promise<PlacedOrder> {
  const { body } = props;
  const db = ctx.sequelize;
  const claim = keyClaim(ctx.config.sessionSecret, ctx.actor, ctx.ip, props.idempotencyKey, body);
  const orderId = crypto.randomUUID();
  const orderToken = newToken('ot');
  const payment = new OrderPayment(ctx, orderId);
  try {
    if (body.paymentMethod === 'card') {
      const pre = await readMenuAndAnswer(db, { restaurantId: body.restaurantId, dishIds: dishIdsOf(body), ...claim });
      if (!pre) throw notFound('Restaurant');
      // A retry of a placed order is answered without touching the card again.
      const answered = answeredBefore<PlacedOrder['body']>(pre.stored, claim);
      if (answered) return { ...answered, replayed: true };
      await authorizeCard(ctx, payment, body, pre);
    }
    const result = await inTransaction(ctx, async (t, emit): Promise<PlacedOrder> => {
      const head = await claimAndReadMenu(db, t, { restaurantId: body.restaurantId, ...claim, dishIds: dishIdsOf(body) });
      if (head && !head.claimed) return { ...(await replay<PlacedOrder['body']>(db, t, claim)), replayed: true };
      if (!head) throw notFound('Restaurant');
      authorize(ctx.actor, 'order.place', { restaurantId: body.restaurantId, channel: body.channel });

      const priced = priceItems(body, head.dishes);
      if (body.tableId && !(await tableInRestaurant(db, t, { tableId: body.tableId, restaurantId: body.restaurantId }))) {
        throw fieldError('tableId', 'no such table in this restaurant');
      }
      const roomStayId = body.paymentMethod === 'room' ? await roomStay(ctx, t, body.roomNumber!, body.guestName!) : null;
      const promo = body.promoCode ? await activePromotion(db, t, { restaurantId: body.restaurantId, code: body.promoCode }) : null;
      const totals = priceOrder(priced, { code: body.promoCode, found: promo }, head);
      const currency = head.currency.trim();
      const card = body.paymentMethod === 'card' ? heldFor(payment.authorization, totals.totalCents, currency) : null;

      const needs = stockNeeds(priced);
      const stock = await changeStock(db, t, {
        restaurantId: body.restaurantId,
        deltas: new Map([...needs].map(([id, q]) => [id, -q])),
        reason: 'order',
        orderId,
        actor: ctx.actor,
      });
      if (stock.shortages.length) throw outOfStock(shortageDetails(priced, stock.shortages));

      const { row, items } = newOrderRecord({
        orderId,
        orderToken,
        body,
        actor: ctx.actor,
        priced,
        totals,
        currency: head.currency,
        promo,
        card,
        processorRef: card?.id ?? null,
        piiKey: ctx.config.piiKey,
      });
      // The order as everyone will see it, built here rather than read back.
      const order = presentOrder(row, items, body.guestName ?? null);
      const responseBody = { order, orderToken };
      const inserted = await insertOrder(db, t, {
        row,
        items,
        cardBrand: card?.brand ?? null,
        timeZone: head.time_zone,
        roomStayId,
        scope: claim.scope,
        key: claim.key,
        responseBody,
      });
      order.number = inserted.number;
      emit(inserted.event);
      // Rare (a dish running low or out): one more statement each.
      for (const a of stock.availability) {
        emit(await appendEvent(db, t, { restaurantId: body.restaurantId, type: 'menu.availability', data: a }));
      }
      for (const l of stock.low) {
        emit(await appendEvent(db, t, { restaurantId: body.restaurantId, type: 'inventory.low', data: l }));
      }
      if (card) await ctx.jobs.enqueue<CaptureJob>(t, PAYMENT_CAPTURE, { orderId }, { singletonKey: orderId });
      return { status: 201, body: responseBody, replayed: false };
    });
    await payment.fallbackQueued();
    // A racing request with this key placed the order, with its own authorization; this one is not used.
    if (result.replayed) await payment.release();
    else metrics.ordersPlaced.inc();
    return result;
  } catch (err) {
    await payment.fallbackQueued().catch(() => {});
    // Unless the order committed after all (its capture job owns the card then), the card is released.
    if (payment.authorization && !(await findOrder(db, orderId))) await payment.release();
    if (err instanceof AppError) metrics.ordersRefused.inc({ code: err.code });
    throw err;
  }
}

/** Prices the order from the plain read of the menu and authorises the card for that total, before any lock is taken. */
async function authorizeCard(ctx: Ctx, payment: OrderPayment, body: OrderCreate, head: PlacementHead): Promise<void> {
  authorize(ctx.actor, 'order.place', { restaurantId: body.restaurantId, channel: body.channel });
  const priced = priceItems(body, head.dishes);
  const promo = body.promoCode
    ? await activePromotion(ctx.sequelize, undefined, { restaurantId: body.restaurantId, code: body.promoCode })
    : null;
  const totals = priceOrder(priced, { code: body.promoCode, found: promo }, head);
  await payment.authorize(totals.totalCents, head.currency.trim(), body.card!);
}

const dishIdsOf = (body: OrderCreate) => [...new Set(body.items.map((i) => i.dishId))];

/** The authorization holds exactly what the order costs now; a price that changed meanwhile is refused, never charged. */
function heldFor(auth: Authorization | null, totalCents: number, currency: string): Authorization {
  if (!auth) throw new Error('a card order reached its transaction without an authorization');
  if (auth.amountCents !== totalCents || auth.currency !== currency) {
    throw conflict('The price changed while the order was being placed; the card was not charged. Review the order and place it again.');
  }
  return auth;
}

/** A room charge needs an in-house guest of that name in that room. */
async function roomStay(ctx: Ctx, t: Parameters<typeof inHouseStay>[1], roomNumber: string, guestName: string): Promise<string> {
  const stayId = await inHouseStay(ctx.sequelize, t, { roomNumber: roomNumber.trim(), guestName: guestName.trim() });
  if (stayId) return stayId;
  throw validation(
    [
      { field: 'roomNumber', message: 'no in-house guest of that name in this room' },
      { field: 'guestName', message: 'no in-house guest of that name in this room' },
    ],
    'The room charge could not be matched to an in-house guest.',
  );
}
