import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumeOrThrow, makeLimiter } from '../../http/limiters';

/** Codes one email or phone is sent in an hour, whoever asks. */
export const CODES_PER_CONTACT_PER_HOUR = 5;
/** Codes one client address may ask for in an hour, across contacts. */
export const CODES_PER_ADDRESS_PER_HOUR = 20;
/** Codes one client address may try in an hour, across contacts. */
export const CODE_TRIES_PER_ADDRESS_PER_HOUR = 50;

/**
 * Asking for a sign-in code sends an SMS or email to whatever contact is typed, and a code is
 * six digits: beyond these limits the caller gets 429 `rate_limited`. Counted per contact
 * (under its keyed hash: Redis holds no email or phone) and per client address (`req.ip`, which
 * believes X-Forwarded-For only from the trusted balancers of TRUST_PROXY, so a spoofed header
 * from anyone else changes nothing), on Redis when the node has it, so every node counts alike.
 */
export class SignInCodeThrottle {
  readonly #perContact: RateLimiterAbstract;
  readonly #perAddress: RateLimiterAbstract;
  readonly #triesPerAddress: RateLimiterAbstract;

  constructor(redis: Redis | null) {
    this.#perContact = makeLimiter(redis, { keyPrefix: 'signin-code:contact', points: CODES_PER_CONTACT_PER_HOUR, duration: 3600 });
    this.#perAddress = makeLimiter(redis, { keyPrefix: 'signin-code:address', points: CODES_PER_ADDRESS_PER_HOUR, duration: 3600 });
    this.#triesPerAddress = makeLimiter(redis, {
      keyPrefix: 'signin-code:tries',
      points: CODE_TRIES_PER_ADDRESS_PER_HOUR,
      duration: 3600,
    });
  }

  /** Counts a code asked for this contact from this address; throws `rate_limited` past either limit. */
  async request(contactHash: string, ip: string): Promise<void> {
    await consumeOrThrow(this.#perAddress, ip);
    await consumeOrThrow(this.#perContact, contactHash);
  }

  /** Counts a code tried from this address; throws `rate_limited` past the limit. */
  async attempt(ip: string): Promise<void> {
    await consumeOrThrow(this.#triesPerAddress, ip);
  }
}
