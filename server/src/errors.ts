import type { ErrorCode, ErrorDetail } from '@dinewire/protocol';

/** A domain error with a stable code; the transport maps it to a status or an ack. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const validation = (details: ErrorDetail[], message = 'The request is not valid.') =>
  new AppError('validation', message, 400, details);
export const fieldError = (field: string, message: string) => validation([{ field, message }], `${field}: ${message}`);
export const unauthenticated = (message = 'Sign in first.') => new AppError('unauthenticated', message, 401);
export const forbidden = (message = 'You may not do that.') => new AppError('forbidden', message, 403);
export const notFound = (what: string) => new AppError('not_found', `${what} not found.`, 404);
export const outOfStock = (details: ErrorDetail[]) => new AppError('out_of_stock', 'Not enough stock for some dishes.', 409, details);
export const invalidTransition = (message: string) => new AppError('invalid_transition', message, 409);
export const idempotencyMismatch = () =>
  new AppError('idempotency_mismatch', 'This Idempotency-Key was already used with a different request body.', 409);
export const conflict = (message: string) => new AppError('conflict', message, 409);
/** A write that named a version the row has moved past (optimistic concurrency): read it again. */
export const versionConflict = (what: string, current: number) =>
  new AppError('version_conflict', `The ${what} changed meanwhile (version ${current} now); read it again.`, 409);
export const slotUnavailable = (message = 'No table can take this booking at this time.') => new AppError('slot_unavailable', message, 409);
export const paymentDeclined = (reason: string) =>
  new AppError('payment_declined', `The card was declined: ${reason}.`, 402, [{ field: 'card', message: reason }]);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'Too many requests; try again shortly.', 429, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
export const unavailable = (message = 'Temporarily unavailable.') => new AppError('unavailable', message, 503);
