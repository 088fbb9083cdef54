import type { Allergen } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import { one } from '../../db/sql';
import { eventCtes } from '../events/events.sql';
import { type EventRow, fromRow, type StoredEvent } from '../events/storedEvent';
import type { OrderItemRecord, OrderRecord } from './order.presenter';
import type { StoredPlacement } from './orderSecrets';
import type { PromotionRow } from '../promotions/promotionPricing';
import type { MenuDish } from './pricing';

/**
 * Order placement's statements: the measured hot path, so raw SQL, each one round trip. A
 * placement makes three (claim and menu, stock, insert) besides BEGIN and COMMIT.
 */

export interface PlacementHead {
  id: string;
  currency: string;
  tax_rate_bps: number;
  service_charge_bps: number;
  time_zone: string;
  hold_room_charges: boolean;
  /** How long a self-service pay-at-counter order holds its stock unpaid. */
  counter_payment_minutes: number;
  claimed: boolean;
  /** The ordered dishes, and every dish a promotion of the restaurant gives free. */
  dishes: MenuDish[];
  /** The restaurant's active promotions not yet over. */
  promotions: PromotionRow[];
  /** The calling guest's uses of them, by promotion id (empty without a guest account). */
  usage: Record<string, number>;
}

/**
 * Claims the Idempotency-Key and reads the restaurant and the ordered dishes (with their option
 * groups and recipes), in one statement. A request racing with the same key waits here on the
 * key's index entry until the first commits (then finds its response) or rolls back.
 */
export async function claimAndReadMenu(
  sequelize: Sequelize,
  t: Transaction,
  b: { restaurantId: string; scope: string; keyHash: string; requestHash: string; dishIds: string[]; guestKey: string | null },
): Promise<PlacementHead | null> {
  return one<PlacementHead>(
    sequelize,
    `WITH claim AS (
       INSERT INTO idempotency_keys (scope, key_hash, request_hash) VALUES ($scope, $keyHash, $requestHash) ON CONFLICT DO NOTHING RETURNING key_hash)
     ${menuSelect('EXISTS (SELECT 1 FROM claim)', '', true)}`,
    b,
    t,
  );
}

/**
 * The same read without a claim or a transaction, with the response stored for the key if its
 * request already committed: what a card is authorised for before the order's transaction
 * (or, for a retry, the answer it gets without touching the card). One round trip.
 */
export async function readMenuAndAnswer(
  sequelize: Sequelize,
  b: { restaurantId: string; dishIds: string[]; scope: string; keyHash: string; guestKey: string | null },
): Promise<(PlacementHead & { stored: StoredResponse<StoredPlacement> | null }) | null> {
  return one(
    sequelize,
    menuSelect(
      'false',
      `(SELECT json_build_object('request_hash', k.request_hash, 'response_status', k.response_status, 'response_body', k.response_body)
          FROM idempotency_keys k WHERE k.scope = $scope AND k.key_hash = $keyHash AND k.response_body IS NOT NULL) AS stored,`,
    ),
    b,
  );
}

/** The restaurant and the dishes as placement reads them, without a claim or a transaction: the preview's one statement. */
export async function readMenu(
  sequelize: Sequelize,
  b: { restaurantId: string; dishIds: string[]; guestKey: string | null },
): Promise<PlacementHead | null> {
  return one<PlacementHead>(sequelize, menuSelect('false'), b);
}

/**
 * `lockDishes`: inside the order's transaction the dishes are read FOR SHARE, so an "86" (which
 * updates the row) waits for orders that read the dish as on sale, and orders after it see it.
 */
function menuSelect(claimed: string, extra = '', lockDishes = false): string {
  return `SELECT r.id, r.currency, r.tax_rate_bps, r.service_charge_bps, r.time_zone, r.hold_room_charges, r.counter_payment_minutes,
       ${claimed} AS claimed, ${extra}
       coalesce((SELECT json_agg(json_build_object('id', d.id, 'restaurant_id', d.restaurant_id, 'names', d.names,
           'price_cents', d.price_cents, 'station_id', d.station_id, 'category_id', d.category_id, 'active', d.active,
           'sold_out', d.sold_out_at IS NOT NULL,
           'modifiers', coalesce((SELECT json_agg(json_build_object('group_id', g.id, 'min_choices', g.min_choices, 'max_choices', g.max_choices,
                   'group_names', g.names, 'option_id', o.id, 'option_names', o.names, 'price_delta_cents', o.price_delta_cents))
                   FROM modifier_groups g LEFT JOIN modifier_options o ON o.group_id = g.id WHERE g.dish_id = d.id), '[]'),
           'recipe', coalesce((SELECT json_agg(json_build_object('ingredient_id', rl.ingredient_id, 'quantity', rl.quantity, 'on_hand', i.quantity))
                   FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id WHERE rl.dish_id = d.id), '[]')))
         FROM (SELECT * FROM dishes WHERE id = ANY($dishIds::uuid[])
                 OR id IN (SELECT free_dish_id FROM promotions WHERE restaurant_id = $restaurantId AND active AND free_dish_id IS NOT NULL)
               ${lockDishes ? 'FOR SHARE' : ''}) d), '[]') AS dishes,
       coalesce((SELECT json_agg(p) FROM promotions p
                  WHERE p.restaurant_id = r.id AND p.active AND (p.ends_at IS NULL OR p.ends_at > now())), '[]') AS promotions,
       coalesce((SELECT json_object_agg(u.promotion_id, u.uses) FROM promotion_usage u JOIN promotions p ON p.id = u.promotion_id
                  WHERE p.restaurant_id = r.id AND u.guest_key = $guestKey::text), '{}') AS usage
     FROM restaurants r WHERE r.id = $restaurantId`;
}

