import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors';

export interface LimitOptions {
  /** Redis key prefix, one per limit. */
  keyPrefix: string;
  points: number;
  /** Seconds over which the points are counted. */
  duration: number;
  /** Seconds an exhausted key stays blocked. */
  blockDuration?: number;
}

/**
 * A rate-limiter-flexible limiter: on Redis when the node has it (shared by every node, with an
 * in-memory insurance limiter while Redis is away), else in memory (a single node).
 */
export function makeLimiter(redis: Redis | null, o: LimitOptions): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ ...o, keyPrefix: `dw:${o.keyPrefix}` });
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...o,
    keyPrefix: `dw:${o.keyPrefix}`,
    storeClient: redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/** The seconds until a limiter result frees a point, for Retry-After. */
export function retryAfterOf(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Consumes points; an exhausted limit becomes `rate_limited`, anything else is rethrown. */
export async function consumeOrThrow(limiter: RateLimiterAbstract, key: string, points = 1): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key, points);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw rateLimited(retryAfterOf(err));
    throw err;
  }
}
