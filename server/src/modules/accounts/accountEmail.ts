import { decryptPii, emailLookupHash, encryptPii, normaliseEmail } from '../../lib/pii';

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
