import crypto from 'node:crypto';
import type { Allergen, OrderCreate } from '@dinewire/protocol';
import type { Actor } from '../../context';
import { encryptPii } from '../../lib/pii';
import { sha256 } from '../accounts/sessions';
import type { OrderItemRecord, OrderRecord } from './order.presenter';
import type { AppliedPromotion } from '../../models/Order';
import type { PricedItem } from './pricing';
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
  /** The promotions applied, as charged. */
  promotions: AppliedPromotion[];
  /** The code of the applied promotion the guest typed, as the restaurant spells it. */
  promoCode: string | null;
  card: { last4: string } | null;
  processorRef: string | null;
  roomCharge: { stayId: string; held: boolean } | null;
  /** A self-service counter order's minutes until it is released unpaid; null for every other order. */
  releaseMinutes: number | null;
  piiKey: Buffer;
  /** A booking's pre-order: kept from the kitchen until its party is seated. */
  held?: boolean;
  /** What the guests it is for cannot eat (the ticket shows it). */
  allergies?: Allergen[];
}): { row: OrderRecord; items: OrderItemRecord[] } {
  const { body } = a;
  const now = new Date();
  const roomStatus = a.roomCharge?.held ? 'awaiting_confirmation' : 'charged_to_room';
  const paymentStatus = body.paymentMethod === 'card' ? 'paid' : body.paymentMethod === 'room' ? roomStatus : 'due';
  const row: OrderRecord = {
    id: a.orderId,
    restaurantId: body.restaurantId,
    number: 0,
    channel: body.channel,
    tableId: body.tableId ?? null,
    status: 'placed',
    subtotalCents: a.totals.subtotalCents,
    discountCents: a.totals.discountCents,
    serviceChargeCents: a.totals.serviceChargeCents,
    taxCents: a.totals.taxCents,
    totalCents: a.totals.totalCents,
    refundedCents: 0,
    currency: a.currency,
    paymentMethod: body.paymentMethod,
    paymentStatus,
    processorRef: a.processorRef,
    cardLast4: a.card?.last4 ?? null,
    guestNameEnc: encryptPii(a.piiKey, body.guestName ?? null),
    roomNumberEnc: encryptPii(a.piiKey, body.roomNumber ?? null),
    roomStayId: a.roomCharge?.stayId ?? null,
    promoCode: a.promoCode,
    promotions: a.promotions,
    userId: a.actor.kind === 'user' ? a.actor.id : null,
    deviceId: a.actor.kind === 'device' ? a.actor.id : null,
    orderTokenHash: sha256(a.orderToken),
    version: 1,
    lastEventSeq: 0,
    placedAt: now,
    updatedAt: now,
    rushedAt: null,
    releaseAt: a.releaseMinutes === null ? null : new Date(now.getTime() + a.releaseMinutes * 60_000),
    held: a.held ?? false,
    allergies: a.allergies ?? [],
  };
  const items: OrderItemRecord[] = a.priced.map((i, position) => ({
    id: crypto.randomUUID(),
    orderId: a.orderId,
    dishId: i.dishId,
    names: i.names,
    quantity: i.quantity,
    modifiers: i.modifiers,
    note: i.note,
    unitPriceCents: i.unitPriceCents,
    lineTotalCents: i.lineTotalCents,
    status: 'queued',
    stationId: i.stationId,
    stockTaken: i.recipe.map((r) => ({ ingredientId: r.ingredientId, quantity: r.quantity * i.quantity })),
    position,
    statusChangedAt: now,
  }));
  return { row, items };
}
