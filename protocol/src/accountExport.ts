import type { BoardOrder } from './events';
import type { Order, Profile, RestaurantRef } from './schemas';

/** GET /me/export: everything held about a guest's account, for its owner. */
export interface AccountExport {
  exportedAt: string;
  account: Profile & { createdAt: string };
  /** The guest's orders, as GET /me/orders shows each. */
  orders: (Order | BoardOrder)[];
  restaurants: RestaurantRef[];
  sessions: { createdAt: string; lastUsedAt: string; expiresAt: string; revokedAt: string | null }[];
}
