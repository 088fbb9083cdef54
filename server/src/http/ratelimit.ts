import type { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../errors';
import { makeLimiter, retryAfterOf } from './limiters';

/**
 * Requests per key, on rate-limiter-flexible (Redis when the node has it, so every node shares
 * the count; memory on a single node). Close to a token bucket rather than a fixed window: a
 * steady sixth of the minute's budget every 10 s, plus a burst reserve for the rest of the
 * minute, so a client cannot spend two budgets across a window's edge.
 */
export class RateLimiter {
  readonly #limiter: BurstyRateLimiter | null;

  constructor(perMinute: number, redis: Redis | null) {
    if (perMinute <= 0) {
      this.#limiter = null;
      return;
    }
    const steady = Math.ceil(perMinute / 6);
    this.#limiter = new BurstyRateLimiter(
      makeLimiter(redis, { keyPrefix: 'rl:steady', points: steady, duration: 10 }),
      makeLimiter(redis, { keyPrefix: 'rl:burst', points: Math.max(1, perMinute - steady), duration: 60 }),
    );
  }

  get enabled(): boolean {
    return this.#limiter !== null;
  }

  /** Counts one hit; throws `rate_limited` with Retry-After once the budget is spent. */
  async hit(key: string): Promise<void> {
    if (!this.#limiter) return;
    try {
      await this.#limiter.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw rateLimited(retryAfterOf(err));
      throw err;
    }
  }
}
