import type { AccountExport, Profile } from '@dinewire/protocol';
import { decryptPii } from '../../lib/pii';
import type { Session, User } from '../../models';
import { presentUser } from './user.presenter';

/** An account with its profile, as only its owner sees it: email and phone decrypted. */
export function presentProfile(u: User, restaurantIds: string[], piiKey: Buffer): Profile {
  return { ...presentUser(u, restaurantIds, piiKey), phone: decryptPii(piiKey, u.phoneEnc), allergies: u.allergies, dietary: u.dietary };
}

/** A session as its owner's data export lists it: when, never its token. */
export function presentSessionRecord(s: Session): AccountExport['sessions'][number] {
  return {
    createdAt: s.createdAt.toISOString(),
    lastUsedAt: s.lastUsedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null,
  };
}
