import type { LiveFigures, Locale } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import type { Ctx } from '../../context';
import { one } from '../../db/sql';
import { notFound } from '../../errors';
import { authorize } from '../../policies';
import { LIVE_FIGURES, type LiveRow } from './live.sql';

/** How far ahead the live view counts booked covers ("the next two hours"). */
export const UPCOMING_HOURS = 2;

/**
 * Several managers poll their live view every second or two: each node computes a restaurant's
 * figures at most once per `maxAgeMs` and hands every caller of that window the same answer
 * (concurrent callers share the one query in flight).
 */
export class LiveFiguresCache {
  private readonly entries = new Map<string, { at: number; rows: Promise<LiveRow | null> }>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly maxAgeMs = 1000,
  ) {}

  get(restaurantId: string): Promise<LiveRow | null> {
    const now = Date.now();
    const hit = this.entries.get(restaurantId);
    if (hit && now - hit.at < this.maxAgeMs) return hit.rows;
    const rows = one<LiveRow>(this.sequelize, LIVE_FIGURES, { restaurantId, upcomingHours: UPCOMING_HOURS });
    this.entries.set(restaurantId, { at: now, rows });
    // A failed query is not kept: the next caller asks again.
    rows.catch(() => this.entries.get(restaurantId)?.rows === rows && this.entries.delete(restaurantId));
    if (this.entries.size > 500) {
      for (const [id, e] of this.entries) if (now - e.at >= this.maxAgeMs) this.entries.delete(id);
    }
    return rows;
  }
}

export async function liveFigures(ctx: Ctx, cache: LiveFiguresCache, restaurantId: string, lang: Locale): Promise<LiveFigures> {
  authorize(ctx.actor, 'restaurant.live', { restaurantId });
  const row = await cache.get(restaurantId);
  if (!row) throw notFound('Restaurant');
  return presentLive(restaurantId, row, lang);
}

const seconds = (n: number | null) => (n === null ? null : Math.round(Number(n)));

export function presentLive(restaurantId: string, r: LiveRow, lang: Locale): LiveFigures {
  const day = { orders: Number(r.day.orders), revenueCents: Number(r.day.revenue) };
  return {
    restaurantId,
    at: new Date(r.at).toISOString(),
    currency: r.currency.trim(),
    ordersPerMinute: { last5: Math.round((r.last5 / 5) * 10) / 10, last15: Math.round((r.last15 / 15) * 10) / 10 },
    openTickets: r.open_tickets,
    stations: r.stations.map((s) => ({ stationId: s.station_id, name: s.names[lang], names: s.names, tickets: s.tickets, items: s.items })),
    unstationedTickets: r.unstationed,
    oldestTicket: r.oldest
      ? {
          orderId: r.oldest.id,
          number: r.oldest.number,
          placedAt: new Date(r.oldest.placed_at).toISOString(),
          ageSeconds: Math.floor(r.oldest.age),
        }
      : null,
    ticketSeconds: { count: Number(r.ticket.count), average: seconds(r.ticket.avg), p90: seconds(r.ticket.p90) },
    // Covers: one per order, as orders carry no party size (seated reservations will, with issue 10).
    today: { orders: day.orders, covers: day.orders, revenueCents: day.revenueCents },
    series: (r.series ?? []).map((p) => ({
      minute: new Date(p.minute).toISOString(),
      orders: p.orders,
      medianTicketSeconds: seconds(p.median),
    })),
    upcomingCovers: {
      hours: UPCOMING_HOURS,
      nextHours: Number(r.upcoming.soon_covers),
      nextHoursBookings: Number(r.upcoming.soon_bookings),
      restOfDay: Number(r.upcoming.day_covers),
      restOfDayBookings: Number(r.upcoming.day_bookings),
    },
  };
}
