import type { BoardOrder } from './events';
import type { Reservation } from './reservations';
import type { Order, Profile, RestaurantRef } from './schemas';

/** GET /me/export: everything held about a guest's account, for its owner. */
export interface AccountExport {
  exportedAt: string;
  account: Profile & { createdAt: string };
  /** The guest's orders, as GET /me/orders shows each. */
  orders: (Order | BoardOrder)[];
  /** The guest's bookings made signed in, as GET /me/reservations shows each. */
  reservations: Reservation[];
  /** The restaurants of those orders and bookings. */
  restaurants: RestaurantRef[];
  sessions: { createdAt: string; lastUsedAt: string; expiresAt: string; revokedAt: string | null }[];
}
