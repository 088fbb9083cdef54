import type { EventType } from '@dinewire/protocol';

/** One row of the event log, with the previous seq of each audience that sees it. */
export interface StoredEvent {
  restaurantId: string;
  seq: number;
  type: EventType;
  orderId: string | null;
  prev: { kitchen: number | null; board: number | null; menu: number | null; order: number | null };
  /** The full (staff) presentation; other audiences get theirs derived from it. */
  data: unknown;
  at: string;
  /** Set by the broadcaster after commit. */
  publishedAt?: string;
}

/** A row of `events`, as RETURNING * gives it. */
export interface EventRow {
  restaurant_id: string;
  seq: number;
  type: EventType;
  order_id: string | null;
  prev_kitchen: number | null;
  prev_board: number | null;
  prev_menu: number | null;
  prev_order: number | null;
  data: unknown;
  at: Date;
}

export function fromRow(r: EventRow): StoredEvent {
  return {
    restaurantId: r.restaurant_id,
    seq: r.seq,
    type: r.type,
    orderId: r.order_id,
    prev: { kitchen: r.prev_kitchen, board: r.prev_board, menu: r.prev_menu, order: r.prev_order },
    data: r.data,
    at: r.at.toISOString(),
  };
}
