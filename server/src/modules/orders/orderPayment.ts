import type { OrderCreate } from '@dinewire/protocol';
import type { Services } from '../../context';
import { paymentDeclined } from '../../errors';
import { PAYMENT_VOID, VOID_FALLBACK_SECONDS, type VoidJob } from './paymentJobs';

export interface Authorization {
  id: string;
  amountCents: number;
  currency: string;
  brand: string;
  last4: string;
}

/**
 * An order's card, authorised before the order's transaction so that the processor's time never
 * holds a lock. Once the order commits, its capture job owns the authorization; until then, a
 * void job queued at once (outside the transaction) is the fallback that releases it should this
 * node die, and a failed order releases it at once.
 */
export class OrderPayment {
  #auth: Authorization | null = null;
  #fallback: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly s: Pick<Services, 'payments' | 'jobs' | 'logger'>,
    /** The processor's idempotency key: one authorization per placement attempt. */
    private readonly orderId: string,
  ) {}

  get authorization(): Authorization | null {
    return this.#auth;
  }

  /** Authorises the card and starts queuing its fallback void job (see `fallbackQueued`). */
  async authorize(amountCents: number, currency: string, card: NonNullable<OrderCreate['card']>): Promise<void> {
    const auth = await this.s.payments.authorize({ amountCents, currency, card, idempotencyKey: this.orderId });
    if (!auth.ok) throw paymentDeclined(auth.reason);
    this.#auth = { id: auth.authorizationId, amountCents, currency, brand: auth.brand, last4: auth.last4 };
    const job: VoidJob = { orderId: this.orderId, authorizationId: auth.authorizationId };
    this.#fallback = this.s.jobs.send(PAYMENT_VOID, job, { singletonKey: this.orderId, startAfter: VOID_FALLBACK_SECONDS });
    // Awaited through fallbackQueued(); a rejection is never left unhandled meanwhile.
    this.#fallback.catch(() => {});
  }

  /**
   * The fallback void job is queued alongside the order's transaction, not before it: it matters
   * only if the order never commits. The caller awaits it before answering.
   */
  async fallbackQueued(): Promise<void> {
    await this.#fallback;
  }

  /** The order will not use the authorization (it failed, or was a replay): void it now; the fallback job covers a processor error. */
  async release(): Promise<void> {
    const auth = this.#auth;
    if (!auth) return;
    this.#auth = null;
    try {
      await this.s.payments.void(auth.id);
    } catch (err) {
      this.s.logger.warn({ reason: (err as Error).message, authorizationId: auth.id }, 'void failed; the fallback job will retry it');
    }
  }
}
