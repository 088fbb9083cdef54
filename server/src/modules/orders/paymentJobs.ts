import { UNTIL_DONE, type QueuePolicy } from '../../jobs/queue';

/**
 * The jobs that move an order's money after its transaction commits (worked by paymentWorker.ts).
 * Each is idempotent: the processor is called with an idempotency key and our books change only
 * from `pending`.
 */
export const PAYMENT_CAPTURE = 'payment.capture';
export const PAYMENT_REFUND = 'payment.refund';
export const PAYMENT_VOID = 'payment.void';

export interface CaptureJob {
  orderId: string;
}
export interface RefundJob {
  /** The refund's row in payments: also the processor's idempotency key. */
  paymentId: string;
}
export interface VoidJob {
  orderId: string;
  authorizationId: string;
}

/**
 * A card authorised for an order that never committed is voided by this fallback after this
 * long: well past any order transaction (whose statements time out after 15 s).
 */
export const VOID_FALLBACK_SECONDS = 60;

/**
 * Retried until done, first after 1–2 s; a job whose node died is retried once `expireSeconds`
 * have passed. `concurrency` jobs at once on each node (a slow processor holds a worker each).
 */
export function paymentPolicy(expireSeconds: number, concurrency: number): QueuePolicy {
  return { expireInSeconds: expireSeconds, retryDelaySeconds: 1, retryLimit: UNTIL_DONE, concurrency };
}
