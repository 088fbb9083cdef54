import type { Channels, Scope } from '@dinewire/protocol';
import { type Actor, isDeviceOf, isStaffOf } from './actor';
import { isOwner, type OrderAccess } from './orderAccess';

/** An order and the token its caller gave (if any). */
export interface OrderWithToken {
  order: OrderAccess;
  token?: string | null;
}

/**
 * A booking and whether its caller gave the booking's token. The token is checked against its
 * keyed hash by the caller (the key is the server's secret), so the rule itself stays pure.
 */
export interface ReservationWithToken {
  reservation: { restaurantId: string; userId: string | null };
  tokenValid: boolean;
}

/** What each action is decided on. */
export interface Resources {
  'order.place': { restaurantId: string; channel: (typeof Channels)[number] };
  'order.read': OrderWithToken;
  'order.list': { restaurantId: string };
  'order.listMine': Record<string, never>;
  'order.cancel': OrderWithToken;
  /** Cancelling once the kitchen has started (the guest may cancel only before). */
  'order.cancelStarted': { restaurantId: string };
  /** Charging a room without the stay's PIN (anyone else is on a guest's own device and needs it). */
  'room.chargeWithoutPin': { restaurantId: string };
  /** Confirming or declining a room charge held for staff. */
  'order.confirmRoomCharge': { restaurantId: string };
  /** A pay-at-counter order without the per-order cap of self-service callers. */
  'order.counterUncapped': { restaurantId: string };
  /** Taking a pay-at-counter order's payment. */
  'order.markPaid': { restaurantId: string };
  /** The hotel's locked rooms: listing and unlocking them. */
  'room.locks': { restaurantId: string };
  /** Moving an item, or a whole ticket (`stationId` null: every station's items at once). */
  'kitchen.move': { restaurantId: string; stationId: string | null };
  /** Expo: handing a ready order over (served at the table, or picked up at the pass). */
  'order.handOff': { restaurantId: string };
  /** Rushing an order (or taking the rush back): it leads every kitchen screen. */
  'order.rush': { restaurantId: string };
  /** The kitchen's recall list: what a station (null: every station) bumped lately. */
  'kitchen.recent': { restaurantId: string; stationId: string | null };
  /** The restaurant's kitchen settings (ticket age thresholds): seeing them, and setting them. */
  'restaurant.kitchenSettings': { restaurantId: string };
  'restaurant.setKitchenSettings': { restaurantId: string };
  'inventory.read': { restaurantId: string };
  'inventory.adjust': { restaurantId: string };
  'device.manage': { restaurantId: string };
  /** The sheet of the restaurant's table QR codes, to print. */
  'table.qrCodes': { restaurantId: string };
  /** Taking a dish off by hand ("86") and putting it back. */
  'dish.availability': { restaurantId: string };
  /** The manager's live figures of a restaurant (load, ticket times, revenue). */
  'restaurant.live': { restaurantId: string };
  /** A restaurant's stock ledger. */
  'inventory.movements': { restaurantId: string };
  /** A dish's recipe and station. */
  'dish.kitchenFields': { restaurantId: string };
  /** A restaurant scope: live over the socket, or caught up over HTTP. */
  'scope.watch': { restaurantId: string; scope: Scope; stationId?: string | null };
  'cluster.nodes': Record<string, never>;
  'account.read': Record<string, never>;
  /** Signing up (and finishing it with the emailed code). */
  'account.register': Record<string, never>;
  /** Changing one's own profile. */
  'account.update': Record<string, never>;
  /** Erasing one's own guest account. */
  'account.erase': Record<string, never>;
  /** Asking for a one-time sign-in code, and signing in with it. */
  'account.signInByCode': Record<string, never>;
  /** Counting as one guest for a per-guest-limited promotion (such a promotion is open to no one else). */
  'promotion.perGuest': Record<string, never>;
  /** A restaurant's "goes well with" suggestions. */
  'restaurant.recommendations': { restaurantId: string };
  /** Booking a table. */
  'reservation.create': { restaurantId: string };
  /** A restaurant's bookings, with the guests' contact details (the host stand). */
  'reservation.list': { restaurantId: string };
  /** A booking made signed in belongs to the account: only a guest account is that guest. */
  'reservation.linkAccount': Record<string, never>;
  /** The host stand: seating a booked party (its pre-order goes to the kitchen), and finishing a stay (its tables free). */
  'reservation.seat': { restaurantId: string };
  'reservation.complete': { restaurantId: string };
  /** Seating a party that walked in without a booking. */
  'walkIn.create': { restaurantId: string };
  /** One booking, with the guest's contact: its guest (account or token) and the restaurant's hosts and managers. */
  'reservation.read': ReservationWithToken;
  /** A new time or party size. */
  'reservation.change': ReservationWithToken;
  /** Changing a booking past the restaurant's modifyUntilHours. */
  'reservation.changeLate': { restaurantId: string };
  'reservation.cancel': ReservationWithToken;
  /** Cancelling "on the restaurant": the whole deposit back, past the cutoff too. */
  'reservation.waiveFee': { restaurantId: string };
  'reservation.markNoShow': ReservationWithToken;
  /** The signed-in guest's own bookings. */
  'reservation.listMine': Record<string, never>;
  /** Joining a restaurant's waitlist. */
  'waitlist.join': { restaurantId: string };
  /** Adding a walk-in party to the line (the host stand). */
  'waitlist.addWalkIn': { restaurantId: string };
  /** A restaurant's line, with the guests' contact details. */
  'waitlist.list': { restaurantId: string };
  /** Seeing, accepting and cancelling one entry: its guest (token or account) or the host stand. */
  'waitlist.entry': { entry: { restaurantId: string; userId: string | null }; tokenMatches: boolean };
}

