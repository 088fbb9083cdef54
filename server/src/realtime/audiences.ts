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

export const rooms = {
  scope: (restaurantId: string, scope: Scope) => `restaurant:${restaurantId}:${scope}`,
  order: (orderId: string) => `order:${orderId}`,
  device: (deviceId: string) => `device:${deviceId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};

/** Parses a room name back; used by the heartbeat to know what local sockets watch. */
export function parseRoom(room: string): { restaurantId: string; scope: Scope } | { orderId: string } | null {
  const m = /^restaurant:([0-9a-f-]{36}):(staff|kitchen|board|menu)$/.exec(room);
  if (m) return { restaurantId: m[1], scope: m[2] as Scope };
  const o = /^order:([0-9a-f-]{36})$/.exec(room);
  if (o) return { orderId: o[1] };
  return null;
}
