import type { User as UserView } from '@dinewire/protocol';
import type { User } from '../../models';

/** An account as its owner sees it, with the restaurants a staff member works in. */
export function presentUser(u: User, restaurantIds: string[]): UserView {
  return { id: u.id, name: u.name, email: u.email, role: u.role, restaurantIds };
}