export type Action = keyof Resources;

/**
 * Every rule of who may see and do what, in one table. Staff are users assigned to the
 * restaurant; devices are screens paired to one restaurant; the owner of an order is the account
 * or kiosk that placed it, or the holder of its order token.
 */
export const rules: { [A in Action]: (actor: Actor, r: Resources[A]) => boolean } = {
  'order.place': (a, r) => {
    // Of the devices, only a restaurant's own kiosks take orders.
    if (a.kind === 'device') return isDeviceOf(a, r.restaurantId, ['kiosk']) && r.channel !== 'staff';
    if (r.channel === 'staff' || r.channel === 'kiosk') return isStaffOf(a, r.restaurantId);
    return true; // web and room orders: anyone, no account needed
  },
  'order.read': (a, { order, token }) =>
    isStaffOf(a, order.restaurantId) || isDeviceOf(a, order.restaurantId, ['kitchen']) || isOwner(a, order, token),
  'order.list': (a, r) => isStaffOf(a, r.restaurantId) || isDeviceOf(a, r.restaurantId, ['kitchen', 'board']),
  'order.listMine': (a) => a.kind === 'user',
  // The kitchen cooks; it does not cancel, not even an order it can see.
  'order.cancel': (a, { order, token }) =>
    isStaffOf(a, order.restaurantId, ['manager', 'host']) ||
    (isOwner(a, order, token) && !isStaffOf(a, order.restaurantId, ['kitchen']) && !isDeviceOf(a, order.restaurantId, ['kitchen'])),
  'order.cancelStarted': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  // Staff of the restaurant vouch for the guest; anonymous callers, guest accounts and kiosks give the PIN.
  'room.chargeWithoutPin': (a, r) => isStaffOf(a, r.restaurantId),
  'order.confirmRoomCharge': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  // The same self-service callers: their unpaid orders may not take a dish's last portions at once.
  'order.counterUncapped': (a, r) => isStaffOf(a, r.restaurantId),
  'order.markPaid': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  'room.locks': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  // A station's screen moves only its station's items.
  'kitchen.move': (a, r) =>
    isStaffOf(a, r.restaurantId) ||
    (a.kind === 'device' && isDeviceOf(a, r.restaurantId, ['kitchen']) && (!a.stationId || a.stationId === r.stationId)),
  // Hand-off serves every item of the order: staff, or a kitchen screen of all stations (the pass);
  // a station's screen moves only its own station's items.
  'order.handOff': (a, r) =>
    isStaffOf(a, r.restaurantId) || (a.kind === 'device' && isDeviceOf(a, r.restaurantId, ['kitchen']) && !a.stationId),
  // Rushing is the pass's call: cooks, managers and the kitchen's screens (any station's).
  'order.rush': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'kitchen']) || isDeviceOf(a, r.restaurantId, ['kitchen']),
  'kitchen.recent': (a, r) =>
    isStaffOf(a, r.restaurantId) ||
    (a.kind === 'device' && isDeviceOf(a, r.restaurantId, ['kitchen']) && (!a.stationId || a.stationId === r.stationId)),
  'restaurant.kitchenSettings': (a, r) => isStaffOf(a, r.restaurantId) || isDeviceOf(a, r.restaurantId, ['kitchen']),
  'restaurant.setKitchenSettings': (a, r) => isStaffOf(a, r.restaurantId, ['manager']),
  'inventory.read': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'kitchen']),
  'inventory.adjust': (a, r) => isStaffOf(a, r.restaurantId, ['manager']),
  'device.manage': (a, r) => isStaffOf(a, r.restaurantId, ['manager']),
  // The manager sets the room up; the codes open nothing a guest at the table could not open anyway.
  'table.qrCodes': (a, r) => isStaffOf(a, r.restaurantId, ['manager']),
  'dish.kitchenFields': (a, r) => isStaffOf(a, r.restaurantId),
  // The kitchen runs out of things mid-service; the manager decides too. Screens (devices) do not.
  'dish.availability': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'kitchen']),
  'restaurant.live': (a, r) => isStaffOf(a, r.restaurantId, ['manager']),
  'inventory.movements': (a, r) => isStaffOf(a, r.restaurantId, ['manager']),
  'scope.watch': (a, r) => {
    if (r.stationId && a.kind === 'device' && a.stationId && a.stationId !== r.stationId) return false;
    switch (r.scope) {
      case 'menu':
        return true;
      case 'board':
        return isStaffOf(a, r.restaurantId) || isDeviceOf(a, r.restaurantId, ['board', 'kitchen']);
      case 'kitchen':
        return isStaffOf(a, r.restaurantId, ['manager', 'kitchen']) || isDeviceOf(a, r.restaurantId, ['kitchen']);
      case 'staff':
        return isStaffOf(a, r.restaurantId, ['manager', 'host']);
    }
  },
  'cluster.nodes': (a) => a.kind === 'user' && a.role === 'manager',
  'account.read': (a) => a.kind === 'user',
  // A person signs up from their own browser; a paired screen opens no accounts.
  'account.register': (a) => a.kind !== 'device',
  'account.update': (a) => a.kind === 'user',
  // Staff accounts end with their employment (a manager's task); a guest erases their own.
  'account.erase': (a) => a.kind === 'user' && a.role === 'guest',
  // A code goes to a person's own mailbox or phone; a paired screen signs no one in.
  'account.signInByCode': (a) => a.kind !== 'device',
  // Only a guest account is one guest: a kiosk serves many, an address a whole hotel, an order token one order;
  // staff ordering for a guest are not that guest.
  'promotion.perGuest': (a) => a.kind === 'user' && a.role === 'guest',
  // Public, as the menu is.
  'restaurant.recommendations': () => true,
  // Anyone may book, no account needed; a paired screen is not a guest (the host stand books as a host).
  'reservation.create': (a) => a.kind !== 'device',
  'reservation.list': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  // A host booking for a caller on the phone is not that guest.
  'reservation.linkAccount': (a) => a.kind === 'user' && a.role === 'guest',
  'reservation.seat': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  'reservation.complete': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  'walkIn.create': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  // The kitchen has no need of a guest's phone number; whoever holds the token is the guest.
  'reservation.read': (a, r) => isBookingStaff(a, r) || isBookingGuest(a, r),
  'reservation.change': (a, r) => isBookingStaff(a, r) || isBookingGuest(a, r),
  'reservation.changeLate': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  'reservation.cancel': (a, r) => isBookingStaff(a, r) || isBookingGuest(a, r),
  'reservation.waiveFee': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  // Only the host stand knows the party did not come.
  'reservation.markNoShow': (a, r) => isBookingStaff(a, r),
  'reservation.listMine': (a) => a.kind === 'user',
  // Like booking: anyone, no account needed; a paired screen is not a guest.
  'waitlist.join': (a) => a.kind !== 'device',
  'waitlist.addWalkIn': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  'waitlist.list': (a, r) => isStaffOf(a, r.restaurantId, ['manager', 'host']),
  'waitlist.entry': (a, { entry, tokenMatches }) =>
    tokenMatches ||
    isStaffOf(a, entry.restaurantId, ['manager', 'host']) ||
    (a.kind === 'user' && a.role === 'guest' && entry.userId !== null && a.id === entry.userId),
};

function isBookingStaff(a: Actor, r: ReservationWithToken): boolean {
  return isStaffOf(a, r.reservation.restaurantId, ['manager', 'host']);
}

/** The account that made the booking, or whoever holds its token. */
function isBookingGuest(a: Actor, r: ReservationWithToken): boolean {
  return r.tokenValid || (a.kind === 'user' && r.reservation.userId !== null && r.reservation.userId === a.id);
}
