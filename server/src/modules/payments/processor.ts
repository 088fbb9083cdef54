import type { Card } from '@dinewire/protocol';

/** The card processor, the one part of the outside world orders depend on. */
export interface PaymentProcessor {
  /** Holds the amount on the card. Declines resolve with `ok: false`, never throw. */
  authorize(req: {
    amountCents: number;
    currency: string;
    card: Card;
    idempotencyKey: string;
  }): Promise<{ ok: true; authorizationId: string; brand: string; last4: string } | { ok: false; reason: string; declineCode: string }>;
  capture(authorizationId: string, amountCents: number): Promise<void>;
  /** Releases an authorization that was not captured. */
  void(authorizationId: string): Promise<void>;
  /** Refunds part or all of a captured charge; never more than was captured in total. */
  refund(authorizationId: string, amountCents: number): Promise<{ refundedTotalCents: number }>;
}

export class ProcessorError extends Error {}
