import crypto from 'node:crypto';
import type { Order, OrderCreate } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { AppError, conflict, fieldError, notFound, outOfStock } from '../../errors';
import { metrics } from '../../metrics';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { changeStock } from '../inventory/stock';
import { answeredBefore, keyClaim, replay } from './idempotency';
import { presentOrder } from './order.presenter';
import { type Authorization, OrderPayment } from './orderPayment';
import { findOrder } from './orderReader';
import { newOrderRecord } from './orderRecord';
import { orderTokenFor, sealOrder } from './orderSecrets';
import { claimAndReadMenu, insertOrder, type PlacementHead, readMenuAndAnswer, tableWithAllergies } from './orders.sql';
import { PAYMENT_CAPTURE, type CaptureJob } from './paymentJobs';
import { guestKeyOf, PlacementPromotions, quote, refuseCodeProblem } from '../promotions/placementPromotions';
import { type PricedItem, priceItems, shortageDetails, soldOutDetails, stockNeeds } from './pricing';
import { countRoomMiss, decideRoomCharge } from './roomCharge';

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
export async function placeOrder(
  ctx: Ctx,
  props: { body: OrderCreate; idempotencyKey: string; roomCharges: RoomChargeThrottle },
): Promise<PlacedOrder> {
  const { body } = props;
  const db = ctx.sequelize;
  const claim = keyClaim(ctx.config.sessionSecret, ctx.actor, ctx.ip, props.idempotencyKey, body);
  const orderId = crypto.randomUUID();
  const orderToken = orderTokenFor(ctx.config.sessionSecret, claim.scope, claim.key, orderId);
  const payment = new OrderPayment(ctx, orderId);
  try {
    if (body.paymentMethod === 'card') {
      const pre = await readMenuAndAnswer(db, {
        restaurantId: body.restaurantId,
        dishIds: dishIdsOf(body),
        scope: claim.scope,
        keyHash: claim.keyHash,
        guestKey: guestKeyOf(ctx.actor),
      });
      if (!pre) throw notFound('Restaurant');
      // A retry of a placed order is answered without touching the card again.
      const answered = answeredBefore(pre.stored, claim, ctx.config);
      if (answered) return { ...answered, replayed: true };
      await authorizeCard(ctx, payment, body, pre);
    }
    const result = await inTransaction(ctx, async (t, emit): Promise<PlacedOrder> => {
      const { scope, keyHash, requestHash } = claim;
      const head = await claimAndReadMenu(db, t, {
        restaurantId: body.restaurantId,
        scope,
        keyHash,
        requestHash,
        dishIds: dishIdsOf(body),
        guestKey: guestKeyOf(ctx.actor),
      });
      if (head && !head.claimed) return { ...(await replay(db, t, claim, ctx.config)), replayed: true };
      if (!head) throw notFound('Restaurant');
      authorize(ctx.actor, 'order.place', { restaurantId: body.restaurantId, channel: body.channel });

      const priced = priceItems(body, head.dishes);
      const soldOut = soldOutDetails(priced, head.dishes);
      if (soldOut.length) throw outOfStock(soldOut);
      const selfServiceCounter =
        body.paymentMethod === 'counter' && !can(ctx.actor, 'order.counterUncapped', { restaurantId: body.restaurantId });
      if (selfServiceCounter) capCounterOrder(body);
      const table = body.tableId ? await tableWithAllergies(db, t, { tableId: body.tableId, restaurantId: body.restaurantId }) : null;
      if (body.tableId && !table) throw fieldError('tableId', 'no such table in this restaurant');
      const roomCharge =
        body.paymentMethod === 'room'
          ? await decideRoomCharge(ctx, t, props.roomCharges, { body, holdsRoomCharges: head.hold_room_charges, timeZone: head.time_zone })
          : null;
      const { charged, stock } = await priceAndTakeStock(ctx, t, { orderId, body, head, priced });
      const totals = charged.totals;
      const currency = head.currency.trim();
      const card = body.paymentMethod === 'card' ? heldFor(payment.authorization, totals.totalCents, currency) : null;

      const { row, items } = newOrderRecord({
        orderId,
        orderToken,
        body,
        actor: ctx.actor,
        priced: charged.items,
        totals,
        currency: head.currency,
        promotions: charged.promotions,
        promoCode: charged.engine.applied.find((a) => a.rule.code)?.rule.code ?? null,
        card,
        processorRef: card?.id ?? null,
        roomCharge,
        // Unpaid by then, a self-service counter order gives its stock back (staff orders are paid at the table's end).
        releaseMinutes: selfServiceCounter ? head.counter_payment_minutes : null,
        piiKey: ctx.config.piiKey,
        allergies: table?.allergies ?? [],
      });
      // The order as everyone will see it, built here rather than read back.
      const order = presentOrder(row, items, { guestName: body.guestName ?? null, roomNumber: body.roomNumber ?? null });
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
    await countRoomMiss(ctx, err, body.restaurantId);
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

/** Prices the order from the plain read of the menu and authorises the card for that total, before any lock is taken. */
async function authorizeCard(ctx: Ctx, payment: OrderPayment, body: OrderCreate, head: PlacementHead): Promise<void> {
  authorize(ctx.actor, 'order.place', { restaurantId: body.restaurantId, channel: body.channel });
  const { totals } = refuseCodeProblem(quote(priceItems(body, head.dishes), head, body, ctx.actor));
  await payment.authorize(totals.totalCents, head.currency.trim(), body.card!);
}

/**
 * Prices the order with the restaurant's promotions and takes the stock its lines need, inside the
 * order's transaction (stock rows locked, never below zero): a line of the guest's own that is
 * short is refused (409 out_of_stock naming it); a free dish a promotion would add but the stock
 * cannot give is left out and the order priced again. Placement and a booking's pre-order both
 * take their stock here.
 */
export async function priceAndTakeStock(
  ctx: Ctx,
  t: Transaction,
  a: { orderId: string; body: OrderCreate; head: PlacementHead; priced: PricedItem[] },
) {
  const { orderId, body, priced } = a;
  const promotions = new PlacementPromotions(ctx.sequelize, t, priced, a.head, body, ctx.actor);
  let charged = await promotions.price();
  let stock = await takeStock(ctx, t, orderId, body.restaurantId, charged.items);
  while (stock.shortages.length) {
    // Short for the guest's own lines: out of stock. Short only once a free dish is added: not given.
    const cartNeeds = stockNeeds(priced);
    const ownShort = stock.shortages.filter((s) => (cartNeeds.get(s.ingredientId) ?? 0) > s.available + 1e-9);
    if (ownShort.length) throw outOfStock(shortageDetails(priced, ownShort));
    const short = new Set(stock.shortages.map((s) => s.ingredientId));
    const free = charged.items.filter((i) => i.freeBy && i.recipe.some((r) => short.has(r.ingredientId)));
    if (!free.length) throw outOfStock(shortageDetails(priced, stock.shortages));
    promotions.withhold(free.map((i) => i.dishId));
    charged = await promotions.price();
    stock = await takeStock(ctx, t, orderId, body.restaurantId, charged.items);
  }
  return { charged, stock };
}

/** Takes the stock the lines need; nothing is taken when any ingredient is short. */
function takeStock(ctx: Ctx, t: Transaction, orderId: string, restaurantId: string, items: PricedItem[]) {
  const needs = stockNeeds(items);
  return changeStock(ctx.sequelize, t, {
    restaurantId,
    deltas: new Map([...needs].map(([id, q]) => [id, -q])),
    reason: 'order',
    orderId,
    actor: ctx.actor,
  });
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
