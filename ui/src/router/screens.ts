import { RouteTable } from './table';

/**
 * Every address of CONTRACT.md's "Screens" table. An app renders the routes it has a screen
 * for; the others are known here so a QR code or a link can be built for them, and show as
 * "not found" until their screen exists. `:r` is a restaurant's slug or id.
 */
export const kioskRoutes = /* @__PURE__ */ new RouteTable('/kiosk', {
  /** Browsed by cuisine, area and price level: the filters live in the address (back, reload). */
  restaurants: { path: '/', query: ['cuisine', 'area', 'price'] },
  menu: { path: '/r/:r', query: ['table'] },
  order: { path: '/orders/:orderId', query: ['token'] },
  booking: { path: '/r/:r/book' },
  /** A guest's booking: by its token, or as the signed-in guest who made it. */
  reservation: { path: '/bookings/:reservationId', query: ['token'] },
  waitlist: { path: '/waitlist/:entryId', query: ['token'] },
  account: { path: '/account' },
  pair: { path: '/pair' },
});

export const dashboardRoutes = /* @__PURE__ */ new RouteTable('/dashboard', {
  /** Sign-in, then the choice of restaurant. */
  home: { path: '/' },
  kitchen: { path: '/r/:r/kitchen', query: ['station'] },
  expo: { path: '/r/:r/expo' },
  board: { path: '/r/:r/board' },
  live: { path: '/r/:r/live' },
  inventory: { path: '/r/:r/inventory' },
  devices: { path: '/r/:r/devices' },
  tables: { path: '/r/:r/tables' },
  host: { path: '/r/:r/host' },
  pair: { path: '/pair' },
});

export type KioskRoutes = typeof kioskRoutes.routes;
export type DashboardRoutes = typeof dashboardRoutes.routes;
