import { UNTIL_DONE, type QueuePolicy } from '../../jobs/queue';

/**
 * The jobs that move a booking's deposit after its transaction commits (worked by
 * depositWorker.ts), the same way an order's card money moves: idempotent, the processor called
 * with the payment row's id as idempotency key, our books changed only from `pending`.
 */
export const DEPOSIT_CAPTURE = 'deposit.capture';
export const DEPOSIT_REFUND = 'deposit.refund';
export const DEPOSIT_VOID = 'deposit.void';

/** A deposit charge's row in payments (a booking's first deposit, or a top-up). */
export interface DepositCaptureJob {
  paymentId: string;
}
/** A refund's row in payments: also the processor's idempotency key. */
export interface DepositRefundJob {
  paymentId: string;
}
/** An authorization whose booking (or change) may never have committed: voided unless its charge row exists. */
export interface DepositVoidJob {
  paymentId: string;
  authorizationId: string;
}

/** As orders' fallback (paymentJobs.ts): well past any booking transaction. */
export const DEPOSIT_VOID_FALLBACK_SECONDS = 60;

export function depositPolicy(expireSeconds: number, concurrency: number): QueuePolicy {
  return { expireInSeconds: expireSeconds, retryDelaySeconds: 1, retryLimit: UNTIL_DONE, concurrency };
}
