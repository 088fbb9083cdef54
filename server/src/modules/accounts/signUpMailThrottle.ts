import type { Redis } from 'ioredis';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { makeLimiter } from '../../http/limiters';

/** Sign-up messages one address gets in an hour, whoever asks for them. */
export const SIGN_UP_MESSAGES_PER_HOUR = 5;

/**
 * Registering sends mail to whatever address is typed, so it must not become a way to flood
 * someone's inbox: beyond SIGN_UP_MESSAGES_PER_HOUR to one address (counted under its keyed
 * hash, on Redis when the node has it), register still answers 202 and sends nothing.
 */
export class SignUpMailThrottle {
  readonly #limiter: RateLimiterAbstract;

  constructor(redis: Redis | null) {
    this.#limiter = makeLimiter(redis, { keyPrefix: 'signup:mail', points: SIGN_UP_MESSAGES_PER_HOUR, duration: 3600 });
  }

  /** From the request rate, as login protection: 0 turns it off (load tests). */
  static forRate(redis: Redis | null, perMinute: number): SignUpMailThrottle | null {
    return perMinute > 0 ? new SignUpMailThrottle(redis) : null;
  }

  /** Whether another message may go to the address with this keyed hash (and counts it). */
  async allow(emailHash: string): Promise<boolean> {
    try {
      await this.#limiter.consume(emailHash);
      return true;
    } catch (err) {
      if (err instanceof RateLimiterRes) return false;
      throw err;
    }
  }
}
