import { type AppError, forbidden, notFound, unauthenticated } from '../errors';
import type { Actor } from './actor';
import { type Action, type Resources, rules } from './rules';

export { type Actor, isDeviceOf, isStaffOf } from './actor';
export { type OrderAccess, isOwner } from './orderAccess';
export { type OrderAudience, audienceOf, audienceOfScope } from './audience';
export { type Action, type Resources, type OrderWithToken, type ReservationWithToken, rules } from './rules';

/** Whether `actor` may do `action` on `resource`. Pure: no I/O, no throwing. */
export function can<A extends Action>(actor: Actor, action: A, resource: Resources[A]): boolean {
  return rules[action](actor, resource);
}

/** Throws the refusal `denial` gives when `actor` may not do `action`. */
export function authorize<A extends Action>(actor: Actor, action: A, resource: Resources[A]): void {
  if (!can(actor, action, resource)) throw denial(actor, action, resource);
}

const messages: { [A in Action]: string } = {
  'order.place': 'This channel or restaurant is not open to you: the staff channel is for staff, the kiosk channel for paired kiosks.',
  'order.read': 'You may not see this order.',
  'order.list': 'Only staff and screens of this restaurant see its orders.',
  'order.listMine': 'Sign in first.',
  'order.cancel': 'Kitchen accounts and screens cannot cancel orders.',
  'order.cancelStarted': 'The kitchen has started on this order; ask the staff to cancel it.',
  'room.chargeWithoutPin': 'A room charge from a guest’s device needs the stay’s PIN.',
  'order.confirmRoomCharge': 'Only hosts and managers of this restaurant confirm or decline room charges.',
  'order.counterUncapped': 'Only staff of this restaurant place unpaid orders without the per-order cap.',
  'order.markPaid': 'Only hosts and managers of this restaurant take counter payments.',
  'room.locks': 'Only hosts and managers of this restaurant see and unlock locked rooms.',
  'kitchen.move': 'Only this restaurant’s kitchen moves its items (a station’s screen, its station’s).',
  'order.handOff': 'Only staff and all-station kitchen screens of this restaurant hand orders off.',
  'order.rush': 'Only the kitchen and managers of this restaurant rush orders.',
  'kitchen.recent': 'Only this restaurant’s kitchen sees what it bumped (a station’s screen, its station’s).',
  'restaurant.kitchenSettings': 'Only staff and kitchen screens of this restaurant see its kitchen settings.',
  'restaurant.setKitchenSettings': 'Only managers of this restaurant change its kitchen settings.',
  'inventory.read': 'Only managers and the kitchen of this restaurant see its stock.',
  'inventory.adjust': 'Only managers of this restaurant adjust its stock.',
  'device.manage': 'Only managers of this restaurant manage its devices.',
  'table.qrCodes': 'Only managers of this restaurant print its table codes.',
  'dish.kitchenFields': 'Only staff of this restaurant see recipes.',
  'dish.availability': 'Only managers and the kitchen of this restaurant take dishes off and put them back.',
  'restaurant.live': 'Only managers of this restaurant see its live figures.',
  'inventory.movements': 'Only managers of this restaurant see its stock ledger.',
  'scope.watch': 'You may not watch this scope of this restaurant.',
  'cluster.nodes': 'Only managers may see the cluster’s nodes.',
  'account.read': 'Sign in first.',
  'account.register': 'A paired screen does not open accounts.',
  'account.update': 'Sign in first.',
  'account.erase': 'Staff accounts are closed by a manager.',
  'account.signInByCode': 'A paired screen does not sign guests in.',
  'promotion.perGuest': 'This promotion is for signed-in guest accounts.',
  'restaurant.recommendations': 'You may not see these suggestions.',
  'reservation.create': 'A paired screen does not book tables; sign in as a host.',
  'reservation.list': 'Only hosts and managers of this restaurant see its bookings.',
  'reservation.linkAccount': 'Only a guest account holds bookings.',
  'reservation.seat': 'Only hosts and managers of this restaurant seat its bookings.',
  'reservation.complete': 'Only hosts and managers of this restaurant finish its bookings.',
  'walkIn.create': 'Only hosts and managers of this restaurant seat walk-ins.',
  'reservation.read': 'You may not see this booking.',
  'reservation.change': 'You may not change this booking.',
  'reservation.changeLate': 'It is too late to change this booking online; please call the restaurant.',
  'reservation.cancel': 'You may not cancel this booking.',
  'reservation.waiveFee': 'Only hosts and managers of this restaurant waive a cancellation fee.',
  'reservation.markNoShow': 'Only hosts and managers of this restaurant mark a booking a no-show.',
  'reservation.listMine': 'Sign in first.',
  'waitlist.join': 'A paired screen does not join waitlists; sign in as a host.',
  'waitlist.addWalkIn': 'Only hosts and managers of this restaurant add walk-ins to its line.',
  'waitlist.list': 'Only hosts and managers of this restaurant see its waitlist.',
  'waitlist.entry': 'You may not see this waitlist entry.',
};

/**
 * The refusal: whoever has not signed in is asked to (401); an order or booking the caller may not
 * see is not found (404), so strangers learn no ids; anything else is forbidden (403).
 */
export function denial<A extends Action>(actor: Actor, action: A, resource: Resources[A]): AppError {
  switch (action) {
    case 'order.read': {
      const { token } = resource as Resources['order.read'];
      return actor.kind === 'anonymous' && !token ? unauthenticated('Sign in, or give the order token.') : notFound('Order');
    }
    case 'order.cancel': {
      const r = resource as Resources['order.cancel'];
      return can(actor, 'order.read', r) ? forbidden(messages[action]) : denial(actor, 'order.read', r);
    }
    case 'reservation.seat':
    case 'reservation.complete':
      // A booking is no one else's business: whoever may not act on it learns nothing of it.
      return notFound('Reservation');
    // A booking one may not see does not exist, for anyone: its id reveals nothing, with or without a token.
    case 'reservation.read':
    case 'reservation.change':
    case 'reservation.cancel':
      return notFound('Reservation');
    case 'reservation.markNoShow': {
      const r = resource as Resources['reservation.markNoShow'];
      return can(actor, 'reservation.read', r) ? forbidden(messages[action]) : notFound('Reservation');
    }
    // Strangers learn no entry ids, signed in or not.
    case 'waitlist.entry':
      return notFound('Waitlist entry');
    case 'reservation.listMine':
    case 'order.listMine':
    case 'account.read':
    case 'account.update':
      return unauthenticated();
    default:
      return actor.kind === 'anonymous' ? unauthenticated() : forbidden(messages[action]);
  }
}
