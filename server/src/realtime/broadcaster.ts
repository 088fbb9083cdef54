import type { ClientToServerEvents, ServerToClientEvents } from '@dinewire/protocol';
import type { Server } from 'socket.io';
import type { Logger } from '../logger';
import { metrics } from '../metrics';
import { audiencesOf } from '../modules/events/eventAudiences';
import { presentEvent } from '../modules/events/eventPresenter';
import type { StoredEvent } from '../modules/events/storedEvent';
import { ORDER_AUDIENCES, rooms } from './audiences';

export interface Broadcaster {
  /** Called after commit only; sends each event, presented, to the rooms that may see it. */
  publish(events: StoredEvent[]): void;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Inter-node message carrying committed events, as stored. */
export const EVENTS_MESSAGE = 'dinewire:events';

/**
 * Nodes exchange committed events once each (one Redis message per commit, through the adapter's
 * server-side emit), and every node presents them to its own sockets per audience. Rooms
 * without a local socket cost nothing; a room-by-room broadcast would publish once per audience
 * and make every node decode every copy.
 */
export class SocketBroadcaster implements Broadcaster {
  #io: IoServer | null = null;
  #clustered = false;

  constructor(
    private readonly logger: Logger,
    /** Unseals guests' names and rooms for the audiences shown them (events travel sealed, as stored). */
    private readonly piiKey: Buffer,
  ) {}

  attach(io: IoServer, clustered: boolean): void {
    this.#io = io;
    this.#clustered = clustered;
    (io as unknown as { on(ev: string, fn: (events: StoredEvent[]) => void): void }).on(EVENTS_MESSAGE, (events) => this.deliver(events));
  }

  publish(events: StoredEvent[]): void {
    if (!this.#io || events.length === 0) return;
    const publishedAt = new Date().toISOString();
    for (const e of events) e.publishedAt = publishedAt;
    if (this.#clustered) {
      try {
        this.#io.serverSideEmit(EVENTS_MESSAGE as never, events as never);
      } catch (err) {
        // Committed all the same; other nodes' subscribers catch up through sync.
        this.logger.warn({ err }, 'could not pass events to the other nodes');
      }
    }
    this.deliver(events);
  }

  /** Presents each event to this node's sockets of every audience that may see it. */
  deliver(events: StoredEvent[]): void {
    const io = this.#io;
    if (!io) return;
    const local = io.of('/').adapter.rooms;
    for (const e of events) {
      try {
        for (const audience of audiencesOf(e.type, Boolean(e.orderId))) {
          if (audience === 'order') {
            for (const orderAudience of ORDER_AUDIENCES) {
              const room = rooms.order(e.orderId!, orderAudience);
              if (!local.get(room)?.size) continue;
              const presented = presentEvent(this.piiKey, e, 'order', orderAudience);
              if (presented) io.local.to(room).emit('event', presented);
            }
            continue;
          }
          const room = rooms.scope(e.restaurantId, audience);
          if (!local.get(room)?.size) continue;
          const presented = presentEvent(this.piiKey, e, audience);
          if (presented) io.local.to(room).emit('event', presented);
        }
        metrics.eventsBroadcast.inc({ type: e.type });
      } catch (err) {
        // The event is committed; subscribers will catch up through sync. Never fail the request.
        this.logger.error({ err, seq: e.seq, restaurantId: e.restaurantId }, 'broadcast failed');
      }
    }
  }
}
