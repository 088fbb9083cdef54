import crypto from 'node:crypto';
import type { ErrorDetail, LocalizedText, Order, OrderCreate } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { actorKey, type Ctx, inTransaction } from '../../context';
import { one } from '../../db/sql';
import { AppError, fieldError, idempotencyMismatch, notFound, outOfStock, paymentDeclined, validation } from '../../errors';
import { encryptPii } from '../../lib/pii';
import { metrics } from '../../metrics';
import { authorize } from '../../policies';
import { appendEvent, type StoredEvent } from '../events/eventLog';
import { eventCtes } from '../events/events.sql';
import { type EventRow, fromRow } from '../events/storedEvent';
import { newToken, sha256 } from '../accounts/sessions';
import { changeStock } from '../inventory/stock';
import { computeTotals } from './totals';
import { presentOrder, type OrderItemRow, type OrderRow } from './order.presenter';

export interface PlacedOrder {
  status: number;
  body: { order: Order; orderToken: string };
  replayed: boolean;
}

interface DishRow {
  id: string;
  restaurant_id: string;
  names: LocalizedText;
  price_cents: number;
  station_id: string | null;
  active: boolean;
}
interface ModifierRow {
  dish_id: string;
  group_id: string;
  min_choices: number;
  max_choices: number;
  group_names: LocalizedText;
  option_id: string | null;
  option_names: LocalizedText | null;
  price_delta_cents: number | null;
}
interface RestaurantRow {
  id: string;
  currency: string;
  tax_rate_bps: number;
  service_charge_bps: number;
  time_zone: string;
}

/** Canonical hash of what was asked, keyed so a leaked table reveals nothing (the body may hold a card number). */
function requestHash(secret: string, body: OrderCreate): string {
  return crypto.createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex');
}

/**
 * Places an order: one transaction takes the Idempotency-Key, the stock, a pickup number and
 * the event seq, in that order; a card is authorised before stock is locked and captured just
 * before commit, and released again if anything fails. Retries with the same key get the stored
 * response; two racing requests with one key serialise on the key's unique index.
 */
