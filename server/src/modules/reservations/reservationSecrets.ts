import crypto from 'node:crypto';
import type { Reservation } from '@dinewire/protocol';
import { decryptPii, encryptPii } from '../../lib/pii';
import { subKey } from '../../lib/subKeys';

/**
 * What a booking may not leave at rest. Its token is derived from the Idempotency-Key it was
 * made with (a replay derives it again) and stored only as a keyed hash; the guest's contact is
 * sealed wherever the whole booking is stored as data (the stored response, the events).
 */

/** The booking's token: a MAC of who asked (scope), the Idempotency-Key and the booking. */
export function reservationTokenFor(secret: string, scope: string, key: string, reservationId: string): string {
  const mac = crypto.createHmac('sha256', subKey(secret, 'reservation-token')).update(JSON.stringify([scope, key, reservationId]));
  return `rt_${mac.digest('base64url')}`;
}

/** The token as stored: a keyed hash, so the table holds nothing a caller could present. */
export function reservationTokenHash(secret: string, token: string): string {
  return crypto.createHmac('sha256', subKey(secret, 'reservation-token-hash')).update(token).digest('hex');
}

type Guest = NonNullable<Reservation['guest']>;

/** A booking as stored in data: its guest's contact encrypted in `guestEnc`. */
export type SealedReservation = Omit<Reservation, 'guest'> & { guestEnc: string };

export function sealReservation(piiKey: Buffer, r: Reservation & { guest: Guest }): SealedReservation {
  const { guest, ...rest } = r;
  return { ...rest, guestEnc: encryptPii(piiKey, JSON.stringify(guest))! };
}

export function openReservation(piiKey: Buffer, sealed: SealedReservation): Reservation & { guest: Guest } {
  const { guestEnc, ...rest } = sealed;
  return { ...rest, guest: JSON.parse(decryptPii(piiKey, guestEnc)!) as Guest };
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A confirmation code a guest can read out: 6 characters without 0/O or 1/I (32^6 ≈ 10^9 per restaurant). */
export function newConfirmationCode(): string {
  const bytes = crypto.randomBytes(6);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
