import type { Sequelize } from 'sequelize';
import type { Actor } from '../../policies/actor';
import { resolveToken } from './sessions';

/** Which sessions a revocation ends. */
export interface Revocation {
  sessionIds?: string[];
  deviceIds?: string[];
}

const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;

/**
 * Resolved tokens kept for a few seconds, so a busy kiosk's requests do not each look up its
 * session. Revocations evict at once on this node and, through the Socket.IO adapter, on the
 * others; if Redis is away at that moment, another node may accept the token until its entry
 * expires (at most TTL_MS).
 */
export class SessionCache {
  #entries = new Map<string, { actor: Actor | null; until: number }>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly idleMinutes: number,
  ) {}

  async resolve(token: string): Promise<Actor | null> {
    const now = Date.now();
    const hit = this.#entries.get(token);
    if (hit && hit.until > now) return hit.actor;
    const actor = await resolveToken(this.sequelize, token, this.idleMinutes);
    // Unknown tokens are not kept: junk must not fill the cache.
    if (actor) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
      this.#entries.set(token, { actor, until: now + TTL_MS });
    } else {
      this.#entries.delete(token);
    }
    return actor;
  }

  evict(r: Revocation): void {
    const sessions = new Set(r.sessionIds ?? []);
    const devices = new Set(r.deviceIds ?? []);
    for (const [token, { actor }] of this.#entries) {
      if (!actor || actor.kind === 'anonymous') continue;
      if (sessions.has(actor.sessionId) || (actor.kind === 'device' && devices.has(actor.id))) this.#entries.delete(token);
    }
  }
}
