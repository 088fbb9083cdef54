import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { rows, type Binds } from '../../db/sql';
import {
  PRUNE_EVENTS,
  PRUNE_IDEMPOTENCY_KEYS,
  PRUNE_OUTBOX,
  PRUNE_REGISTRATIONS,
  PRUNE_SESSIONS,
  RESTAURANTS_WITH_EVENTS,
} from './maintenance.sql';

/** Rows one statement deletes: small enough to hold no lock for long, large enough to keep up. */
export const PRUNE_BATCH = 1000;

/** How long the outbox keeps a message. */
export const OUTBOX_RETENTION_DAYS = 7;

export interface PruneCounts {
  idempotencyKeys: number;
  sessions: number;
  registrations: number;
  outboxMessages: number;
  events: number;
}

/** Runs one batched DELETE until a batch comes back short; returns how many rows went. */
async function inBatches(sequelize: Sequelize, sql: string, bind: Binds, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [, result] = await sequelize.query(sql, { bind: { ...bind, batch }, raw: true });
    const n = (result as { rowCount?: number }).rowCount ?? 0;
    total += n;
    if (n < batch) return total;
  }
}

/**
 * Deletes what is kept no longer: idempotency keys (and their stored responses) after 24 h,
 * sessions that expired, were revoked or sat idle past SESSION_IDLE_MINUTES, expired sign-up
 * codes, outbox messages after OUTBOX_RETENTION_DAYS, and events older than
 * EVENT_RETENTION_DAYS. The restaurants' counters never move back; a catch-up from a pruned
 * cursor answers `reset`. Meant for a recurring job on the durable queue; safe to run on
 * several nodes at once (each statement deletes what it finds).
 */
export async function pruneOnce(
  s: { sequelize: Sequelize; config: Pick<Config, 'sessionIdleMinutes' | 'eventRetentionDays'> },
  now: Date = new Date(),
  batch: number = PRUNE_BATCH,
): Promise<PruneCounts> {
  const { sequelize, config } = s;
  const at = now.toISOString();
  const counts: PruneCounts = {
    idempotencyKeys: await inBatches(sequelize, PRUNE_IDEMPOTENCY_KEYS, { now: at }, batch),
    sessions: await inBatches(sequelize, PRUNE_SESSIONS, { now: at, idleMinutes: config.sessionIdleMinutes }, batch),
    registrations: await inBatches(sequelize, PRUNE_REGISTRATIONS, { now: at }, batch),
    outboxMessages: await inBatches(sequelize, PRUNE_OUTBOX, { now: at, days: OUTBOX_RETENTION_DAYS }, batch),
    events: 0,
  };
  const cutoff = new Date(now.getTime() - config.eventRetentionDays * 24 * 3600 * 1000).toISOString();
  for (const { restaurant_id } of await rows<{ restaurant_id: string }>(sequelize, RESTAURANTS_WITH_EVENTS)) {
    counts.events += await inBatches(sequelize, PRUNE_EVENTS, { restaurantId: restaurant_id, cutoff }, batch);
  }
  return counts;
}
