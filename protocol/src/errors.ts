/** Stable error codes of the HTTP API and of socket acknowledgements (CONTRACT "Errors"). */
export const ErrorCodes = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'out_of_stock',
  'slot_unavailable',
  'invalid_transition',
  'idempotency_mismatch',
  'conflict',
  'payment_declined',
  /** A booking's rules ask for a deposit and the request carries no payment for it (402, with `amountCents`). */
  'deposit_required',
  /** A guest's change of a booking past the restaurant's modifyUntilHours. */
  'too_late_to_change',
  /** The booking changed since the `version` the caller gave. */
  'version_conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
  /** A waitlist offer taken up after it expired (it has passed, or is passing, to the next guest). */
  'offer_expired',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `items.0.quantity`; or an id the error is about. */
  field?: string;
  message: string;
  [key: string]: unknown;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}
