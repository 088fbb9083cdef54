import type { BoardOrder, LocalizedText, Order, OrderItem } from '@dinewire/protocol';
import type { Audience } from '../../realtime/audiences';

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

/** A kitchen screen needs what to cook, not who pays or how. */
export function presentOrderForKitchen(order: Order): Order {
  const { guestName: _g, roomNumber: _r, cardLast4: _c, promoCode: _p, ...rest } = order;
  return rest;
}

/** A pickup board in the hall shows numbers and states, never names. */
export function presentOrderForBoard(order: Order): BoardOrder {
  return { id: order.id, number: order.number, status: order.status, version: order.version };
}

export function presentOrderFor(order: Order, audience: Audience): Order | BoardOrder {
  switch (audience) {
    case 'kitchen':
      return presentOrderForKitchen(order);
    case 'board':
      return presentOrderForBoard(order);
    default:
      return order;
  }
}
