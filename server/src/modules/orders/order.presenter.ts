import { ALLERGENS, type BoardOrder, type Order, type OrderItem } from '@dinewire/protocol';
import type { Attributes } from 'sequelize';
import { forbidden } from '../../errors';
import type { Order as OrderModel, OrderItem as OrderItemModel } from '../../models';
import { type Actor, type OrderAccess, type OrderAudience, audienceOf } from '../../policies';

/** An order's stored fields, as its model reads them (or placement builds them before the insert). */
export type OrderRecord = Omit<Attributes<OrderModel>, 'businessDate' | 'cancelledAt' | 'cardBrand' | 'readyAt'>;
export type OrderItemRecord = Attributes<OrderItemModel>;

/** The full order, as staff and the guest who owns it see it. */
export function presentOrder(
  o: OrderRecord,
  items: OrderItemRecord[],
  guest: { guestName: string | null; roomNumber: string | null },
): Order {
  return {
    id: o.id,
    restaurantId: o.restaurantId,
    number: o.number,
    channel: o.channel,
    tableId: o.tableId,
    status: o.status,
    items: items.map((i) => ({
      id: i.id,
      dishId: i.dishId,
      name: i.names.en,
      names: i.names,
      quantity: i.quantity,
      modifiers: i.modifiers.map((m) => ({ id: m.id, name: m.names.en, names: m.names, priceDeltaCents: m.priceDeltaCents })),
      note: i.note,
      unitPriceCents: i.unitPriceCents,
      lineTotalCents: i.lineTotalCents,
      status: i.status,
      stationId: i.stationId,
      statusChangedAt: i.statusChangedAt.toISOString(),
    })),
    subtotalCents: o.subtotalCents,
    discountCents: o.discountCents,
    serviceChargeCents: o.serviceChargeCents,
    taxCents: o.taxCents,
    totalCents: o.totalCents,
    refundedCents: o.refundedCents,
    currency: o.currency.trim(),
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    guestName: guest.guestName,
    roomNumber: guest.roomNumber,
    cardLast4: o.cardLast4,
    promoCode: o.promoCode,
    promotions: (o.promotions ?? []).map((p) => ({ id: p.id, name: p.names.en, names: p.names, amountCents: p.amountCents })),
    placedAt: o.placedAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    rushedAt: o.rushedAt ? o.rushedAt.toISOString() : null,
    // In ALLERGENS order, as a booking lists them.
    allergies: ALLERGENS.filter((a) => o.allergies?.includes(a)),
    version: o.version,
  };
}

/** What the policies decide on, from the row. */
export function accessOf(o: Pick<OrderRecord, 'restaurantId' | 'userId' | 'deviceId' | 'orderTokenHash'>): OrderAccess {
  return { restaurantId: o.restaurantId, userId: o.userId, deviceId: o.deviceId, tokenHash: o.orderTokenHash };
}

type OrderField = keyof Order;
type ItemField = keyof OrderItem;

const ITEM_FIELDS = [
  'id',
  'dishId',
  'name',
  'names',
  'quantity',
  'modifiers',
  'note',
  'unitPriceCents',
  'lineTotalCents',
  'status',
  'stationId',
  'statusChangedAt',
] as const satisfies readonly ItemField[];

/** Who pays and how much: staff and the owner see it, the kitchen does not need it. */
const GUEST_FIELDS = ['guestName', 'roomNumber', 'cardLast4', 'promoCode', 'promotions'] as const satisfies readonly OrderField[];

const KITCHEN_FIELDS = [
  'id',
  'restaurantId',
  'number',
  'channel',
  'tableId',
  'status',
  'items',
  'subtotalCents',
  'discountCents',
  'serviceChargeCents',
  'taxCents',
  'totalCents',
  'refundedCents',
  'currency',
  'paymentMethod',
  'paymentStatus',
  'placedAt',
  'updatedAt',
  'rushedAt',
  // The cooks need to know what the table cannot eat.
  'allergies',
  'version',
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
