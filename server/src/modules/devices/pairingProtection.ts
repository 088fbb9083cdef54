import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumeOrThrow, makeLimiter } from '../../http/limiters';

/** Wrong codes an address may try in `WINDOW_SECONDS` before it is refused for `BLOCK_SECONDS`. */
export const PAIRING_MISSES = 10;
const WINDOW_SECONDS = 15 * 60;
const BLOCK_SECONDS = 15 * 60;

/**
 * Guessing a pairing code: 31^8 codes, each alive 15 minutes and good once, and 10 misses per
 * address per quarter hour (shared by every node through Redis). Each try takes its point before
 * its code is looked at (one atomic step, so a burst of guesses sent at once cannot all pass a
 * check made before any of them failed), and gets it back unless it was a miss. A blocked address
 * is refused before its code is even looked at, so a right guess after the limit does not pair.
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

  /** Takes a try's point, or refuses the address (429) when its misses are used up. */
  async take(ip: string): Promise<void> {
    await consumeOrThrow(this.#misses, ip);
  }

  /** The try was no miss (it paired, or it was a good code for another kind of screen): its point back. */
  async returned(ip: string): Promise<void> {
    await this.#misses.reward(ip).catch(() => undefined);
  }
}
