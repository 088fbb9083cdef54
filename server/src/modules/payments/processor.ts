import type { Card } from '@dinewire/protocol';

/**
 * The card processor, the one part of the outside world orders depend on. Captures and refunds
 * run from jobs that may be retried, even twice at once: with an idempotency key, a repeated
 * request gets the first one's answer instead of moving money again.
 */
export interface PaymentProcessor {
  /** Holds the amount on the card. Declines resolve with `ok: false`, never throw. */
  authorize(req: {
    amountCents: number;
    currency: string;
    card: Card;
    idempotencyKey: string;
  }): Promise<{ ok: true; authorizationId: string; brand: string; last4: string } | { ok: false; reason: string; declineCode: string }>;
  capture(authorizationId: string, amountCents: number, idempotencyKey?: string): Promise<void>;
  /** Releases an authorization that was not captured; releasing one already released or captured changes nothing. */
  void(authorizationId: string): Promise<void>;
  /** Refunds part or all of a captured charge; never more than was captured in total. */
  refund(authorizationId: string, amountCents: number, idempotencyKey?: string): Promise<{ refundedTotalCents: number }>;
}

/**
 * The processor refused: the same request would be refused again (voided or expired
 * authorization, amount over what is held). Any other error (unreachable, timed out) is
 * transient, and the request is retried with the same idempotency key.
 */
export class ProcessorError extends Error {}