export async function placeOrder(ctx: Ctx, props: { body: OrderCreate; idempotencyKey: string }): Promise<PlacedOrder> {
  const { body } = props;
  const scope = ctx.actor.kind === 'anonymous' ? 'anon' : actorKey(ctx.actor, ctx.ip);
  const hash = requestHash(ctx.config.sessionSecret, body);

  const orderId = crypto.randomUUID();
  const orderToken = newToken('ot');
  let authorization: { id: string; captured: boolean; amountCents: number } | null = null;

  try {
    const result = await inTransaction(ctx, async (t, emit) => {
      // One statement claims the key and reads the restaurant and the ordered dishes (with their
      // option groups and recipes). A request racing with the same key waits here on the key's
      // index entry until the first commits (then finds its response) or rolls back.
      const head = await one<RestaurantRow & { claimed: boolean; dishes: MenuDish[] }>(
        ctx.sequelize,
        `WITH claim AS (
           INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($2, $3, $5) ON CONFLICT DO NOTHING RETURNING key)
         SELECT r.id, r.currency, r.tax_rate_bps, r.service_charge_bps, r.time_zone,
           EXISTS (SELECT 1 FROM claim) AS claimed,
           coalesce((SELECT json_agg(json_build_object('id', d.id, 'restaurant_id', d.restaurant_id, 'names', d.names,
               'price_cents', d.price_cents, 'station_id', d.station_id, 'active', d.active,
               'modifiers', coalesce((SELECT json_agg(json_build_object('group_id', g.id, 'min_choices', g.min_choices, 'max_choices', g.max_choices,
                       'group_names', g.names, 'option_id', o.id, 'option_names', o.names, 'price_delta_cents', o.price_delta_cents))
                       FROM modifier_groups g LEFT JOIN modifier_options o ON o.group_id = g.id WHERE g.dish_id = d.id), '[]'),
               'recipe', coalesce((SELECT json_agg(json_build_object('ingredient_id', rl.ingredient_id, 'quantity', rl.quantity))
                       FROM recipe_lines rl WHERE rl.dish_id = d.id), '[]')))
             FROM dishes d WHERE d.id = ANY($4::uuid[])), '[]') AS dishes
         FROM restaurants r WHERE r.id = $1`,
        [body.restaurantId, scope, props.idempotencyKey, [...new Set(body.items.map((i) => i.dishId))], hash],
        t,
      );
      if (head && !head.claimed) {
        const done = await storedResponse(ctx, scope, props.idempotencyKey, t);
        if (!done) throw new AppError('conflict', 'A request with this Idempotency-Key is still running.', 409);
        return replay(done, hash);
      }
      if (!head) throw notFound('Restaurant');
      const restaurant = head;
      authorize(ctx.actor, 'order.place', { restaurantId: body.restaurantId, channel: body.channel });

      const priced = priceItems(body, restaurant.dishes);
      if (body.tableId) {
        const table = await one(ctx.sequelize, 'SELECT 1 FROM dining_tables WHERE id = $1 AND restaurant_id = $2', [body.tableId, body.restaurantId], t);
        if (!table) throw fieldError('tableId', 'no such table in this restaurant');
      }
      let roomStayId: string | null = null;
      if (body.paymentMethod === 'room') roomStayId = await findInHouseGuest(ctx, body.roomNumber!, body.guestName!, t);
      const promo = body.promoCode ? await findPromotion(ctx, body.restaurantId, body.promoCode, t) : null;
      const subtotalCents = priced.reduce((sum, i) => sum + i.lineTotalCents, 0);
      if (body.promoCode && !promo) throw fieldError('promoCode', 'unknown or expired promotion code');
      if (promo && subtotalCents < promo.min_subtotal_cents) {
        throw fieldError('promoCode', `needs a subtotal of at least ${(promo.min_subtotal_cents / 100).toFixed(2)} ${restaurant.currency.trim()}`);
      }
      const totals = computeTotals({
        subtotalCents,
        promotion: promo,
        serviceChargeBps: restaurant.service_charge_bps,
        taxRateBps: restaurant.tax_rate_bps,
      });

      // Stock each item takes, per ingredient.
      const needs = new Map<string, number>();
      for (const item of priced) {
        for (const r of item.recipe) needs.set(r.ingredientId, (needs.get(r.ingredientId) ?? 0) + r.quantity * item.quantity);
      }

      let card: { brand: string; last4: string } | null = null;
      if (body.paymentMethod === 'card') {
        const auth = await ctx.payments.authorize({
          amountCents: totals.totalCents,
          currency: restaurant.currency.trim(),
          card: body.card!,
          idempotencyKey: orderId,
        });
        if (!auth.ok) throw paymentDeclined(auth.reason);
        authorization = { id: auth.authorizationId, captured: false, amountCents: totals.totalCents };
        card = { brand: auth.brand, last4: auth.last4 };
      }

      const stock = await changeStock(ctx.sequelize, t, {
        restaurantId: body.restaurantId,
        deltas: new Map([...needs].map(([id, q]) => [id, -q])),
        reason: 'order',
        orderId,
        actor: ctx.actor,
      });
      if (stock.shortages.length) throw outOfStock(shortageDetails(priced, stock.shortages));

      const now = new Date();
      const paymentStatus = body.paymentMethod === 'card' ? 'paid' : body.paymentMethod === 'room' ? 'charged_to_room' : 'due';
      const row: OrderRow = {
        id: orderId,
        restaurant_id: body.restaurantId,
        number: 0, // the pickup number is taken in the insert, below
        channel: body.channel,
        table_id: body.tableId ?? null,
        status: 'placed',
        subtotal_cents: totals.subtotalCents,
        discount_cents: totals.discountCents,
        service_charge_cents: totals.serviceChargeCents,
        tax_cents: totals.taxCents,
        total_cents: totals.totalCents,
        refunded_cents: 0,
        currency: restaurant.currency,
        payment_method: body.paymentMethod,
        payment_status: paymentStatus,
        processor_ref: authorization?.id ?? null,
        card_last4: card?.last4 ?? null,
        guest_name_enc: encryptPii(ctx.config.piiKey, body.guestName ?? null),
        room_number: body.roomNumber ?? null,
        promo_code: promo?.code ?? null,
        user_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        device_id: ctx.actor.kind === 'device' ? ctx.actor.id : null,
        order_token_hash: sha256(orderToken),
        version: 1,
        last_event_seq: 0,
        placed_at: now,
        updated_at: now,
      };
      const items: OrderItemRow[] = priced.map((i, position) => ({
        id: crypto.randomUUID(),
        order_id: orderId,
        dish_id: i.dishId,
        names: i.names,
        quantity: i.quantity,
        modifiers: i.modifiers,
        note: i.note,
        unit_price_cents: i.unitPriceCents,
        line_total_cents: i.lineTotalCents,
        status: 'queued',
        station_id: i.stationId,
        stock_taken: i.recipe.map((r) => ({ ingredientId: r.ingredientId, quantity: r.quantity * i.quantity })),
        position,
        status_changed_at: now,
      }));
      // The order as everyone will see it, built here rather than read back.
      const order = presentOrder(row, items, body.guestName ?? null);
      const responseBody = { order, orderToken };
      // The order, its stored response and its event, in one statement that takes the counter lock last.
      const inserted = await insertOrder(ctx, t, { row, items, cardBrand: card?.brand ?? null, timeZone: restaurant.time_zone, roomStayId, scope, key: props.idempotencyKey, responseBody });
      order.number = inserted.number;
      emit(inserted.event);
      for (const a of stock.availability) {
        emit(await appendEvent(ctx.sequelize, t, { restaurantId: body.restaurantId, type: 'menu.availability', data: a }));
      }
      for (const l of stock.low) {
        emit(await appendEvent(ctx.sequelize, t, { restaurantId: body.restaurantId, type: 'inventory.low', data: l }));
      }

      if (authorization) {
        await ctx.payments.capture(authorization.id, totals.totalCents);
        authorization.captured = true;
      }
      return { status: 201, body: responseBody, replayed: false } as PlacedOrder;
    });
    if (!result.replayed) metrics.ordersPlaced.inc();
    return result;
  } catch (err) {
    await releasePayment(ctx, authorization);
    if (err instanceof AppError) metrics.ordersRefused.inc({ code: err.code });
    throw err;
  }
}

