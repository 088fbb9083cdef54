import type { Redis } from 'ioredis';

/** How long a node's claim on a slot lasts unrenewed: a node that crashed frees its slots after this. */
const LEASE_MS = 60_000;

// Drops expired leases, then claims a slot if the address has fewer than the cap.
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

const keyOf = (address: string) => `dw:sock:live:${address}`;

/**
 * Live sockets per client address, counted across nodes: a sorted set per address in Redis whose
 * members are this node's sockets with a lease each node renews, so the count survives neither a
 * leak nor a crashed node. On one node (or while Redis is away) the count is this node's own.
 */
export class LiveConnections {
  readonly #mine = new Map<string, string>();
  readonly #local = new Map<string, number>();
  readonly #timer: NodeJS.Timeout | null;

  constructor(
    private readonly redis: Redis | null,
    private readonly nodeId: string,
    private readonly cap: number,
  ) {
    this.#timer = redis ? setInterval(() => void this.#renew(), LEASE_MS / 3) : null;
    this.#timer?.unref();
  }

  /** Claims a slot for the socket; false when its address already holds the cap. */
  async take(address: string, socketId: string): Promise<boolean> {
    const taken = await this.#takeShared(address, socketId);
    if (taken === false) return false;
    if (taken === null && (this.#local.get(address) ?? 0) >= this.cap) return false;
    this.#mine.set(socketId, address);
    this.#local.set(address, (this.#local.get(address) ?? 0) + 1);
    return true;
  }

  /** Frees the socket's slot (idempotent: a socket's transport closes once, but may be released twice). */
  release(socketId: string): void {
    const address = this.#mine.get(socketId);
    if (address === undefined) return;
    this.#mine.delete(socketId);
    const n = (this.#local.get(address) ?? 1) - 1;
    if (n > 0) this.#local.set(address, n);
    else this.#local.delete(address);
    if (this.redis?.status === 'ready') void this.redis.zrem(keyOf(address), this.#member(socketId)).catch(() => undefined);
  }

  /** Stops renewing and hands back this node's slots (a crashed node's lapse with their leases). */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    const mine = [...this.#mine];
    this.#mine.clear();
    this.#local.clear();
    if (this.redis?.status !== 'ready' || mine.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [socketId, address] of mine) pipeline.zrem(keyOf(address), this.#member(socketId));
    await pipeline.exec().catch(() => undefined);
  }

  /** true/false from Redis; null when there is no Redis to ask (one node, or Redis away). */
  async #takeShared(address: string, socketId: string): Promise<boolean | null> {
    if (this.redis?.status !== 'ready') return null;
    const now = Date.now();
    try {
      const ok = await this.redis.eval(TAKE, 1, keyOf(address), now, now + LEASE_MS, this.#member(socketId), this.cap, LEASE_MS * 2);
      return ok === 1;
    } catch {
      return null;
    }
  }

  async #renew(): Promise<void> {
    if (this.redis?.status !== 'ready' || this.#mine.size === 0) return;
    const until = Date.now() + LEASE_MS;
    const pipeline = this.redis.pipeline();
    for (const [socketId, address] of this.#mine) pipeline.zadd(keyOf(address), until, this.#member(socketId));
    for (const address of this.#local.keys()) pipeline.pexpire(keyOf(address), LEASE_MS * 2);
    await pipeline.exec().catch(() => undefined);
  }

  #member(socketId: string): string {
    return `${this.nodeId}/${socketId}`;
  }
}
