import type { ClientToServerEvents, ServerToClientEvents } from '@dinewire/protocol';
import type { Server } from 'socket.io';
import type { Logger } from '../logger';
import { audiencesOf, rooms } from './audiences';
import { presentEvent, type StoredEvent } from './eventLog';
import { metrics } from '../metrics';

export interface Broadcaster {
  /** Called after commit only; sends each event, presented, to the rooms that may see it. */
  publish(events: StoredEvent[]): void;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;

export class SocketBroadcaster implements Broadcaster {
  #io: IoServer | null = null;

  constructor(private readonly logger: Logger) {}

  attach(io: IoServer): void {
    this.#io = io;
  }

  publish(events: StoredEvent[]): void {
    const io = this.#io;
    if (!io) return;
    for (const e of events) {
      try {
        for (const audience of audiencesOf(e.type, Boolean(e.orderId))) {
          const presented = presentEvent(e, audience);
          if (!presented) continue;
          const room = audience === 'order' ? rooms.order(e.orderId!) : rooms.scope(e.restaurantId, audience);
          io.to(room).emit('event', presented);
        }
        metrics.eventsBroadcast.inc({ type: e.type });
      } catch (err) {
        // The event is committed; subscribers will catch up through sync. Never fail the request.
        this.logger.error({ err, seq: e.seq, restaurantId: e.restaurantId }, 'broadcast failed');
      }
    }
  }
}