async function releasePayment(ctx: Ctx, auth: { id: string; captured: boolean; amountCents: number } | null): Promise<void> {
  if (!auth) return;
  try {
    if (auth.captured) await ctx.payments.refund(auth.id, auth.amountCents);
    else await ctx.payments.void(auth.id);
  } catch (err) {
    ctx.logger.error({ err, authorizationId: auth.id }, 'could not release a card payment of a failed order');
  }
}

interface StoredResponse {
  request_hash: string;
  response_status: number | null;
  response_body: PlacedOrder['body'] | null;
}

async function storedResponse(ctx: Ctx, scope: string, key: string, t?: Transaction): Promise<StoredResponse | null> {
  const r = await one<StoredResponse>(
    ctx.sequelize,
    'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
    t,
  );
  return r && r.response_body ? r : null;
}

function replay(stored: StoredResponse, hash: string): PlacedOrder {
  if (stored.request_hash !== hash) throw idempotencyMismatch();
  return { status: stored.response_status ?? 201, body: stored.response_body!, replayed: true };
}

interface PricedItem {
  index: number;
  dishId: string;
  names: LocalizedText;
  quantity: number;
  modifiers: { id: string; names: LocalizedText; priceDeltaCents: number }[];
  note: string | null;
  unitPriceCents: number;
  lineTotalCents: number;
  stationId: string | null;
  recipe: { ingredientId: string; quantity: number }[];
}

type MenuDish = DishRow & { modifiers: Omit<ModifierRow, 'dish_id'>[]; recipe: { ingredient_id: string; quantity: number }[] };

