import { decryptPii, emailLookupHash, encryptPii, normaliseEmail, phoneLookupHash } from '../../lib/pii';

/**
 * The stored form of an account's email: encrypted, with its keyed hash for lookup and the
 * unique index. Every writer of users (sign-up, demo seeder, first-manager command) uses this.
 */
export function emailColumns(piiKey: Buffer, email: string): { emailEnc: string; emailHash: string } {
  return { emailEnc: encryptPii(piiKey, normaliseEmail(email))!, emailHash: emailLookupHash(piiKey, email) };
}

/** An account's email in clear, for its presenter. */
export function emailOf(piiKey: Buffer, u: { emailEnc: string }): string {
  return decryptPii(piiKey, u.emailEnc)!;
}

/** The stored form of an account's phone: encrypted, with its keyed hash for sign-in by code. */
export function phoneColumns(piiKey: Buffer, phone: string | null | undefined): { phoneEnc: string | null; phoneHash: string | null } {
  if (phone === null || phone === undefined) return { phoneEnc: null, phoneHash: null };
  return { phoneEnc: encryptPii(piiKey, phone.trim()), phoneHash: phoneLookupHash(piiKey, phone) };
}
