import crypto from 'node:crypto';
import type { Order } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod';
import { actorKey, type Actor } from '../../context';
import { AppError, fieldError, idempotencyMismatch } from '../../errors';
import { keyHashOf, openOrder, orderTokenFor, type StoredPlacement } from './orderSecrets';
import { storedResponse, type StoredResponse } from './orders.sql';

/** The `Idempotency-Key` header, as orders and bookings take it. */
export const IdempotencyKeySchema = z
  .string({ error: 'the Idempotency-Key header is required' })
  .min(8, 'at least 8 characters')
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** One use of an Idempotency-Key: whose key it is, its hash as stored, and a hash of what was asked with it. */
export interface KeyClaim {
  scope: string;
  /** The key itself: kept in memory only, to derive the order's token. */
  key: string;
  keyHash: string;
  requestHash: string;
}

/** 128 bits or more, as a UUID v4 or 22 base64url characters carry. */
const UNGUESSABLE = /^[A-Za-z0-9_-]{22,}$/;

/**
 * Canonical hash of what was asked, keyed so a leaked table reveals nothing (the body may hold a
 * card number). Anonymous callers share one scope (a phone that retries from another network
 * still gets its order back), so their keys must be unguessable: a key is what a replay answers to.
 */
export function keyClaim(secret: string, actor: Actor, ip: string, key: string, body: unknown): KeyClaim {
  if (actor.kind === 'anonymous' && !UNGUESSABLE.test(key)) {
    throw fieldError('Idempotency-Key', 'without an account, a random key of 22 or more characters of A-Z a-z 0-9 _ - (a UUID v4 will do)');
  }
  return {
    scope: actor.kind === 'anonymous' ? 'anon' : actorKey(actor, ip),
    key,
    keyHash: keyHashOf(secret, key),
    requestHash: crypto.createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex'),
  };
}

type Secrets = { sessionSecret: string; piiKey: Buffer };
type Placed = { status: number; body: { order: Order; orderToken: string } };

/**
 * A stored answer as the caller gets it again: the token derived anew from the key it presents,
 * the guest's name and room unsealed. Another request under the same key is refused.
 */
function answerFrom(stored: StoredResponse<StoredPlacement>, claim: KeyClaim, secrets: Secrets): Placed {
  if (stored.request_hash !== claim.requestHash) throw idempotencyMismatch();
  const order = openOrder(secrets.piiKey, stored.response_body!.order);
  return {
    status: stored.response_status ?? 201,
    body: { order, orderToken: orderTokenFor(secrets.sessionSecret, claim.scope, claim.key, order.id) },
  };
}

/** Read before the transaction: the answer if this key's request already committed, else null. */
export function answeredBefore(stored: StoredResponse<StoredPlacement> | null, claim: KeyClaim, secrets: Secrets): Placed | null {
  return stored ? answerFrom(stored, claim, secrets) : null;
}

/** The answer to a key already used, inside the transaction that found it claimed. */
export async function replay(sequelize: Sequelize, t: Transaction, claim: KeyClaim, secrets: Secrets): Promise<Placed> {
  const stored = await storedResponse<StoredPlacement>(sequelize, t, claim);
  if (!stored) throw new AppError('conflict', 'A request with this Idempotency-Key is still running.', 409);
  return answerFrom(stored, claim, secrets);
}
