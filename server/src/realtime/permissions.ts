import type { Scope } from '@dinewire/protocol';
import { type Actor, isDeviceOf, isStaffOf } from '../context';

/**
 * Which restaurant scopes an actor may watch. Anyone may watch a menu; a board or kitchen
 * screen its own restaurant's board or kitchen; staff their restaurants' scopes by role.
 */
export function mayWatch(actor: Actor, restaurantId: string, scope: Scope): boolean {
  switch (scope) {
    case 'menu':
      return true;
    case 'board':
      return isStaffOf(actor, restaurantId) || isDeviceOf(actor, restaurantId, ['board', 'kitchen']);
    case 'kitchen':
      return isStaffOf(actor, restaurantId, ['manager', 'kitchen']) || isDeviceOf(actor, restaurantId, ['kitchen']);
    case 'staff':
      return isStaffOf(actor, restaurantId, ['manager', 'host']);
  }
}
