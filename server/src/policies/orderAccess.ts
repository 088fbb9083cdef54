import crypto from 'node:crypto';
import type { Actor } from './actor';

/** What the policies need to know about an order to decide who may see or change it. */
export interface OrderAccess {
  restaurantId: string;
  /** The guest account that placed it. */
  userId: string | null;
  /** The kiosk that placed it. */
  deviceId: string | null;
  /** sha256 of its order token, hex. */
  tokenHash: string | null;
}

/** The order's owner: the account or kiosk that placed it, or whoever holds its order token. */
export function isOwner(actor: Actor, order: OrderAccess, token?: string | null): boolean {
  if (actor.kind === 'user' && order.userId === actor.id) return true;
  if (actor.kind === 'device' && actor.deviceKind === 'kiosk' && order.deviceId === actor.id) return true;
  return Boolean(token && order.tokenHash && tokenMatches(token, order.tokenHash));
}

function tokenMatches(token: string, hash: string): boolean {
  const given = crypto.createHash('sha256').update(token).digest();
  const stored = Buffer.from(hash, 'hex');
  return stored.length === given.length && crypto.timingSafeEqual(given, stored);
}
