import type { User as UserView } from '@dinewire/protocol';
import type { User } from '../../models';
import { emailOf } from './accountEmail';

/** An account as its owner sees it, with the restaurants a staff member works in; the email decrypted. */
export function presentUser(u: User, restaurantIds: string[], piiKey: Buffer): UserView {
  return { id: u.id, name: u.name, email: emailOf(piiKey, u), role: u.role, restaurantIds };
}
