import { z } from 'zod';
import { IdSchema, Scopes, safeText } from './schemas';
import type { LocalizedText, Order, RoomLock, Scope, TicketAges } from './schemas';
import type { Reservation } from './reservations';
import type { WaitlistEntry } from './waitlist';

export const EventTypes = [
  'order.created',
  'order.updated',
  'menu.availability',
  'inventory.low',
  'inventory.adjusted',
  'reservation.created',
  'reservation.updated',
  'waitlist.updated',
  'room.locked',
  'room.unlocked',
  'kitchen.settings',
] as const;
export type EventType = (typeof EventTypes)[number];

export interface MenuAvailability {
  dishId: string;
  available: boolean;
  remaining: number | null;
  /** Taken off by hand ("86"); `available` is false while it is, whatever the stock. */
  soldOutByHand?: boolean;
}
export interface InventoryLevel {
  ingredientId: string;
  name: string;
  names: LocalizedText;
  unit: string;
  quantity: number;
  lowThreshold: number;
}
/** A pickup board sees only what a hall screen may show: number and status. */
export interface BoardOrder {
  id: string;
  number: number;
  status: Order['status'];
  version: number;
}

export interface EventDataMap {
  'order.created': Order | BoardOrder;
  'order.updated': Order | BoardOrder;
  'menu.availability': MenuAvailability;
  'inventory.low': InventoryLevel;
  'inventory.adjusted': InventoryLevel;
  /** Staff only, with the guest's contact details. */
  'reservation.created': Reservation;
  'reservation.updated': Reservation;
  'waitlist.updated': WaitlistEntry;
  /** Staff only: a room's self-service charges were locked after repeated misses, or unlocked. */
  'room.locked': RoomLock;
  'room.unlocked': { roomNumber: string };
  /** The kitchen's settings changed (a manager set the ticket age thresholds): staff and kitchen screens. */
  'kitchen.settings': { ticketAges: TicketAges };
}

/** One committed change, as one audience may see it. `seq` rises by one per change in a restaurant. */
export interface DinewireEvent<T extends EventType = EventType> {
  seq: number;
  /**
   * The `seq` of the previous event this same audience was sent (0 if none). A client whose
   * cursor is below `prevSeq` has missed something and catches up; one at or above it has not.
   */
  prevSeq: number;
  restaurantId: string;
  type: T;
  /** When the change was written (database clock, inside its transaction). */
  at: string;
  /** When the committing node sent it, just after commit; on live deliveries only, not in catch-up answers. */
  publishedAt?: string;
  data: EventDataMap[T];
}

export interface SyncMessage {
  restaurantId: string;
  /** The restaurant's latest committed seq. */
  seq: number;
  /** Which subscription this heartbeat is for, and the latest seq that subscription may see. */
  scope: Scope | 'order';
  orderId?: string;
  visibleSeq: number;
}

export interface LoadMessage {
  restaurantId: string;
  openOrders: number;
  queuedItems: number;
  cookingItems: number;
  readyItems: number;
  ordersLastHour: number;
  avgTicketSeconds: number | null;
  at: string;
}

export const SubscribeSchema = z.union([
  z.object({
    restaurantId: IdSchema,
    scope: z.enum(Scopes),
    stationId: IdSchema.optional(),
  }),
  z.object({ orderId: IdSchema, orderToken: safeText().min(1).max(200).optional() }),
]);
export type SubscribeRequest = { restaurantId: string; scope: Scope; stationId?: string } | { orderId: string; orderToken?: string };

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };
/** `seq`: the restaurant's latest committed seq; `visibleSeq`: the latest this subscription may see. */
export type SubscribeAck = Ack<{ seq: number; visibleSeq: number; restaurantId: string }>;

/** Socket.IO typed events: what the server emits. */
export interface ServerToClientEvents {
  event: (event: DinewireEvent) => void;
  sync: (message: SyncMessage) => void;
  load: (message: LoadMessage) => void;
}
/** Socket.IO typed events: what a client emits. Clients never write through the socket. */
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack?: (result: Ack<object>) => void) => void;
}

export interface EventsPage {
  events: DinewireEvent[];
  latestSeq: number;
  /** More events follow `latestSeq`: ask again with `after=latestSeq`. */
  hasMore?: boolean;
  /** True when `after` is not in the retained log (too old, or ahead of it): reload the screen from current state. */
  reset?: boolean;
}
