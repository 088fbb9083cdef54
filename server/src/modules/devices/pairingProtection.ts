import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../../errors';
import { makeLimiter, retryAfterOf } from '../../http/limiters';

/** Wrong codes an address may try in `WINDOW_SECONDS` before it is refused for `BLOCK_SECONDS`. */
export const PAIRING_MISSES = 10;
const WINDOW_SECONDS = 15 * 60;
const BLOCK_SECONDS = 15 * 60;

/**
 * Guessing a pairing code: 31^8 codes, each alive 15 minutes and good once, and 10 misses per
 * address per quarter hour (shared by every node through Redis). A blocked address is refused
 * before its code is even looked at, so a right guess after the limit does not pair.
 */
export class PairingProtection {
  readonly #misses: RateLimiterAbstract;

  constructor(
    redis: Redis | null,
    readonly misses = PAIRING_MISSES,
  ) {
    this.#misses = makeLimiter(redis, {
      keyPrefix: 'pair:miss:address',
      points: misses,
      duration: WINDOW_SECONDS,
      blockDuration: BLOCK_SECONDS,
    });
  }

  /** Off with the request limits (`RATE_LIMIT_PER_MINUTE=0`: load tests from one address). */
  static forRate(redis: Redis | null, perMinute: number): PairingProtection | null {
    return perMinute > 0 ? new PairingProtection(redis) : null;
  }

  async check(ip: string): Promise<void> {
    const r = await this.#misses.get(ip);
    if (r && r.consumedPoints >= this.misses) throw rateLimited(retryAfterOf(r));
  }

  async failed(ip: string): Promise<void> {
    // A rejection only means the address is now blocked; check() refuses its next try.
    await this.#misses.consume(ip).catch(() => undefined);
  }
}
