import type { Sequelize, Transaction } from 'sequelize';
import type { Config } from './config';
import type { JobQueue } from './jobs/queue';
import type { Logger } from './logger';
import type { Actor } from './policies/actor';
import type { Revocation, SessionCache } from './modules/accounts/sessionCache';
import type { Notifier } from './modules/notifications/notifier';
import type { PaymentProcessor } from './modules/payments/processor';
import type { Broadcaster } from './realtime/broadcaster';
import type { StoredEvent } from './modules/events/storedEvent';

export type { Actor };

/** What every command needs, built once at boot; tests build it with real parts. */
export interface Services {
  config: Config;
  sequelize: Sequelize;
  logger: Logger;
  broadcaster: Broadcaster;
  payments: PaymentProcessor;
  /** The durable job queue: money moves after commit, by jobs queued in the transaction. */
  jobs: JobQueue;
  sessions: SessionCache;
  /** Sends the outbox's messages (email): the sender NOTIFIER names (notifications/notifiers.ts). */
  notifier: Notifier;
  /** Ends sessions everywhere: evicts them from every node's cache and disconnects their sockets. */
  revoked: (r: Revocation) => void;
}

/** A command's context: who is acting, and the parts to act with. Domain code never sees req/res. */
export interface Ctx extends Services {
  actor: Actor;
  requestId: string;
  ip: string;
}

/**
 * Runs `fn` in a transaction; events it appends are broadcast only after commit
 * (REALTIME.md: nothing leaves the node before commit).
 */
export async function inTransaction<T>(ctx: Services, fn: (t: Transaction, emit: (e: StoredEvent) => void) => Promise<T>): Promise<T> {
  const events: StoredEvent[] = [];
  const result = await ctx.sequelize.transaction(async (t) => {
    t.afterCommit(() => ctx.broadcaster.publish(events));
    return fn(t, (e) => events.push(e));
  });
  return result;
}

/** The key under which an actor's idempotency keys and rate limits are kept. */
export function actorKey(actor: Actor, ip: string): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.id}`;
    case 'device':
      return `device:${actor.id}`;
    default:
      return `ip:${ip}`;
  }
}
