import type { DinewireEvent, EventsPage } from './events';

/** What a live event means for a subscription's cursor (REALTIME.md, "The client"). */
export type Arrival =
  /** The next one: the cursor moved to it, deliver it. */
  | 'apply'
  /** At or below the cursor: already delivered, live or by a catch-up. */
  | 'duplicate'
  /** Something before it is missing: it waits in `pending`; catch up. */
  | 'gap'
  /** A catch-up is running, or the start is not known yet: it waits in `pending`. */
  | 'held';

/** After the server confirmed a subscription: where delivery stands. */
export type SubscribedOutcome =
  /** The first subscription without a cursor: delivery starts at the server's seq; drain `pending`. */
  | 'start'
  /** The server has committed past the cursor (a reconnect, or the screen's first load is older): catch up. */
  | 'catch_up'
  /** Nothing missed. */
  | 'current';

/** After one page of a catch-up answer. */
export type PageOutcome = 'more' | 'done' | 'reset';

/**
 * One subscription's position in its restaurant's event log, and the events waiting for a
 * hole before them to be filled. No socket, no fetch: the client feeds it what arrives and
 * acts on the answers (deliver, catch up, reload). `deliver` callbacks run with the cursor
 * already moved to the event they are given.
 */
export class SubscriptionCursor {
  /** Highest seq applied, or caught up to; -1 until the server or the screen says where to start. */
  position: number;
  /** Events that arrived during a catch-up, or after a hole; applied once the hole is filled. */
  pending: DinewireEvent[] = [];
  /** Set by the client while a catch-up runs: live events then wait. */
  catchingUp = false;

  constructor(initial?: number) {
    this.position = initial ?? -1;
  }

  /** The `after` of a catch-up request. */
  get after(): number {
    return Math.max(0, this.position);
  }

  /** A live event for this subscription. */
  receive(event: DinewireEvent): Arrival {
    if (this.catchingUp || this.position < 0) {
      this.pending.push(event);
      return 'held';
    }
    if (event.seq <= this.position) return 'duplicate';
    if (event.prevSeq > this.position) {
      this.pending.push(event);
      return 'gap';
    }
    this.position = event.seq;
    return 'apply';
  }

  /** The subscribe acknowledgement: `visibleSeq` is the latest seq this subscription may see. */
  subscribed(visibleSeq: number): SubscribedOutcome {
    if (this.position < 0) {
      this.position = visibleSeq;
      return 'start';
    }
    return visibleSeq > this.position ? 'catch_up' : 'current';
  }

  /** A `sync` heartbeat: true when the server has committed something visible past the cursor. */
  isBehind(visibleSeq: number): boolean {
    return this.position >= 0 && visibleSeq > this.position;
  }

  /**
   * Delivers the waiting events that now follow the cursor, in seq order, dropping those it has
   * passed. Returns true when a hole remains before the rest (they keep waiting): catch up again.
   */
  drain(deliver: (event: DinewireEvent) => void): boolean {
    const waiting = this.pending.sort((a, b) => a.seq - b.seq);
    this.pending = [];
    for (const event of waiting) {
      if (event.seq <= this.position) continue;
      if (event.prevSeq > this.position) {
        this.pending = [event, ...waiting.filter((e) => e.seq > event.seq)];
        return true;
      }
      this.position = event.seq;
      deliver(event);
    }
    return false;
  }

  /**
   * One page of `GET .../events?after=`: delivers what follows the cursor and moves it to the
   * page's `latestSeq`. On `reset` (the cursor is older than the log keeps) the cursor jumps to
   * `latestSeq` and the waiting events go: the screen reloads its state instead.
   */
  applyPage(page: EventsPage, deliver: (event: DinewireEvent) => void): PageOutcome {
    if (page.reset) {
      this.position = page.latestSeq;
      this.pending = [];
      return 'reset';
    }
    for (const event of page.events) {
      if (event.seq <= this.position) continue;
      this.position = event.seq;
      deliver(event);
    }
    if (page.latestSeq > this.position) this.position = page.latestSeq;
    return page.hasMore ? 'more' : 'done';
  }
}
