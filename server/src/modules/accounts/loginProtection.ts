import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../../errors';
import { makeLimiter, retryAfterOf } from '../../http/limiters';

/**
 * rate-limiter-flexible's login protection: consecutive failures per (account, address) block that
 * pair only, so an attacker elsewhere cannot lock the account's owner out; a slower brute force
 * across many accounts is caught per address. A success clears the pair's count.
 */
export class LoginProtection {
  readonly #byAccountAddress: RateLimiterAbstract;
  readonly #byAddress: RateLimiterAbstract;

  constructor(
    redis: Redis | null,
    readonly limits: { perAccountAddress: number; perAddress: number },
  ) {
    this.#byAccountAddress = makeLimiter(redis, {
      keyPrefix: 'login:fail:account-address',
      points: limits.perAccountAddress,
      duration: 3600,
      blockDuration: 900,
    });
    this.#byAddress = makeLimiter(redis, {
      keyPrefix: 'login:fail:address',
      points: limits.perAddress,
      duration: 24 * 3600,
      blockDuration: 3600,
    });
  }

  /** From the request rate: 0 turns protection off (load tests log in from one address). */
  static forRate(redis: Redis | null, perMinute: number): LoginProtection | null {
    if (perMinute <= 0) return null;
    const perAccountAddress = Math.max(5, Math.ceil(perMinute / 60));
    return new LoginProtection(redis, { perAccountAddress, perAddress: perAccountAddress * 10 });
  }

  /** Throws `rate_limited` when this address, or this account from this address, has failed too often. */
  async check(account: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([this.#byAccountAddress.get(pairKey(account, ip)), this.#byAddress.get(ip)]);
    const blocked = [
      pair && pair.consumedPoints >= this.limits.perAccountAddress ? pair : null,
      address && address.consumedPoints >= this.limits.perAddress ? address : null,
    ].filter((r) => r !== null);
    if (blocked.length) throw rateLimited(Math.max(...blocked.map(retryAfterOf)));
  }

  async failed(account: string, ip: string): Promise<void> {
    // A rejection here only means the key is now blocked; the next attempt is refused by check().
    await Promise.allSettled([this.#byAccountAddress.consume(pairKey(account, ip)), this.#byAddress.consume(ip)]);
  }

  async succeeded(account: string, ip: string): Promise<void> {
    await this.#byAccountAddress.delete(pairKey(account, ip));
  }
}

/** `account` is the email's keyed hash (lib/pii emailLookupHash): the same for any case of the address. */
function pairKey(account: string, ip: string): string {
  return `${account}_${ip}`;
}
