import type { BoardOrder, LocalizedText, Order, OrderItem } from '@dinewire/protocol';
import { forbidden } from '../../errors';
import { type Actor, type OrderAccess, type OrderAudience, audienceOf } from '../../policies';

export interface OrderRow {
  id: string;
  restaurant_id: string;
  number: number;
  channel: Order['channel'];
  table_id: string | null;
  status: Order['status'];
  subtotal_cents: number;
  discount_cents: number;
  service_charge_cents: number;
  tax_cents: number;
  total_cents: number;
  refunded_cents: number;
  currency: string;
  payment_method: Order['paymentMethod'];
  payment_status: Order['paymentStatus'];
  processor_ref: string | null;
  card_last4: string | null;
  guest_name_enc: string | null;
  room_number: string | null;
  promo_code: string | null;
  user_id: string | null;
  device_id: string | null;
  order_token_hash: string | null;
  version: number;
  last_event_seq: number;
  placed_at: Date;
  updated_at: Date;
}

export interface OrderItemRow {
  id: string;
  order_id: string;
  dish_id: string;
  names: LocalizedText;
  quantity: number;
  modifiers: { id: string; names: LocalizedText; priceDeltaCents: number }[];
  note: string | null;
  unit_price_cents: number;
  line_total_cents: number;
  status: OrderItem['status'];
  station_id: string | null;
  stock_taken: { ingredientId: string; quantity: number }[];
  position: number;
  status_changed_at: Date;
}

/** The full order, as staff and the guest who owns it see it. */
export function presentOrder(o: OrderRow, items: OrderItemRow[], guestName: string | null): Order {
  return {
    id: o.id,
    restaurantId: o.restaurant_id,
    number: o.number,
    channel: o.channel,
    tableId: o.table_id,
    status: o.status,
    items: items.map((i) => ({
      id: i.id,
      dishId: i.dish_id,
      name: i.names.en,
      names: i.names,
      quantity: i.quantity,
      modifiers: i.modifiers.map((m) => ({ id: m.id, name: m.names.en, names: m.names, priceDeltaCents: m.priceDeltaCents })),
      note: i.note,
      unitPriceCents: i.unit_price_cents,
      lineTotalCents: i.line_total_cents,
      status: i.status,
      stationId: i.station_id,
      statusChangedAt: i.status_changed_at.toISOString(),
    })),
    subtotalCents: o.subtotal_cents,
    discountCents: o.discount_cents,
    serviceChargeCents: o.service_charge_cents,
    taxCents: o.tax_cents,
    totalCents: o.total_cents,
    refundedCents: o.refunded_cents,
    currency: o.currency.trim(),
    paymentMethod: o.payment_method,
    paymentStatus: o.payment_status,
    guestName,
    roomNumber: o.room_number,
    cardLast4: o.card_last4,
    promoCode: o.promo_code,
    placedAt: o.placed_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
    version: o.version,
  };
}

/** What the policies decide on, from the row. */
export function accessOf(o: OrderRow): OrderAccess {
  return { restaurantId: o.restaurant_id, userId: o.user_id, deviceId: o.device_id, tokenHash: o.order_token_hash };
}

type OrderField = keyof Order;
type ItemField = keyof OrderItem;

const ITEM_FIELDS = [
  'id', 'dishId', 'name', 'names', 'quantity', 'modifiers', 'note', 'unitPriceCents', 'lineTotalCents', 'status', 'stationId', 'statusChangedAt',
] as const satisfies readonly ItemField[];

/** Who pays and how much: staff and the owner see it, the kitchen does not need it. */
const GUEST_FIELDS = ['guestName', 'roomNumber', 'cardLast4', 'promoCode'] as const satisfies readonly OrderField[];

const KITCHEN_FIELDS = [
  'id', 'restaurantId', 'number', 'channel', 'tableId', 'status', 'items', 'subtotalCents', 'discountCents', 'serviceChargeCents',
  'taxCents', 'totalCents', 'refundedCents', 'currency', 'paymentMethod', 'paymentStatus', 'placedAt', 'updatedAt', 'version',
] as const satisfies readonly OrderField[];

/**
 * The fields each audience receives: explicit lists, so a field added to Order reaches nobody
 * until it is listed here (and the check below fails to compile until the full list names it).
 */
export const ORDER_FIELDS = {
  staff: [...KITCHEN_FIELDS, ...GUEST_FIELDS],
  owner: [...KITCHEN_FIELDS, ...GUEST_FIELDS],
  kitchen: KITCHEN_FIELDS,
  board: ['id', 'number', 'status', 'version'],
} as const satisfies Record<OrderAudience, readonly OrderField[]>;

/** Item fields, for the audiences that see items. */
export const ORDER_ITEM_FIELDS: readonly ItemField[] = ITEM_FIELDS;

// Every field of Order and OrderItem is named in the full presentation, or this fails to compile.
type Unlisted = Exclude<OrderField, (typeof ORDER_FIELDS.staff)[number]> | Exclude<ItemField, (typeof ITEM_FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

function pick<T extends object>(from: T, fields: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fields) if (f in from) out[f] = from[f];
  return out;
}

/** The order as `audience` may see it, and nothing more. */
export function presentOrderFor(order: Order, audience: OrderAudience): Order | BoardOrder {
  const out = pick(order, ORDER_FIELDS[audience]);
  if (out.items) out.items = out.items.map((i) => pick(i, ITEM_FIELDS) as OrderItem);
  return out as Order | BoardOrder;
}

/** An order with what the policies decide its presentation on. */
export interface LoadedOrder {
  order: Order;
  access: OrderAccess;
}

/** The order as this caller may see it; refuses (rather than leaks) a caller with no audience. */
export function presentOrderTo(actor: Actor, loaded: LoadedOrder, token?: string | null): Order | BoardOrder {
  const audience = audienceOf(actor, loaded.access.restaurantId, { access: loaded.access, token });
  if (!audience) throw forbidden('You may not see this order.');
  return presentOrderFor(loaded.order, audience);
}
