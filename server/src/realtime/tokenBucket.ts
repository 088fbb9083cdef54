/**
 * A token bucket in this process: `capacity` tokens, refilled at `perSecond`. For a budget that
 * belongs to one connection (a socket lives on one node), decided synchronously within the
 * packet, with no store and no promise per message.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = performance.now(),
  ) {
    this.#tokens = capacity;
    this.#at = now;
  }

  /** Takes a token if there is one. */
  take(now = performance.now()): boolean {
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#at) / 1000) * this.perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
