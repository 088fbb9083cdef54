import type { Redis } from 'ioredis';
import { rateLimited } from '../errors';

/**
 * Fixed one-minute windows per key. With Redis the count is shared by every node; without it
 * (a single node) it is kept in memory.
 */
export class RateLimiter {
  #memory = new Map<string, { window: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly redis: Redis | null,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  get perMinuteLimit(): number {
    return this.perMinute;
  }

  /** Counts one hit; throws `rate_limited` with Retry-After once the limit is passed. */
  async hit(key: string, limit = this.perMinute): Promise<void> {
    if (!this.enabled) return;
    const now = Date.now();
    const window = Math.floor(now / 60_000);
    const retryAfter = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
    let count: number;
    if (this.redis && this.redis.status === 'ready') {
      const k = `dw:rl:${key}:${window}`;
      const res = await this.redis.multi().incr(k).expire(k, 61).exec();
      count = Number(res?.[0]?.[1] ?? 0);
    } else {
      const entry = this.#memory.get(key);
      if (!entry || entry.window !== window) {
        if (this.#memory.size > 50_000) this.#memory.clear();
        this.#memory.set(key, { window, count: 1 });
        count = 1;
      } else {
        count = ++entry.count;
      }
    }
    if (count > limit) throw rateLimited(retryAfter);
  }
}
