import type { DinewireEvent, EventType } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import { one, rows } from '../../db/sql';
import type { OrderAudience } from '../../policies';
import type { Audience } from './eventAudiences';
import { presentEvent } from './eventPresenter';
import { appendEventSql, eventsAfterSql, LATEST_SEQ, LOG_BOUNDS } from './events.sql';
import { type EventRow, fromRow, type StoredEvent } from './storedEvent';

export type { StoredEvent };

/** Appends an event in the caller's transaction (see eventCtes); an order's event also becomes its last. */
export async function appendEvent(
  sequelize: Sequelize,
  t: Transaction,
  e: { restaurantId: string; type: EventType; data: unknown; orderId?: string; prevOrderSeq?: number },
): Promise<StoredEvent> {
  const row = await one<EventRow>(
    sequelize,
    appendEventSql(e.type, Boolean(e.orderId)),
    {
      restaurantId: e.restaurantId,
      orderId: e.orderId ?? null,
      prevOrder: e.orderId ? (e.prevOrderSeq ?? 0) : null,
      data: JSON.stringify(e.data),
    },
    t,
  );
  if (!row) throw new Error(`no event counter for restaurant ${e.restaurantId}`);
  return fromRow(row);
}

export async function latestSeq(sequelize: Sequelize, restaurantId: string): Promise<number | null> {
  const r = await one<{ seq: number }>(sequelize, LATEST_SEQ, { restaurantId });
  return r ? r.seq : null;
}

export const CATCH_UP_PAGE = 500;

/**
 * Everything after `after` that the audience may see, up to the latest committed seq read first:
 * a counter value is only visible once its transaction (and so its event row) has committed.
 * An order's subscribers get it as `orderAudience` presents it (its owner's by default).
 * `reset` when the log cannot answer: `after` is ahead of it, or events after `after` were
 * pruned (maintenance/prune keeps a gap-free tail of each restaurant's log).
 */
export async function eventsAfter(
  sequelize: Sequelize,
  q: {
    restaurantId: string;
    after: number;
    audience: Audience;
    orderId?: string;
    orderAudience?: OrderAudience;
    limit?: number;
    /** Unseals guests' names and rooms for the audiences shown them. */
    piiKey: Buffer;
  },
): Promise<{ events: DinewireEvent[]; latestSeq: number; hasMore: boolean; reset: boolean }> {
  const bounds = await one<{ latest: number; oldest: number | null }>(sequelize, LOG_BOUNDS, { restaurantId: q.restaurantId });
  const latest = bounds?.latest ?? 0;
  // Seq counts every event from 1, so the log is whole after `oldest - 1`.
  const keptAfter = (bounds?.oldest ?? latest + 1) - 1;
  if (q.after > latest || q.after < keptAfter) return { events: [], latestSeq: latest, hasMore: false, reset: true };
  const limit = Math.min(q.limit ?? CATCH_UP_PAGE, CATCH_UP_PAGE);
  const list = await rows<EventRow>(sequelize, eventsAfterSql(q.audience), {
    restaurantId: q.restaurantId,
    after: q.after,
    latest,
    limit,
    orderId: q.orderId ?? null,
  });
  const events = list
    .map(fromRow)
    .map((e) => presentEvent(q.piiKey, e, q.audience, q.orderAudience))
    .filter((e): e is DinewireEvent => e !== null);
  // A full page: answer only up to its last event, so the client asks again for the rest.
  const hasMore = list.length === limit;
  return { events, latestSeq: hasMore ? list[list.length - 1].seq : latest, hasMore, reset: false };
}
