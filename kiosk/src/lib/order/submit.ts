import type { Card, Order, OrderCreate } from '@dinewire/protocol';
import { ApiError, toApiError } from '@dinewire/ui/api';

export interface PlacedOrder {
  order: Order;
  orderToken: string;
}

export type PlaceOrder = (body: OrderCreate, idempotencyKey: string, signal?: AbortSignal) => Promise<PlacedOrder>;

/** Worth sending again with the same key: the answer never came (network) or the server failed (5xx, 429). */
export function isRetryable(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500 || error.status === 429 || error.code === 'bad_response';
}

/** Waits between attempts: quick at first, then every few seconds, for as long as it takes. */
export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 5000];

export interface SubmitOptions {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  delays?: readonly number[];
  signal?: AbortSignal;
  /** Called before each new attempt after one that failed and will be tried again. */
  onRetry?: (attempt: number, error: ApiError) => void;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
}

/**
 * Sends the order with its Idempotency-Key until the server acknowledges it: a network error
 * or a 5xx is sent again, same key, same body (the server returns the order it already made
 * rather than a second one); a 4xx is the answer and is thrown (nothing was placed).
 */
export async function submitOrder(
  place: PlaceOrder,
  key: string,
  body: Omit<OrderCreate, 'card'>,
  card: Card | null,
  options: SubmitOptions = {},
): Promise<PlacedOrder> {
  const sleep = options.sleep ?? wait;
  const delays = options.delays ?? RETRY_DELAYS_MS;
  const full: OrderCreate = card ? { ...body, card } : body;
  for (let attempt = 1; ; attempt++) {
    try {
      return await place(full, key, options.signal);
    } catch (raw) {
      if (options.signal?.aborted) throw raw;
      const error = toApiError(raw);
      if (!isRetryable(error)) throw error;
      options.onRetry?.(attempt, error);
      await sleep(delays[Math.min(attempt - 1, delays.length - 1)] ?? 1000, options.signal);
    }
  }
}

/** The field a 4xx names first (`details[].field`, e.g. `roomPin`, `items.0.dishId`), when it names one. */
export function fieldOf(error: ApiError): string | null {
  const detail = error.details.find((d) => typeof d.field === 'string' && d.field.length > 0);
  return detail?.field ?? null;
}
