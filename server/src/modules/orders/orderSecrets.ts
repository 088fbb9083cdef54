import crypto from 'node:crypto';
import type { Order } from '@dinewire/protocol';
import { decryptPii, encryptPii } from '../../lib/pii';
import { subKey } from '../../lib/subKeys';

/**
 * What an order may not leave at rest. Its token is derived, never stored: only whoever holds
 * the Idempotency-Key it was placed with can have it again. Its guest's name and room are
 * sealed (encrypted) wherever the whole order is stored as data: the stored response, the events.
 */

/**
 * The order's token: a MAC of who asked (scope), the Idempotency-Key and the order. A replay
 * re-derives it from the key its caller presents, so the stored response need not hold it.
 */
export function orderTokenFor(secret: string, scope: string, key: string, orderId: string): string {
  const mac = crypto.createHmac('sha256', subKey(secret, 'order-token')).update(JSON.stringify([scope, key, orderId]));
  return `ot_${mac.digest('base64url')}`;
}

/** The Idempotency-Key as stored: a keyed hash, so the table holds nothing a caller could present. */
export function keyHashOf(secret: string, key: string): string {
  return crypto.createHmac('sha256', subKey(secret, 'idempotency-key')).update(key).digest('hex');
}

/** An order as stored in data: without its guest's name and room, which `guestEnc` holds encrypted. */
export type SealedOrder = Omit<Order, 'guestName' | 'roomNumber'> & { guestEnc?: string };

/** What the idempotency table keeps of a placed order's answer: the order sealed, and no token. */
export interface StoredPlacement {
  order: SealedOrder;
}

interface Guest {
  guestName: string | null;
  roomNumber: string | null;
}

/** The order as it may be stored; an order with neither name nor room costs no encryption. */
export function sealOrder(piiKey: Buffer, order: Order): SealedOrder {
  const { guestName = null, roomNumber = null, ...rest } = order;
  if (guestName === null && roomNumber === null) return rest;
  return { ...rest, guestEnc: encryptPii(piiKey, JSON.stringify({ guestName, roomNumber } satisfies Guest))! };
}

/** The whole order again, for those allowed its guest's name and room (staff, its owner). */
export function openOrder(piiKey: Buffer, stored: SealedOrder): Order {
  const { guestEnc, ...rest } = stored;
  // Orders stored before sealing hold their own fields; a sealed order without a guest has none.
  if (!guestEnc) return { guestName: null, roomNumber: null, ...rest };
  return { ...rest, ...(JSON.parse(decryptPii(piiKey, guestEnc)!) as Guest) };
}
