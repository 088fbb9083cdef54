import type { Role } from '@dinewire/protocol';
import type { SessionDevice } from './session.svelte';

/** The screens of one restaurant, in the order the navigation shows them. */
export const RestaurantScreens = ['kitchen', 'expo', 'board', 'live', 'host', 'inventory', 'devices', 'tables'] as const;
export type RestaurantScreen = (typeof RestaurantScreens)[number];

/** What the page shows. An address with no screen is 'not-found', whoever is at it. */
export type StaffScreen = 'login' | 'pair' | 'picker' | RestaurantScreen | 'not-found';

/**
 * Which restaurant screens a person of this role may open: the navigation shows these, and an
 * address to another one goes back to the start. The server decides what each call may do
 * (server/src/policies); this only keeps people off screens that would be refused throughout.
 */
const BY_ROLE: Record<Role, readonly RestaurantScreen[]> = {
  manager: RestaurantScreens,
  kitchen: ['kitchen', 'expo', 'board'],
  host: ['host', 'expo', 'board'],
  guest: [],
};

export function screensOfRole(role: Role): readonly RestaurantScreen[] {
  return BY_ROLE[role];
}

/** The first screen a role lands on in a restaurant. */
export function homeScreenOf(role: Role): RestaurantScreen | null {
  return role === 'manager' ? 'live' : (BY_ROLE[role][0] ?? null);
}

/** A paired device shows one screen, of its own restaurant: kitchen devices the kitchen (their station), boards the board. */
export function deviceScreenOf(device: Pick<SessionDevice, 'kind'>): RestaurantScreen | null {
  return device.kind === 'kitchen' ? 'kitchen' : device.kind === 'board' ? 'board' : null;
}
