import { eventFitsScope, type EventType, type Scope } from '@dinewire/protocol';

/**
 * Who may see which event: the staff scope sees everything; kitchen screens see orders,
 * availability and low stock; pickup boards see orders (presented without names); kiosks and
 * phones see availability; an order's own subscribers see that order. The client library
 * mirrors this table (`eventFitsScope`) to route events to its subscriptions.
 */
export type Audience = Scope | 'order';

export function audiencesOf(type: EventType, hasOrder: boolean): Audience[] {
  const out: Audience[] = (['staff', 'kitchen', 'board', 'menu'] as const).filter((s) => eventFitsScope({ type }, s));
  if (hasOrder && type.startsWith('order.')) out.push('order');
  return out;
}
