import type { Card } from '@dinewire/protocol';
import type { Services } from '../../context';
import { paymentDeclined } from '../../errors';
import { models } from '../../models';
import { DEPOSIT_VOID, DEPOSIT_VOID_FALLBACK_SECONDS, type DepositVoidJob } from './depositJobs';

export interface DepositAuthorization {
  id: string;
  amountCents: number;
  currency: string;
}

/**
 * A deposit's card, authorised before the booking's (or change's) transaction so the processor's
 * time never holds a lock, as an order's card is (orders/orderPayment.ts). The charge row's id,
 * drawn before, is the processor's idempotency key and what the fallback void job looks for:
 * once that row has committed its capture job owns the authorization; until then the fallback,
 * queued at once outside the transaction, releases it should this node die.
 */
export class DepositCard {
  #auth: DepositAuthorization | null = null;
  #fallback: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly s: Pick<Services, 'payments' | 'jobs' | 'logger'>,
    readonly paymentId: string,
  ) {}

  get authorization(): DepositAuthorization | null {
    return this.#auth;
  }

  async authorize(amountCents: number, currency: string, card: Card): Promise<void> {
    const auth = await this.s.payments.authorize({ amountCents, currency, card, idempotencyKey: `deposit:${this.paymentId}` });
    if (!auth.ok) throw paymentDeclined(auth.reason);
    this.#auth = { id: auth.authorizationId, amountCents, currency };
    const job: DepositVoidJob = { paymentId: this.paymentId, authorizationId: auth.authorizationId };
    this.#fallback = this.s.jobs.send(DEPOSIT_VOID, job, { singletonKey: this.paymentId, startAfter: DEPOSIT_VOID_FALLBACK_SECONDS });
    this.#fallback.catch(() => {});
  }

  /** Awaited before answering: the fallback matters only if the transaction never commits. */
  async fallbackQueued(): Promise<void> {
    await this.#fallback;
  }

  /** The authorization will not be used (the request failed, or was a replay): void it now; the fallback covers a processor error. */
  async release(): Promise<void> {
    const auth = this.#auth;
    if (!auth) return;
    this.#auth = null;
    try {
      await this.s.payments.void(auth.id);
    } catch (err) {
      this.s.logger.warn(
        { reason: (err as Error).message, authorizationId: auth.id },
        'deposit void failed; the fallback job will retry it',
      );
    }
  }
}

/** After a failed request: the card's authorization is released, unless its charge committed after all (its capture job owns it then). */
export async function releaseUnlessCharged(s: Pick<Services, 'sequelize'>, card: DepositCard | null): Promise<void> {
  if (!card) return;
  await card.fallbackQueued().catch(() => {});
  if (card.authorization && !(await models(s.sequelize).Payment.findByPk(card.paymentId))) await card.release();
}
