import type { OrderCreate } from '@dinewire/protocol';
import { paymentDeclined } from '../../errors';
import type { Logger } from '../../logger';
import type { PaymentProcessor } from '../payments/processor';

/**
 * An order's card payment: authorised before stock is locked, captured just before commit, and
 * released (voided, or refunded once captured) if the order fails after all.
 */
export class OrderPayment {
  #auth: { id: string; captured: boolean; amountCents: number } | null = null;

  constructor(
    private readonly payments: PaymentProcessor,
    /** The processor's idempotency key: one authorisation per order, however often it is retried. */
    private readonly orderId: string,
  ) {}

  /** The processor's reference, once authorised. */
  get processorRef(): string | null {
    return this.#auth?.id ?? null;
  }

  async authorize(
    amountCents: number,
    currency: string,
    card: NonNullable<OrderCreate['card']>,
  ): Promise<{ brand: string; last4: string }> {
    const auth = await this.payments.authorize({ amountCents, currency, card, idempotencyKey: this.orderId });
    if (!auth.ok) throw paymentDeclined(auth.reason);
    this.#auth = { id: auth.authorizationId, captured: false, amountCents };
    return { brand: auth.brand, last4: auth.last4 };
  }

  async capture(): Promise<void> {
    if (!this.#auth) return;
    await this.payments.capture(this.#auth.id, this.#auth.amountCents);
    this.#auth.captured = true;
  }

  /** After a failure: gives the money back; a processor error is logged, the order's error stands. */
  async release(logger: Logger): Promise<void> {
    const auth = this.#auth;
    if (!auth) return;
    try {
      if (auth.captured) await this.payments.refund(auth.id, auth.amountCents);
      else await this.payments.void(auth.id);
    } catch (err) {
      logger.error({ err, authorizationId: auth.id }, 'could not release a card payment of a failed order');
    }
  }
}
