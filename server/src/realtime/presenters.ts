import type { EventType, Order } from '@dinewire/protocol';
import { presentOrderFor } from '../modules/orders/order.presenter';
import { audienceOfScope } from '../policies';
import type { Audience } from './audiences';

/** Shapes an event's stored data for one audience; the same function serves live and catch-up. */
export function presentEventData(type: EventType, data: unknown, audience: Audience): unknown {
  if (type === 'order.created' || type === 'order.updated') {
    const orderAudience = audienceOfScope(audience);
    // A scope that sees no orders gets none (the event routing keeps them away; this makes sure).
    return orderAudience ? presentOrderFor(data as Order, orderAudience) : null;
  }
  return data;
}
