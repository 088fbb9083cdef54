import crypto from 'node:crypto';
import type { OrderCreate } from '@dinewire/protocol';
import type { Actor } from '../../context';
import { encryptPii } from '../../lib/pii';
import { sha256 } from '../accounts/sessions';
import type { OrderItemRow, OrderRow } from './order.presenter';
import type { PricedItem, Promotion } from './pricing';
import type { Totals } from './totals';

/** The rows a new order is stored as (its pickup number is taken in the insert). */
export function newOrderRecord(a: {
  orderId: string;
  orderToken: string;
  body: OrderCreate;
  actor: Actor;
  priced: PricedItem[];
  totals: Totals;
  currency: string;
  promo: Promotion | null;
  card: { last4: string } | null;
  processorRef: string | null;
  piiKey: Buffer;
}): { row: OrderRow; items: OrderItemRow[] } {
  const { body } = a;
  const now = new Date();
  const paymentStatus = body.paymentMethod === 'card' ? 'paid' : body.paymentMethod === 'room' ? 'charged_to_room' : 'due';
  const row: OrderRow = {
    id: a.orderId,
    restaurant_id: body.restaurantId,
    number: 0,
    channel: body.channel,
    table_id: body.tableId ?? null,
    status: 'placed',
    subtotal_cents: a.totals.subtotalCents,
    discount_cents: a.totals.discountCents,
    service_charge_cents: a.totals.serviceChargeCents,
    tax_cents: a.totals.taxCents,
    total_cents: a.totals.totalCents,
    refunded_cents: 0,
    currency: a.currency,
    payment_method: body.paymentMethod,
    payment_status: paymentStatus,
    processor_ref: a.processorRef,
    card_last4: a.card?.last4 ?? null,
    guest_name_enc: encryptPii(a.piiKey, body.guestName ?? null),
    room_number: body.roomNumber ?? null,
    promo_code: a.promo?.code ?? null,
    user_id: a.actor.kind === 'user' ? a.actor.id : null,
    device_id: a.actor.kind === 'device' ? a.actor.id : null,
    order_token_hash: sha256(a.orderToken),
    version: 1,
    last_event_seq: 0,
    placed_at: now,
    updated_at: now,
  };
  const items: OrderItemRow[] = a.priced.map((i, position) => ({
    id: crypto.randomUUID(),
    order_id: a.orderId,
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
  return { row, items };
}