/** Prices the items from the menu as it is now; every problem names its item's field. */
function priceItems(body: OrderCreate, dishes: MenuDish[]): PricedItem[] {
  const dishById = new Map(dishes.map((d) => [d.id, d]));
  const details: ErrorDetail[] = [];
  const priced: PricedItem[] = [];
  body.items.forEach((item, index) => {
    const dish = dishById.get(item.dishId);
    if (!dish || dish.restaurant_id !== body.restaurantId) {
      details.push({ field: `items.${index}.dishId`, message: 'no such dish in this restaurant' });
      return;
    }
    if (!dish.active) {
      details.push({ field: `items.${index}.dishId`, message: 'this dish is not on the menu now' });
      return;
    }
    const groups = new Map<string, { min: number; max: number; names: LocalizedText; chosen: number }>();
    const options = new Map<string, { groupId: string; names: LocalizedText; delta: number }>();
    for (const m of dish.modifiers) {
      groups.set(m.group_id, { min: m.min_choices, max: m.max_choices, names: m.group_names, chosen: 0 });
      if (m.option_id) options.set(m.option_id, { groupId: m.group_id, names: m.option_names!, delta: m.price_delta_cents! });
    }
    const chosen: PricedItem['modifiers'] = [];
    const ids = item.modifierIds ?? [];
    if (new Set(ids).size !== ids.length) details.push({ field: `items.${index}.modifierIds`, message: 'an option is chosen twice' });
    ids.forEach((id, j) => {
      const opt = options.get(id);
      if (!opt) {
        details.push({ field: `items.${index}.modifierIds.${j}`, message: 'not an option of this dish' });
        return;
      }
      groups.get(opt.groupId)!.chosen++;
      chosen.push({ id, names: opt.names, priceDeltaCents: opt.delta });
    });
    for (const g of groups.values()) {
      if (g.chosen < g.min || g.chosen > g.max) {
        details.push({
          field: `items.${index}.modifierIds`,
          message: `choose ${g.min === g.max ? g.min : `${g.min} to ${g.max}`} of "${g.names.en}"`,
        });
      }
    }
    const unit = dish.price_cents + chosen.reduce((s, m) => s + m.priceDeltaCents, 0);
    if (unit < 0) details.push({ field: `items.${index}.modifierIds`, message: 'options make the price negative' });
    priced.push({
      index,
      dishId: dish.id,
      names: dish.names,
      quantity: item.quantity,
      modifiers: chosen,
      note: item.note ?? null,
      unitPriceCents: unit,
      lineTotalCents: unit * item.quantity,
      stationId: dish.station_id,
      recipe: dish.recipe.map((r) => ({ ingredientId: r.ingredient_id, quantity: Number(r.quantity) })),
    });
  });
  if (details.length) throw validation(details, `Some items cannot be ordered: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`);
  return priced;
}

function shortageDetails(priced: PricedItem[], shortages: { ingredientId: string; available: number }[]): ErrorDetail[] {
  const short = new Map(shortages.map((s) => [s.ingredientId, s.available]));
  const out: ErrorDetail[] = [];
  for (const item of priced) {
    const limits = item.recipe.filter((r) => short.has(r.ingredientId)).map((r) => Math.floor(short.get(r.ingredientId)! / r.quantity + 1e-9));
    if (!limits.length) continue;
    const remaining = Math.min(...limits);
    out.push({
      field: `items.${item.index}.quantity`,
      dishId: item.dishId,
      name: item.names.en,
      remaining,
      message: remaining > 0 ? `only ${remaining} left` : 'sold out',
    });
  }
  return out;
}

/**
 * One statement: the next pickup number of the restaurant's business day, the order, its items,
 * its payment, the stored response for its Idempotency-Key, and its `order.created` event (the
 * counter lock last). Returns the pickup number and the event.
 */
