import crypto from 'node:crypto';
import type { WaitlistEntry } from '@dinewire/protocol';
import { decryptPii, encryptPii } from '../../lib/pii';
import { subKey } from '../../lib/subKeys';

/**
 * A waitlist entry's token is random (joining is not idempotent: each join is a new place in
 * line) and stored only as a keyed hash; its guest's contact is sealed in the events.
 */
export function newWaitlistToken(): string {
  return `wt_${crypto.randomBytes(32).toString('base64url')}`;
}

export function waitlistTokenHash(secret: string, token: string): string {
  return crypto.createHmac('sha256', subKey(secret, 'waitlist-token-hash')).update(token).digest('hex');
}

/** Whether `token` is the entry's, compared in constant time. */
export function tokenMatches(secret: string, tokenHash: string, token: string | undefined): boolean {
  if (!token) return false;
  const a = Buffer.from(waitlistTokenHash(secret, token), 'hex');
  const b = Buffer.from(tokenHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

type Guest = NonNullable<WaitlistEntry['guest']>;

/** An entry as stored in an event: its guest's contact encrypted in `guestEnc`. */
export type SealedWaitlistEntry = Omit<WaitlistEntry, 'guest'> & { guestEnc: string };

export function sealEntry(piiKey: Buffer, e: WaitlistEntry & { guest: Guest }): SealedWaitlistEntry {
  const { guest, ...rest } = e;
  return { ...rest, guestEnc: encryptPii(piiKey, JSON.stringify(guest))! };
}

export function openEntry(piiKey: Buffer, sealed: SealedWaitlistEntry): WaitlistEntry & { guest: Guest } {
  const { guestEnc, ...rest } = sealed;
  return { ...rest, guest: JSON.parse(decryptPii(piiKey, guestEnc)!) as Guest };
}
