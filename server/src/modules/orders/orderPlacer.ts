import crypto from 'node:crypto';
import type { Order, OrderCreate } from '@dinewire/protocol';
import { type Ctx, inTransaction } from '../../context';
import { AppError, fieldError, notFound, outOfStock } from '../../errors';
import { metrics } from '../../metrics';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { recordRoomMiss } from '../hotel/roomLocks';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { changeStock } from '../inventory/stock';
import { keyClaim, replay } from './idempotency';
import { presentOrder } from './order.presenter';
import { OrderPayment } from './orderPayment';
import { newOrderRecord } from './orderRecord';
import { orderTokenFor, sealOrder } from './orderSecrets';
import { activePromotion, claimAndReadMenu, insertOrder, tableInRestaurant } from './orders.sql';
import { priceItems, priceOrder, shortageDetails, stockNeeds } from './pricing';
import { decideRoomCharge, RoomChargeMiss } from './roomCharge';

/**
 * An unpaid pay-at-counter order from a guest's own device takes at most this many portions of one
 * dish: a table of six sharing it, but not a dish's whole evening stock held by nobody. Staff orders
 * are not capped; card orders are paid.
 */
export const COUNTER_MAX_PORTIONS_PER_DISH = 6;

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
export async function placeOrder(
  ctx: Ctx,
  props: { body: OrderCreate; idempotencyKey: string; roomCharges: RoomChargeThrottle },
): Promise<PlacedOrder> {
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
      if (body.paymentMethod === 'counter' && !can(ctx.actor, 'order.counterUncapped', { restaurantId: body.restaurantId })) {
        capCounterOrder(body);
      }
      if (body.tableId && !(await tableInRestaurant(db, t, { tableId: body.tableId, restaurantId: body.restaurantId }))) {
        throw fieldError('tableId', 'no such table in this restaurant');
      }
      const roomCharge =
        body.paymentMethod === 'room'
          ? await decideRoomCharge(ctx, t, props.roomCharges, { body, holdsRoomCharges: head.hold_room_charges, timeZone: head.time_zone })
          : null;
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
        roomCharge,
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
    if (err instanceof RoomChargeMiss && err.selfService) {
      // Counted after the order's rollback; failing to count leaves the throttle, and the guest's answer stands.
      await recordRoomMiss(ctx, { roomNumber: err.roomNumber, restaurantId: body.restaurantId }).catch((e: unknown) =>
        ctx.logger.error({ err: e }, 'could not count a room-charge miss'),
      );
    }
    if (err instanceof AppError) metrics.ordersRefused.inc({ code: err.code });
    throw err;
  }
}

/** The self-service cap of an unpaid order: portions of one dish, over all its lines. */
function capCounterOrder(body: OrderCreate): void {
  const portions = new Map<string, number>();
  for (const i of body.items) portions.set(i.dishId, (portions.get(i.dishId) ?? 0) + i.quantity);
  if ([...portions.values()].some((n) => n > COUNTER_MAX_PORTIONS_PER_DISH)) {
    throw fieldError(
      'items',
      `at most ${COUNTER_MAX_PORTIONS_PER_DISH} portions of one dish when paying at the counter; pay by card, or ask the staff`,
    );
  }
}
