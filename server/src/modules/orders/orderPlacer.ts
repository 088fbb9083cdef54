import crypto from 'node:crypto';
import type { Order, OrderCreate } from '@dinewire/protocol';
import { type Ctx, inTransaction } from '../../context';
import { AppError, fieldError, notFound, outOfStock, validation } from '../../errors';
import { metrics } from '../../metrics';
import { authorize } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { changeStock } from '../inventory/stock';
import { keyClaim, replay } from './idempotency';
import { presentOrder } from './order.presenter';
import { OrderPayment } from './orderPayment';
import { newOrderRecord } from './orderRecord';
import { orderTokenFor, sealOrder } from './orderSecrets';
import { activePromotion, claimAndReadMenu, inHouseStay, insertOrder, tableInRestaurant } from './orders.sql';
import { priceItems, priceOrder, shortageDetails, stockNeeds } from './pricing';

export interface PlacedOrder {
  status: number;
  body: { order: Order; orderToken: string };
  replayed: boolean;
}

/**
 * Places an order: one transaction takes the Idempotency-Key, the stock, a pickup number and
 * the event seq, in that order; a card is authorised before stock is locked and captured just
 * before commit, and released again if anything fails. Retries with the same key get the stored
 * response; two racing requests with one key serialise on the key's unique index. Three
 * statements besides BEGIN and COMMIT (the key and the menu, the stock, the order), and one
 * per availability or low-stock announcement.
 */
export async function placeOrder(ctx: Ctx, props: { body: OrderCreate; idempotencyKey: string }): Promise<PlacedOrder> {
  const { body } = props;
  const db = ctx.sequelize;
  const claim = keyClaim(ctx.config.sessionSecret, ctx.actor, ctx.ip, props.idempotencyKey, body);
  const orderId = crypto.randomUUID();
  const orderToken = orderTokenFor(ctx.config.sessionSecret, claim.scope, claim.key, orderId);
  const payment = new OrderPayment(ctx.payments, orderId);
  try {
    const result = await inTransaction(ctx, async (t, emit): Promise<PlacedOrder> => {
      const dishIds = [...new Set(body.items.map((i) => i.dishId))];
      const { scope, keyHash, requestHash } = claim;
      const head = await claimAndReadMenu(db, t, { restaurantId: body.restaurantId, scope, keyHash, requestHash, dishIds });
      if (head && !head.claimed) return { ...(await replay(db, t, claim, ctx.config)), replayed: true };
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
      const card = body.paymentMethod === 'card' ? await payment.authorize(totals.totalCents, currency, body.card!) : null;

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
        processorRef: payment.processorRef,
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
        scope,
        keyHash,
        // Stored without the token (a replay derives it again) and with the guest sealed.
        stored: { order: sealOrder(ctx.config.piiKey, order) },
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

      await payment.capture();
      return { status: 201, body: responseBody, replayed: false };
    });
    if (!result.replayed) metrics.ordersPlaced.inc();
    return result;
  } catch (err) {
    await payment.release(ctx.logger);
    if (err instanceof AppError) metrics.ordersRefused.inc({ code: err.code });
    throw err;
  }
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
