import type { DinewireEvent, EventType, Order } from '@dinewire/protocol';
import { audienceOfScope, type OrderAudience } from '../../policies';
import { ORDER_FIELDS, presentOrderFor } from '../orders/order.presenter';
import { openOrder, type SealedOrder } from '../orders/orderSecrets';
import { presentReservationEvent } from '../reservations/reservation.presenter';
import type { SealedReservation } from '../reservations/reservationSecrets';
import { presentWaitlistEvent } from '../waitlist/waitlist.presenter';
import type { SealedWaitlistEntry } from '../waitlist/waitlistSecrets';
import type { Audience } from './eventAudiences';
import type { StoredEvent } from './storedEvent';

/**
 * Shapes an event's stored data for one audience; the same function serves live and catch-up.
 * An order is stored sealed: only an audience shown the guest's name and room has them unsealed.
 */
export function presentEventData(piiKey: Buffer, type: EventType, data: unknown, audience: OrderAudience | null): unknown {
  if (type === 'order.created' || type === 'order.updated') {
    // A scope that sees no orders gets none (the event routing keeps them away; this makes sure).
    if (!audience) return null;
    const fields: readonly string[] = ORDER_FIELDS[audience];
    const sealed = data as SealedOrder;
    return presentOrderFor(fields.includes('guestName') ? openOrder(piiKey, sealed) : (sealed as Order), audience);
  }
  if (type === 'reservation.created' || type === 'reservation.updated') {
    return presentReservationEvent(piiKey, data as SealedReservation, audience);
  }
  if (type === 'waitlist.updated') return presentWaitlistEvent(piiKey, data as SealedWaitlistEntry, audience);
  return data;
}

/**
 * The event as one audience receives it (live or in a catch-up), or null if it may not see it.
 * An order's subscribers see it as `orderAudience` (the owner, unless the policies say otherwise).
 */
export function presentEvent(
  piiKey: Buffer,
  e: StoredEvent,
  audience: Audience,
  orderAudience: OrderAudience = 'owner',
): DinewireEvent | null {
  let prevSeq: number | null;
  switch (audience) {
    case 'staff':
      prevSeq = e.seq - 1;
      break;
    case 'order':
      prevSeq = e.prev.order;
      break;
    default:
      prevSeq = e.prev[audience];
  }
  if (prevSeq === null) return null;
  const data = presentEventData(piiKey, e.type, e.data, audience === 'order' ? orderAudience : audienceOfScope(audience));
  return {
    seq: e.seq,
    prevSeq,
    restaurantId: e.restaurantId,
    type: e.type,
    at: e.at,
    ...(e.publishedAt ? { publishedAt: e.publishedAt } : {}),
    data,
  } as DinewireEvent;
}