/**
 * Takes one use of a per-guest-limited promotion for `guestKey`, inside the order's transaction:
 * false when the guest has used it `limit` times. A racing order of the same guest waits on the
 * row and then sees the use the first committed, so two orders never both take the last use.
 */
export async function claimPromotionUse(
  sequelize: Sequelize,
  t: Transaction,
  b: { promotionId: string; guestKey: string; limit: number },
): Promise<boolean> {
  const r = await one<{ uses: number }>(
    sequelize,
    `INSERT INTO promotion_usage (promotion_id, guest_key, uses) VALUES ($promotionId, $guestKey, 1)
     ON CONFLICT (promotion_id, guest_key) DO UPDATE SET uses = promotion_usage.uses + 1 WHERE promotion_usage.uses < $limit::int
     RETURNING uses`,
    b,
    t,
  );
  return r !== null;
}

/** A cancelled order's limited promotions count no more against its guest (inside the cancellation's transaction). */
export async function giveBackPromotionUses(
  sequelize: Sequelize,
  t: Transaction,
  o: { userId: string | null; promotions: { id: string }[] | null },
): Promise<void> {
  if (!o.userId || !o.promotions?.length) return;
  await sequelize.query(
    'UPDATE promotion_usage SET uses = uses - 1 WHERE guest_key = $guestKey AND promotion_id = ANY($ids::uuid[]) AND uses > 0',
    { bind: { guestKey: `user:${o.userId}`, ids: o.promotions.map((p) => p.id) }, transaction: t },
  );
}

/** Gives back a use taken in this transaction that the order ended up not using. */
export async function releasePromotionUse(
  sequelize: Sequelize,
  t: Transaction,
  b: { promotionId: string; guestKey: string },
): Promise<void> {
  await sequelize.query(
    'UPDATE promotion_usage SET uses = uses - 1 WHERE promotion_id = $promotionId AND guest_key = $guestKey AND uses > 0',
    {
      bind: b,
      transaction: t,
    },
  );
}

export interface StoredResponse<Body> {
  request_hash: string;
  response_status: number | null;
  response_body: Body | null;
}

/** The response stored for a key, once its request has committed. */
export async function storedResponse<Body>(
  sequelize: Sequelize,
  t: Transaction,
  b: { scope: string; keyHash: string },
): Promise<StoredResponse<Body> | null> {
  const r = await one<StoredResponse<Body>>(
    sequelize,
    'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $scope AND key_hash = $keyHash',
    { scope: b.scope, keyHash: b.keyHash },
    t,
  );
  return r && r.response_body ? r : null;
}

/**
 * The table, if it is the restaurant's, and the allergies of the party a seated booking has at it
 * now (the booking's, which took its guest account's when booked, and that account's as they are
 * now): what the kitchen's ticket of an order placed at the table shows. A booking still marked
 * seated from an earlier day (never completed) counts no more. One statement, in place of the
 * table check placement makes anyway.
 */
export async function tableWithAllergies(
  sequelize: Sequelize,
  t: Transaction | undefined,
  b: { tableId: string; restaurantId: string },
): Promise<{ allergies: Allergen[] } | null> {
  return one<{ allergies: Allergen[] }>(
    sequelize,
    `SELECT coalesce((
         SELECT array_agg(DISTINCT a ORDER BY a)
         FROM reservation_tables h
         JOIN reservations v ON v.id = h.reservation_id
         LEFT JOIN users u ON u.id = v.user_id
         CROSS JOIN LATERAL unnest(v.allergies || coalesce(u.allergies, '{}')) AS a
         WHERE h.table_id = d.id AND h.active AND v.status = 'seated' AND v.starts_at > now() - interval '1 day'), '{}') AS allergies
     FROM dining_tables d WHERE d.id = $tableId AND d.restaurant_id = $restaurantId`,
    b,
    t,
  );
}

