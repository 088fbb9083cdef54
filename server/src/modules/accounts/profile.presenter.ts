import type { Profile } from '@dinewire/protocol';
import { decryptPii } from '../../lib/pii';
import type { User } from '../../models';
import { presentUser } from './user.presenter';

/** An account with its profile, as only its owner sees it: email and phone decrypted. */
export function presentProfile(u: User, restaurantIds: string[], piiKey: Buffer): Profile {
  return { ...presentUser(u, restaurantIds, piiKey), phone: decryptPii(piiKey, u.phoneEnc), allergies: u.allergies, dietary: u.dietary };
}
