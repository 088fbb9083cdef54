import type { DeviceKind, Role } from '@dinewire/protocol';

/** Who is calling: a signed-in user, a paired device, or nobody. */
export type Actor =
  | { kind: 'user'; id: string; sessionId: string; role: Role; name: string; restaurantIds: string[] }
  | { kind: 'device'; id: string; sessionId: string; restaurantId: string; deviceKind: DeviceKind; stationId: string | null }
  | { kind: 'anonymous' };

export type StaffRole = Exclude<Role, 'guest'>;
export const STAFF_ROLES: StaffRole[] = ['manager', 'kitchen', 'host'];

/** Staff of a restaurant: a user of one of `roles` assigned to it. */
export function isStaffOf(actor: Actor, restaurantId: string, roles: StaffRole[] = STAFF_ROLES): boolean {
  return actor.kind === 'user' && roles.includes(actor.role as StaffRole) && actor.restaurantIds.includes(restaurantId);
}

/** A screen paired to a restaurant, of one of `kinds`. */
export function isDeviceOf(actor: Actor, restaurantId: string, kinds: DeviceKind[]): boolean {
  return actor.kind === 'device' && actor.restaurantId === restaurantId && kinds.includes(actor.deviceKind);
}
