import type { Scope } from '@dinewire/protocol';
import { type Actor, isDeviceOf, isStaffOf } from './actor';
import { isOwner, type OrderAccess } from './orderAccess';

/**
 * Which presentation of an order a caller gets: `staff` and `owner` the whole order, `kitchen`
 * what to cook (no guest name, room, card or promotion), `board` its number and status only.
 */
export type OrderAudience = 'staff' | 'owner' | 'kitchen' | 'board';

/** The audience of a caller for a restaurant's orders (and one order of it, when given); null: none. */
export function audienceOf(
  actor: Actor,
  restaurantId: string,
  order?: { access: OrderAccess; token?: string | null },
): OrderAudience | null {
  if (isStaffOf(actor, restaurantId, ['manager', 'host'])) return 'staff';
  if (order && isOwner(actor, order.access, order.token)) return 'owner';
  if (isStaffOf(actor, restaurantId, ['kitchen']) || isDeviceOf(actor, restaurantId, ['kitchen'])) return 'kitchen';
  if (isDeviceOf(actor, restaurantId, ['board'])) return 'board';
  return null;
}

/** The presentation a subscription gets: a scope's own, and an order's subscribers its owner's. */
export function audienceOfScope(scope: Scope | 'order'): OrderAudience | null {
  switch (scope) {
    case 'staff':
    case 'kitchen':
    case 'board':
      return scope;
    case 'order':
      return 'owner';
    case 'menu':
      return null;
  }
}
