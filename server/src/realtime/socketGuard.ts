import type { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { makeLimiter, retryAfterOf } from '../http/limiters';
import { LiveConnections } from './liveConnections';

/** What a socket's emit gets: handled, refused (an ack error, nothing else done), or its socket ends. */
export type EmitVerdict = 'ok' | 'refused' | 'abuser';

/** Why a handshake is refused, for the client's connect_error (`data.retryAfter` in seconds). */
export interface Refusal {
  message: string;
  retryAfter: number;
}

/** The window, in seconds, of an emit burst and of the refusals that mark an abuser. */
const BURST_SECONDS = 10;

/**
 * The socket limits (rate-limiter-flexible, token-bucket-like as the HTTP ones): an emit budget
 * per socket (memory: a socket lives on one node), handshakes and live sockets per client address
 * and a block on addresses that flooded (Redis, shared by every node, memory on one node).
 */
export class SocketGuard {
  readonly #emits: BurstyRateLimiter | null;
  readonly #refusals: RateLimiterMemory;
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
    this.#emits =
      l.emitsPerSecond > 0
        ? new BurstyRateLimiter(
            new RateLimiterMemory({ keyPrefix: 'dw:sock:emit', points: l.emitsPerSecond, duration: 1 }),
            new RateLimiterMemory({ keyPrefix: 'dw:sock:emit-burst', points: l.emitBurst, duration: BURST_SECONDS }),
          )
        : null;
    this.#refusals = new RateLimiterMemory({ keyPrefix: 'dw:sock:refused', points: l.emitBurst, duration: BURST_SECONDS });
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

  /** A handshake from a blocked address is refused before anything else is looked at. */
  async refusesAddress(address: string): Promise<Refusal | null> {
    const res = await this.#blocked.get(address);
    return res && res.consumedPoints > 1
      ? { message: 'This address is blocked for flooding; try again later.', retryAfter: retryAfterOf(res) }
      : null;
  }

  /** Counts a handshake of the address (one that passed authentication) and claims a live slot for the socket. */
  async admit(address: string, socketId: string): Promise<Refusal | null> {
    return (await this.#countHandshake(address)) ?? (await this.#claimSlot(address, socketId));
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
    return { message: 'Too many open connections from this address.', retryAfter: BURST_SECONDS };
  }

  releaseSlot(socketId: string): void {
    this.#live?.release(socketId);
  }

  /** Spends one of the socket's emits; a socket that keeps going past its budget is an abuser. */
  async spend(socketId: string): Promise<EmitVerdict> {
    if (!this.#emits) return 'ok';
    try {
      await this.#emits.consume(socketId);
      return 'ok';
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
    }
    try {
      await this.#refusals.consume(socketId);
      return 'refused';
    } catch (err) {
      if (err instanceof RateLimiterRes) return 'abuser';
      throw err;
    }
  }

  /** Refuses the address's handshakes for the block time, on every node. */
  async block(address: string): Promise<void> {
    await this.#blocked.block(address, this.#blockSeconds);
  }

  close(): void {
    this.#live?.close();
  }
}
