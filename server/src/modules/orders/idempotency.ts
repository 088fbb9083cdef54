import crypto from 'node:crypto';
import type { OrderCreate } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import { actorKey, type Actor } from '../../context';
import { AppError, idempotencyMismatch } from '../../errors';
import { storedResponse, type StoredResponse } from './orders.sql';

/** One use of an Idempotency-Key: whose key it is, and a hash of what was asked with it. */
export interface KeyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

/** Canonical hash of what was asked, keyed so a leaked table reveals nothing (the body may hold a card number). */
export function keyClaim(secret: string, actor: Actor, ip: string, key: string, body: OrderCreate): KeyClaim {
  return {
    scope: actor.kind === 'anonymous' ? 'anon' : actorKey(actor, ip),
    key,
    requestHash: crypto.createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex'),
  };
}

/** Read before the transaction: the stored answer if this key's request already committed, else null. */
export function answeredBefore<Body>(stored: StoredResponse<unknown> | null, claim: KeyClaim): { status: number; body: Body } | null {
  if (!stored) return null;
  if (stored.request_hash !== claim.requestHash) throw idempotencyMismatch();
  return { status: stored.response_status ?? 201, body: stored.response_body as Body };
}

/** The stored answer to a key already used: the same request gets it again, another is refused. */
export async function replay<Body>(sequelize: Sequelize, t: Transaction, claim: KeyClaim): Promise<{ status: number; body: Body }> {
  const stored = await storedResponse<Body>(sequelize, t, claim);
  if (!stored) throw new AppError('conflict', 'A request with this Idempotency-Key is still running.', 409);
  if (stored.request_hash !== claim.requestHash) throw idempotencyMismatch();
  return { status: stored.response_status ?? 201, body: stored.response_body! };
}
