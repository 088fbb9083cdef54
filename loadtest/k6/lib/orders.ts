/**
 * How an order's answer counts, the same in every script: a 201 is placed; 409 out_of_stock
 * is the stock running out (counted apart, never a failure); anything else (5xx, no answer,
 * another 4xx) is a failed order.
 */
import { soldOutDishes, type ApiResult, type Placed } from './api.ts';
import * as metrics from './metrics.ts';

export type OrderOutcome = 'placed' | 'out_of_stock' | 'failed';

export function codeOf(res: ApiResult<unknown>): string {
  if (res.status === 0) return 'network';
  return res.error?.code ?? `http_${res.status}`;
}

/** Records one answer in order_duration_ms, order_errors and the counters; notes sold-out dishes. */
export function recordOrder(res: ApiResult<Placed>, soldOut: Set<string>, tags: Record<string, string> = {}): OrderOutcome {
  metrics.orderDuration.add(res.ms, tags);
  const placed = res.status === 201 && res.body !== null;
  // A zero too, so that orders_placed exists (and its count>0 threshold is judged) when none got through.
  metrics.ordersPlaced.add(placed ? 1 : 0, tags);
  if (placed) {
    metrics.orderErrors.add(false, tags);
    return 'placed';
  }
  const code = codeOf(res);
  metrics.ordersRejected.add(1, { ...tags, code });
  if (code === 'out_of_stock') {
    for (const id of soldOutDishes(res.error)) soldOut.add(id);
    metrics.ordersOutOfStock.add(1, tags);
    metrics.orderErrors.add(false, tags);
    return 'out_of_stock';
  }
  metrics.orderErrors.add(true, tags);
  if (code === 'rate_limited' && !warnedRateLimit) {
    warnedRateLimit = true;
    console.warn('orders are being rate limited (429): start the servers with RATE_LIMIT_PER_MINUTE=0 for a load test');
  }
  return 'failed';
}

let warnedRateLimit = false;
