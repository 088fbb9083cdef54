import type { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { makeLimiter, retryAfterOf } from '../http/limiters';
import { LiveConnections } from './liveConnections';
import { TokenBucket } from './tokenBucket';

/** What a socket's emit gets: handled, refused (an ack error, nothing else done), or its socket ends. */
export type EmitVerdict = 'ok' | 'refused' | 'abuser';

/** Why a handshake is refused, for the client's connect_error (`data.retryAfter` in seconds). */
export interface Refusal {
  message: string;
  retryAfter: number;
}

/** When a refused handshake over the live-socket cap may try again, in seconds. */
const SLOT_RETRY_SECONDS = 10;

/**
 * One socket's emits: a bucket of `emitBurst` refilled at `emitsPerSecond`; past it emits are
 * refused, and each refusal spends the socket's patience (a bucket as large, refilled as fast),
 * so a client a little over its rate is only refused while one that keeps flooding is cut off.
 */
export class EmitBudget {
  readonly #emits: TokenBucket;
  readonly #patience: TokenBucket;

  constructor(emitBurst: number, emitsPerSecond: number) {
    this.#emits = new TokenBucket(emitBurst, emitsPerSecond);
    this.#patience = new TokenBucket(emitBurst, emitsPerSecond);
  }

  spend(): EmitVerdict {
    if (this.#emits.take()) return 'ok';
    return this.#patience.take() ? 'refused' : 'abuser';
  }
}

/**
 * The socket limits: an emit budget per socket (a token bucket in memory: a socket lives on one
 * node), and per client address handshakes, live sockets and a block on addresses that flooded
 * (rate-limiter-flexible and a lease set on Redis, shared by every node; memory on one node).
 */
export class SocketGuard {
  readonly #emitBurst: number;
  readonly #emitsPerSecond: number;
  readonly #connects: BurstyRateLimiter | null;
  readonly #blocked: RateLimiterAbstract;
  readonly #live: LiveConnections | null;
  readonly #blockSeconds: number;

  /** The node's guard, or null when limits are off (RATE_LIMIT_PER_MINUTE=0): sockets run unchecked. */
  static forConfig(config: Config, redis: Redis | null): SocketGuard | null {
    return config.rateLimitPerMinute > 0 ? new SocketGuard(config, redis) : null;
  }

  private constructor(config: Config, redis: Redis | null) {
    const l = config.socketLimits;
    this.#blockSeconds = l.blockSeconds;
    this.#emitBurst = l.emitBurst;
    this.#emitsPerSecond = l.emitsPerSecond;
    const steady = Math.ceil(l.connectsPerMinute / 6);
    this.#connects =
      l.connectsPerMinute > 0
        ? new BurstyRateLimiter(
            makeLimiter(redis, { keyPrefix: 'sock:connect', points: steady, duration: 10 }),
            makeLimiter(redis, { keyPrefix: 'sock:connect-burst', points: Math.max(1, l.connectsPerMinute - steady), duration: 60 }),
          )
        : null;
    this.#blocked = makeLimiter(redis, { keyPrefix: 'sock:blocked', points: 1, duration: l.blockSeconds });
    this.#live = l.connectionsPerAddress > 0 ? new LiveConnections(redis, config.nodeId, l.connectionsPerAddress) : null;
  }

  /**
   * An authenticated handshake: refused while its caller (`actorKey`: the credential, or the
   * address when anonymous) is blocked, else counted against the address and given a live slot.
   */
  async admit(caller: string, address: string, socketId: string): Promise<Refusal | null> {
    return (await this.#blockedRefusal(caller)) ?? (await this.#countHandshake(address)) ?? (await this.#claimSlot(address, socketId));
  }

  async #blockedRefusal(caller: string): Promise<Refusal | null> {
    const res = await this.#blocked.get(caller);
    return res && res.consumedPoints > 1 ? { message: 'Blocked for flooding; try again later.', retryAfter: retryAfterOf(res) } : null;
  }

  async #countHandshake(address: string): Promise<Refusal | null> {
    if (!this.#connects) return null;
    try {
      await this.#connects.consume(address);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes)
        return { message: 'Too many connection attempts from this address.', retryAfter: retryAfterOf(err) };
      throw err;
    }
  }

  async #claimSlot(address: string, socketId: string): Promise<Refusal | null> {
    if (!this.#live || (await this.#live.take(address, socketId))) return null;
    return { message: 'Too many open connections from this address.', retryAfter: SLOT_RETRY_SECONDS };
  }

  releaseSlot(socketId: string): void {
    this.#live?.release(socketId);
  }

  /** A new socket's emit budget; null when emits are not limited. */
  emitBudget(): EmitBudget | null {
    return this.#emitsPerSecond > 0 ? new EmitBudget(this.#emitBurst, this.#emitsPerSecond) : null;
  }

  /** Refuses the caller's handshakes for the block time, on every node. */
  async block(caller: string): Promise<void> {
    await this.#blocked.block(caller, this.#blockSeconds);
  }

  async close(): Promise<void> {
    await this.#live?.close();
  }
}
