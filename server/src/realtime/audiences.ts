import type { Scope } from '@dinewire/protocol';
import type { OrderAudience } from '../policies';

export const ORDER_AUDIENCES: OrderAudience[] = ['staff', 'owner', 'kitchen', 'board'];

/**
 * Socket.IO rooms. An order's subscribers are split by audience (its owner, staff, the kitchen),
 * so each room gets one presentation of the order.
 */
export const rooms = {
  scope: (restaurantId: string, scope: Scope) => `restaurant:${restaurantId}:${scope}`,
  order: (orderId: string, audience: OrderAudience) => `order:${orderId}:${audience}`,
  device: (deviceId: string) => `device:${deviceId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};

/** Parses a room name back; used by the heartbeat to know what local sockets watch. */
export function parseRoom(room: string): { restaurantId: string; scope: Scope } | { orderId: string } | null {
  const m = /^restaurant:([0-9a-f-]{36}):(staff|kitchen|board|menu)$/.exec(room);
  if (m) return { restaurantId: m[1], scope: m[2] as Scope };
  const o = /^order:([0-9a-f-]{36}):(staff|owner|kitchen|board)$/.exec(room);
  if (o) return { orderId: o[1] };
  return null;
}
