import crypto from 'node:crypto';
import type { Card } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { ProcessorError, type PaymentProcessor } from './processor';
import { captureAuthorized, chargeById, insertOrReadAuthorization, refundCaptured, voidAuthorized } from './sandbox.sql';

/**
 * A sandbox card processor that behaves like a real one, with its own ledger (table
 * `sandbox_charges`, written outside our transactions as a real processor's would be).
 *
 * Test cards (any future expiry, any CVC):
 * - 4242 4242 4242 4242  Visa, approved
 * - 5555 5555 5555 4444  Mastercard, approved
 * - 4000 0000 0000 0002  declined (card_declined)
 * - 4000 0000 0000 9995  declined (insufficient_funds)
 * - 4000 0000 0000 0069  declined (expired_card)
 * A number failing the Luhn check is declined as incorrect_number; a past expiry as expired_card.
 */
export const SANDBOX_CARDS = {
  approved: '4242424242424242',
  approvedMastercard: '5555555555554444',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  expired: '4000000000000069',
} as const;

const DECLINES: Record<string, { code: string; reason: string }> = {
  [SANDBOX_CARDS.declined]: { code: 'card_declined', reason: 'card declined by the issuer' },
  [SANDBOX_CARDS.insufficientFunds]: { code: 'insufficient_funds', reason: 'insufficient funds' },
  [SANDBOX_CARDS.expired]: { code: 'expired_card', reason: 'card expired' },
};

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): string {
  if (digits.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(digits) || /^2[2-7]/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (digits.startsWith('62')) return 'unionpay';
  return 'card';
}

/**
 * How slowly the sandbox answers, to measure and test a slow or hanging processor (benchmarks
 * and tests only: the configuration refuses these in production).
 */
export interface SandboxTiming {
  /** Every call answers after this long. */
  delayMs?: number;
  /** A capture waits this long more before it is applied (a capture that hangs). */
  captureDelayMs?: number;
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

export class SandboxProcessor implements PaymentProcessor {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly now: () => Date = () => new Date(),
    private readonly timing: SandboxTiming = {},
  ) {}

  async authorize(req: { amountCents: number; currency: string; card: Card; idempotencyKey: string }) {
    await sleep(this.timing.delayMs ?? 0);
    const digits = req.card.number.replace(/\s+/g, '');
    if (digits.length < 12 || digits.length > 19 || !luhnValid(digits)) {
      return { ok: false as const, reason: 'incorrect card number', declineCode: 'incorrect_number' };
    }
    const now = this.now();
    const expired =
      req.card.expYear < now.getUTCFullYear() || (req.card.expYear === now.getUTCFullYear() && req.card.expMonth < now.getUTCMonth() + 1);
    const decline = expired ? DECLINES[SANDBOX_CARDS.expired] : DECLINES[digits];
    if (decline) return { ok: false as const, reason: decline.reason, declineCode: decline.code };

    const id = `auth_${crypto.randomBytes(12).toString('hex')}`;
    const row = await insertOrReadAuthorization(this.sequelize, {
      id,
      idempotencyKey: req.idempotencyKey,
      amountCents: req.amountCents,
      currency: req.currency,
      brand: brandOf(digits),
      last4: digits.slice(-4),
    });
    if (!row) throw new ProcessorError('authorization was not recorded');
    return { ok: true as const, authorizationId: row.id, brand: row.brand, last4: row.last4 };
  }

  /** Captures once; a repeat with the same idempotency key (a retried job) succeeds without capturing again. */
  async capture(authorizationId: string, amountCents: number, idempotencyKey?: string): Promise<void> {
    await sleep((this.timing.delayMs ?? 0) + (this.timing.captureDelayMs ?? 0));
    const key = idempotencyKey ?? null;
    if (await captureAuthorized(this.sequelize, { id: authorizationId, amountCents, key })) return;
    const row = key ? await chargeById(this.sequelize, { id: authorizationId }) : null;
    if (row?.status === 'captured' && row.capture_key === key && row.captured_cents === amountCents) return;
    throw new ProcessorError(`cannot capture ${authorizationId}`);
  }

  async void(authorizationId: string): Promise<void> {
    await sleep(this.timing.delayMs ?? 0);
    await voidAuthorized(this.sequelize, { id: authorizationId });
  }

  /** Refunds once per idempotency key; a repeat answers with the refunded total. */
  async refund(authorizationId: string, amountCents: number, idempotencyKey?: string): Promise<{ refundedTotalCents: number }> {
    await sleep(this.timing.delayMs ?? 0);
    if (!Number.isInteger(amountCents) || amountCents <= 0) throw new ProcessorError('refund amount must be positive');
    const key = idempotencyKey ?? null;
    const row = await refundCaptured(this.sequelize, { id: authorizationId, amountCents, key });
    if (row) return { refundedTotalCents: row.refunded_cents };
    const repeated = key ? await chargeById(this.sequelize, { id: authorizationId }) : null;
    if (repeated && repeated.refund_keys.includes(key!)) return { refundedTotalCents: repeated.refunded_cents };
    throw new ProcessorError(`refund of ${amountCents} on ${authorizationId} exceeds the captured amount`);
  }
}
