import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';

/**
 * The sandbox processor's ledger statements. Each is one conditional statement, as a real
 * processor's ledger would be: an authorization is inserted or, for a key already seen, read
 * back in the same statement; a capture, void or refund applies only from the right state and
 * within the amounts, so racing retries cannot capture twice or refund more than was captured.
 */
export interface ChargeRow {
  id: string;
  status: 'authorized' | 'captured' | 'voided';
  amount_cents: number;
  captured_cents: number;
  refunded_cents: number;
  brand: string;
  last4: string;
  capture_key: string | null;
  refund_keys: string[];
}

/** The same idempotency key answers with the same authorization. */
export function insertOrReadAuthorization(
  db: Sequelize,
  b: { id: string; idempotencyKey: string; amountCents: number; currency: string; brand: string; last4: string },
): Promise<ChargeRow | null> {
  return one<ChargeRow>(
    db,
    `WITH ins AS (
       INSERT INTO sandbox_charges (id, idempotency_key, amount_cents, currency, status, brand, last4)
       VALUES ($id, $idempotencyKey, $amountCents, $currency, 'authorized', $brand, $last4)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING *)
     SELECT * FROM ins UNION ALL SELECT * FROM sandbox_charges WHERE idempotency_key = $idempotencyKey LIMIT 1`,
    b,
  );
}

export function captureAuthorized(db: Sequelize, b: { id: string; amountCents: number; key: string | null }): Promise<ChargeRow | null> {
  return one<ChargeRow>(
    db,
    `UPDATE sandbox_charges SET status = 'captured', captured_cents = $amountCents, capture_key = $key
      WHERE id = $id AND status = 'authorized' AND $amountCents <= amount_cents RETURNING *`,
    b,
  );
}

export function chargeById(db: Sequelize, b: { id: string }): Promise<ChargeRow | null> {
  return one<ChargeRow>(db, 'SELECT * FROM sandbox_charges WHERE id = $id', b);
}

export function voidAuthorized(db: Sequelize, b: { id: string }): Promise<{ id: string } | null> {
  return one<{ id: string }>(db, `UPDATE sandbox_charges SET status = 'voided' WHERE id = $id AND status = 'authorized' RETURNING id`, b);
}

/**
 * A refund applies once per key: a racing repeat waits for the row lock and then sees the key
 * (PostgreSQL re-checks the condition on the updated row), so it updates nothing.
 */
export function refundCaptured(db: Sequelize, b: { id: string; amountCents: number; key: string | null }): Promise<ChargeRow | null> {
  return one<ChargeRow>(
    db,
    `UPDATE sandbox_charges SET refunded_cents = refunded_cents + $amountCents,
        refund_keys = CASE WHEN $key::text IS NULL THEN refund_keys ELSE array_append(refund_keys, $key::text) END
      WHERE id = $id AND status = 'captured' AND refunded_cents + $amountCents <= captured_cents
        AND ($key::text IS NULL OR NOT ($key::text = ANY (refund_keys))) RETURNING *`,
    b,
  );
}