/**
 * The restaurant and the dishes as placement reads them, inside the caller's transaction with the
 * dishes read FOR SHARE (as placement does), without claiming a key: a booking's pre-order, whose
 * booking claimed its own.
 */
export async function readMenuLocked(
  sequelize: Sequelize,
  t: Transaction,
  b: { restaurantId: string; dishIds: string[]; guestKey: string | null },
): Promise<PlacementHead | null> {
  return one<PlacementHead>(sequelize, menuSelect('false', '', true), b, t);
}

/**
 * Takes a held pre-order out of hold for the kitchen: at `tableId`, numbered and timed as placed now
 * (its ticket's age and pickup number are those of the day it is cooked, not of the day it was
 * booked). The caller holds the order's row lock, then writes its `order.created` event.
 * False when it was not held (already sent).
 */
export async function unholdOrder(
  sequelize: Sequelize,
  t: Transaction,
  b: { orderId: string; restaurantId: string; tableId: string | null; timeZone: string },
): Promise<boolean> {
  const r = await one<{ id: string }>(
    sequelize,
    `WITH num AS (
       INSERT INTO order_numbers (restaurant_id, business_date, last) VALUES ($restaurantId, (now() AT TIME ZONE $timeZone)::date, 1)
       ON CONFLICT (restaurant_id, business_date) DO UPDATE SET last = order_numbers.last + 1
       RETURNING last, business_date)
     UPDATE orders SET held = false, table_id = $tableId::uuid, number = num.last, business_date = num.business_date,
       placed_at = now(), updated_at = now()
     FROM num WHERE orders.id = $orderId::uuid AND orders.restaurant_id = $restaurantId::uuid AND orders.held
     RETURNING orders.id`,
    b,
    t,
  );
  return r !== null;
}

export async function tableInRestaurant(
  sequelize: Sequelize,
  t: Transaction | undefined,
  b: { tableId: string; restaurantId: string },
): Promise<boolean> {
  return Boolean(await one(sequelize, 'SELECT 1 AS found FROM dining_tables WHERE id = $tableId AND restaurant_id = $restaurantId', b, t));
}

/**
 * One statement: the next pickup number of the restaurant's business day, the order, its items,
 * its payment, the stored response for its Idempotency-Key, and its `order.created` event (the
 * counter lock last). The response and the event hold the order sealed (see orderSecrets). Returns
 * the pickup number and the event. A `held` order (a booking's pre-order) is written without an
 * event or a stored response: the booking's own event and answer carry it, and the kitchen is told
 * of it (fireHeldOrder, order.created) only when its party is seated.
 */