async function insertOrder(
  ctx: Ctx,
  t: Transaction,
  o: {
    row: OrderRow;
    items: OrderItemRow[];
    cardBrand: string | null;
    timeZone: string;
    roomStayId: string | null;
    scope: string;
    key: string;
    responseBody: PlacedOrder['body'];
  },
): Promise<{ number: number; event: StoredEvent }> {
  const r = o.row;
  const result = await one<EventRow & { number: number }>(
    ctx.sequelize,
    `WITH num AS (
       INSERT INTO order_numbers (restaurant_id, business_date, last) VALUES ($2, (now() AT TIME ZONE $3)::date, 1)
       ON CONFLICT (restaurant_id, business_date) DO UPDATE SET last = order_numbers.last + 1
       RETURNING last, business_date),
     ${eventCtes('order.created', true, {
       restaurantId: '$2::uuid',
       orderId: '$1::uuid',
       prevOrder: '0',
       data: `jsonb_set($28::jsonb -> 'order', '{number}', to_jsonb((SELECT last FROM num)))`,
     })},
     ord AS (
       INSERT INTO orders (id, restaurant_id, number, business_date, channel, table_id, status,
         subtotal_cents, discount_cents, service_charge_cents, tax_cents, total_cents, currency,
         payment_method, payment_status, processor_ref, card_brand, card_last4, guest_name_enc, room_number,
         promo_code, user_id, device_id, order_token_hash, placed_at, updated_at, last_event_seq)
       SELECT $1::uuid, $2::uuid, num.last, num.business_date, $4, $5::uuid, 'placed', $6::int, $7::int, $8::int, $9::int, $10::int, $11,
         $12, $13, $14, $15, $16, $17, $18, $19, $20::uuid, $21::uuid, $22, $23::timestamptz, $23::timestamptz, (SELECT seq FROM counter)
       FROM num
       RETURNING id),
     items AS (
       INSERT INTO order_items (id, order_id, dish_id, names, quantity, modifiers, note, unit_price_cents, line_total_cents,
         status, station_id, stock_taken, position, status_changed_at)
       SELECT x.id, (SELECT id FROM ord), x.dish_id, x.names, x.quantity, x.modifiers, x.note, x.unit_price_cents, x.line_total_cents,
         'queued', x.station_id, x.stock_taken, x.position, $23::timestamptz
       FROM jsonb_to_recordset($24::jsonb) AS x(id uuid, dish_id uuid, names jsonb, quantity int, modifiers jsonb, note text,
         unit_price_cents int, line_total_cents int, station_id uuid, stock_taken jsonb, position int)),
     pay AS (
       INSERT INTO payments (order_id, method, kind, amount_cents, processor_ref, room_stay_id)
       SELECT (SELECT id FROM ord), $12, 'charge', $10::int, $14, $25::uuid WHERE $12 <> 'counter'),
     idem AS (
       UPDATE idempotency_keys SET response_status = 201,
         response_body = jsonb_set($28::jsonb, '{order,number}', to_jsonb((SELECT last FROM num)))
       WHERE scope = $26 AND key = $27)
     SELECT event.*, (SELECT last FROM num) AS number FROM event`,
    [
      r.id,
      r.restaurant_id,
      o.timeZone,
      r.channel,
      r.table_id,
      r.subtotal_cents,
      r.discount_cents,
      r.service_charge_cents,
      r.tax_cents,
      r.total_cents,
      r.currency,
      r.payment_method,
      r.payment_status,
      r.processor_ref,
      o.cardBrand,
      r.card_last4,
      r.guest_name_enc,
      r.room_number,
      r.promo_code,
      r.user_id,
      r.device_id,
      r.order_token_hash,
      r.placed_at,
      JSON.stringify(o.items),
      o.roomStayId,
      o.scope,
      o.key,
      JSON.stringify(o.responseBody),
    ],
    t,
  );
  if (!result) throw new Error(`no event counter for restaurant ${r.restaurant_id}`);
  return { number: result.number, event: fromRow(result) };
}

async function findInHouseGuest(ctx: Ctx, roomNumber: string, guestName: string, t: Transaction): Promise<string> {
  const stay = await one<{ id: string }>(
    ctx.sequelize,
    `SELECT id FROM hotel_stays
      WHERE room_number = $1 AND lower(regexp_replace(guest_name, '\\s+', ' ', 'g')) = lower(regexp_replace($2, '\\s+', ' ', 'g'))
        AND check_in <= current_date AND check_out >= current_date`,
    [roomNumber.trim(), guestName.trim()],
    t,
  );
  if (!stay) {
    throw validation(
      [
        { field: 'roomNumber', message: 'no in-house guest of that name in this room' },
        { field: 'guestName', message: 'no in-house guest of that name in this room' },
      ],
      'The room charge could not be matched to an in-house guest.',
    );
  }
  return stay.id;
}

export interface PromotionRow {
  code: string;
  kind: 'percent' | 'amount';
  value: number;
  min_subtotal_cents: number;
}

async function findPromotion(ctx: Ctx, restaurantId: string, code: string, t: Transaction): Promise<PromotionRow | null> {
  return one<PromotionRow>(
    ctx.sequelize,
    `SELECT code, kind, value, min_subtotal_cents FROM promotions
      WHERE restaurant_id = $1 AND upper(code) = upper($2) AND active
        AND (starts_at IS NULL OR starts_at <= now()) AND (ends_at IS NULL OR ends_at > now())`,
    [restaurantId, code],
    t,
  );
}
