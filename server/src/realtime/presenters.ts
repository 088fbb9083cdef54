import type { EventType, Order } from '@dinewire/protocol';
import { presentOrderFor } from '../modules/orders/order.presenter';
import type { Audience } from './audiences';

/** Shapes an event's stored data for one audience; the same function serves live and catch-up. */
export function presentEventData(type: EventType, data: unknown, audience: Audience): unknown {
  if (type === 'order.created' || type === 'order.updated') return presentOrderFor(data as Order, audience);
  return data;
}