export async function insertOrder(
  sequelize: Sequelize,
  t: Transaction,
  o: {
    row: OrderRecord;
    items: OrderItemRecord[];
    cardBrand: string | null;
    timeZone: string;
    scope: string;
    keyHash: string;
    stored: StoredPlacement;
  },
): Promise<{ number: number; event: StoredEvent }>;
export async function insertOrder(
  sequelize: Sequelize,
  t: Transaction,
  o: { row: OrderRecord; items: OrderItemRecord[]; cardBrand: null; timeZone: string; held: true },
): Promise<{ number: number; event: null }>;
export async function insertOrder(
  sequelize: Sequelize,
  t: Transaction,
  o: {
    row: OrderRecord;
    items: OrderItemRecord[];
    cardBrand: string | null;
    timeZone: string;
    scope?: string;
    keyHash?: string;
    stored?: StoredPlacement;
    held?: true;
  },
): Promise<{ number: number; event: StoredEvent | null }> {
  const r = o.row;
  const held = o.held === true;
  const event = held
    ? ''
    : `${eventCtes('order.created', true, {
        restaurantId: '$restaurantId::uuid',
        orderId: '$orderId::uuid',
        prevOrder: '0',
        data: `jsonb_set($stored::jsonb -> 'order', '{number}', to_jsonb((SELECT last FROM num)))`,
      })},`;
  const idem = held
    ? ''
    : `,
     idem AS (
       UPDATE idempotency_keys SET response_status = 201,
         response_body = jsonb_set($stored::jsonb, '{order,number}', to_jsonb((SELECT last FROM num)))
       WHERE scope = $scope AND key_hash = $keyHash)`;
  const result = await one<EventRow & { number: number }>(
    sequelize,
    `WITH num AS (
       INSERT INTO order_numbers (restaurant_id, business_date, last) VALUES ($restaurantId, (now() AT TIME ZONE $timeZone)::date, 1)
       ON CONFLICT (restaurant_id, business_date) DO UPDATE SET last = order_numbers.last + 1
       RETURNING last, business_date),
     ${event}
     ord AS (
       INSERT INTO orders (id, restaurant_id, number, business_date, channel, table_id, status,
         subtotal_cents, discount_cents, service_charge_cents, tax_cents, total_cents, currency,
         payment_method, payment_status, processor_ref, card_brand, card_last4, guest_name_enc, room_number_enc, room_stay_id,
         promo_code, promotions, user_id, device_id, order_token_hash, placed_at, updated_at, last_event_seq, release_at,
         held, allergies)
       SELECT $orderId::uuid, $restaurantId::uuid, num.last, num.business_date, $channel, $tableId::uuid, 'placed',
         $subtotalCents::int, $discountCents::int, $serviceChargeCents::int, $taxCents::int, $totalCents::int, $currency,
         $paymentMethod, $paymentStatus, $processorRef, $cardBrand, $cardLast4, $guestNameEnc, $roomNumberEnc, $roomStayId::uuid,
         $promoCode, $promotions::jsonb, $userId::uuid, $deviceId::uuid, $orderTokenHash, $placedAt::timestamptz, $placedAt::timestamptz,
         ${held ? '0' : '(SELECT seq FROM counter)'}, $releaseAt::timestamptz, ${held ? 'true' : 'false'}, $allergies::text[]
       FROM num
       RETURNING id),
     items AS (
       INSERT INTO order_items (id, order_id, dish_id, names, quantity, modifiers, note, unit_price_cents, line_total_cents,
         status, station_id, stock_taken, position, status_changed_at)
       SELECT x.id, (SELECT id FROM ord), x.dish_id, x.names, x.quantity, x.modifiers, x.note, x.unit_price_cents, x.line_total_cents,
         'queued', x.station_id, x.stock_taken, x.position, $placedAt::timestamptz
       FROM jsonb_to_recordset($items::jsonb) AS x(id uuid, dish_id uuid, names jsonb, quantity int, modifiers jsonb, note text,
         unit_price_cents int, line_total_cents int, station_id uuid, stock_taken jsonb, position int)),
     pay AS (
       -- A card charge is pending until its capture job has captured it; a room charge is our own books.
       -- Nothing is charged yet to an order paid at the counter, or to a room charge held for staff.
       INSERT INTO payments (order_id, method, kind, amount_cents, processor_ref, room_stay_id, status, settled_at)
       SELECT (SELECT id FROM ord), $paymentMethod, 'charge', $totalCents::int, $processorRef, $roomStayId::uuid,
         CASE WHEN $paymentMethod = 'card' THEN 'pending' ELSE 'settled' END,
         CASE WHEN $paymentMethod = 'card' THEN NULL ELSE now() END
       WHERE $paymentMethod <> 'counter' AND $paymentStatus <> 'awaiting_confirmation')${idem}
     ${held ? 'SELECT (SELECT last FROM num) AS number' : 'SELECT event.*, (SELECT last FROM num) AS number FROM event'}`,
    {
      orderId: r.id,
      restaurantId: r.restaurantId,
      timeZone: o.timeZone,
      channel: r.channel,
      tableId: r.tableId,
      subtotalCents: r.subtotalCents,
      discountCents: r.discountCents,
      serviceChargeCents: r.serviceChargeCents,
      taxCents: r.taxCents,
      totalCents: r.totalCents,
      currency: r.currency,
      paymentMethod: r.paymentMethod,
      paymentStatus: r.paymentStatus,
      processorRef: r.processorRef,
      cardBrand: o.cardBrand,
      cardLast4: r.cardLast4,
      guestNameEnc: r.guestNameEnc,
      roomNumberEnc: r.roomNumberEnc,
      promoCode: r.promoCode,
      promotions: JSON.stringify(r.promotions),
      userId: r.userId,
      deviceId: r.deviceId,
      orderTokenHash: r.orderTokenHash,
      placedAt: r.placedAt,
      releaseAt: r.releaseAt,
      allergies: r.allergies,
      // The columns of jsonb_to_recordset above.
      items: JSON.stringify(
        o.items.map((i) => ({
          id: i.id,
          dish_id: i.dishId,
          names: i.names,
          quantity: i.quantity,
          modifiers: i.modifiers,
          note: i.note,
          unit_price_cents: i.unitPriceCents,
          line_total_cents: i.lineTotalCents,
          station_id: i.stationId,
          stock_taken: i.stockTaken,
          position: i.position,
        })),
      ),
      roomStayId: r.roomStayId,
      ...(held ? {} : { scope: o.scope, keyHash: o.keyHash, stored: JSON.stringify(o.stored) }),
    },
    t,
  );
  if (!result) throw new Error(`no event counter for restaurant ${r.restaurantId}`);
  return { number: result.number, event: held ? null : fromRow(result) };
}
