import crypto from 'node:crypto';
import { type Action, type Actor, type OrderAccess, type Resources, audienceOf, can, denial } from '.';

/**
 * The rules, written out as who may: one restaurant R with one station, its staff and screens,
 * the same of another restaurant, guests, and an order O a guest placed (and P a kiosk placed).
 */

const R = 'r-own';
const ELSEWHERE = 'r-other';
const STATION = 's-wok';
const OTHER_STATION = 's-grill';
const TOKEN = 'ot_secret';

const user = (id: string, role: 'manager' | 'kitchen' | 'host' | 'guest', restaurantIds: string[] = []): Actor => ({
  kind: 'user',
  id,
  sessionId: `session-${id}`,
  role,
  name: id,
  restaurantIds,
});
const device = (id: string, deviceKind: 'kiosk' | 'kitchen' | 'board', restaurantId = R, stationId: string | null = null): Actor => ({
  kind: 'device',
  id,
  sessionId: `session-${id}`,
  restaurantId,
  deviceKind,
  stationId,
});

const actors = {
  manager: user('manager', 'manager', [R]),
  managerElsewhere: user('managerElsewhere', 'manager', [ELSEWHERE]),
  chef: user('chef', 'kitchen', [R]),
  chefElsewhere: user('chefElsewhere', 'kitchen', [ELSEWHERE]),
  host: user('host', 'host', [R]),
  hostElsewhere: user('hostElsewhere', 'host', [ELSEWHERE]),
  guest: user('guest', 'guest'),
  otherGuest: user('otherGuest', 'guest'),
  kiosk: device('kiosk', 'kiosk'),
  otherKiosk: device('otherKiosk', 'kiosk'),
  kioskElsewhere: device('kioskElsewhere', 'kiosk', ELSEWHERE),
  wokScreen: device('wokScreen', 'kitchen', R, STATION),
  kitchenScreen: device('kitchenScreen', 'kitchen'),
  kitchenScreenElsewhere: device('kitchenScreenElsewhere', 'kitchen', ELSEWHERE),
  board: device('board', 'board'),
  boardElsewhere: device('boardElsewhere', 'board', ELSEWHERE),
  anonymous: { kind: 'anonymous' } as Actor,
};
type Name = keyof typeof actors;
const everyone = Object.keys(actors) as Name[];
const users: Name[] = ['manager', 'managerElsewhere', 'chef', 'chefElsewhere', 'host', 'hostElsewhere', 'guest', 'otherGuest'];

const tokenHash = crypto.createHash('sha256').update(TOKEN).digest('hex');
const O: OrderAccess = { restaurantId: R, userId: 'guest', deviceId: null, tokenHash };
const P: OrderAccess = { restaurantId: R, userId: null, deviceId: 'kiosk', tokenHash };
/** A booking the guest made signed in, and one made by someone without an account. */
const B = { reservation: { restaurantId: R, userId: 'guest' }, tokenValid: false };
const BT = { reservation: { restaurantId: R, userId: null }, tokenValid: true };
const BN = { reservation: { restaurantId: R, userId: null }, tokenValid: false };

const cases: [string, Action, unknown, Name[]][] = [
  [
    'place a web order',
    'order.place',
    { restaurantId: R, channel: 'web' },
    everyone.filter(
      (n) => !['kioskElsewhere', 'wokScreen', 'kitchenScreen', 'kitchenScreenElsewhere', 'board', 'boardElsewhere'].includes(n),
    ),
  ],
  ['place a kiosk order', 'order.place', { restaurantId: R, channel: 'kiosk' }, ['manager', 'chef', 'host', 'kiosk', 'otherKiosk']],
  ['place a staff order', 'order.place', { restaurantId: R, channel: 'staff' }, ['manager', 'chef', 'host']],
  ['read a guest’s order', 'order.read', { order: O }, ['manager', 'chef', 'host', 'guest', 'wokScreen', 'kitchenScreen']],
  ['read a kiosk’s order', 'order.read', { order: P }, ['manager', 'chef', 'host', 'kiosk', 'wokScreen', 'kitchenScreen']],
  ['read an order with its token', 'order.read', { order: O, token: TOKEN }, everyone],
  [
    'read an order with a wrong token',
    'order.read',
    { order: O, token: 'ot_wrong' },
    ['manager', 'chef', 'host', 'guest', 'wokScreen', 'kitchenScreen'],
  ],
  ['list a restaurant’s orders', 'order.list', { restaurantId: R }, ['manager', 'chef', 'host', 'wokScreen', 'kitchenScreen', 'board']],
  ['list my orders', 'order.listMine', {}, users],
  ['book a table', 'reservation.create', { restaurantId: R }, everyone.filter((n) => actors[n].kind !== 'device')],
  ['list a restaurant’s bookings', 'reservation.list', { restaurantId: R }, ['manager', 'host']],
  ['hold a booking on one’s account', 'reservation.linkAccount', {}, ['guest', 'otherGuest']],
  ['seat a booked party', 'reservation.seat', { restaurantId: R }, ['manager', 'host']],
  ['finish a booking’s stay', 'reservation.complete', { restaurantId: R }, ['manager', 'host']],
  ['seat a walk-in', 'walkIn.create', { restaurantId: R }, ['manager', 'host']],
  ['read a guest’s booking', 'reservation.read', B, ['manager', 'host', 'guest']],
  ['read a booking with its token', 'reservation.read', BT, everyone],
  ['read a tokenless booking without its token', 'reservation.read', BN, ['manager', 'host']],
  ['change a guest’s booking', 'reservation.change', B, ['manager', 'host', 'guest']],
  ['change a booking with its token', 'reservation.change', BT, everyone],
  ['change a booking past the cutoff', 'reservation.changeLate', { restaurantId: R }, ['manager', 'host']],
  ['cancel a guest’s booking', 'reservation.cancel', B, ['manager', 'host', 'guest']],
  ['cancel a booking with its token', 'reservation.cancel', BT, everyone],
  ['waive a cancellation fee', 'reservation.waiveFee', { restaurantId: R }, ['manager', 'host']],
  ['mark a booking a no-show', 'reservation.markNoShow', BT, ['manager', 'host']],
  ['list my bookings', 'reservation.listMine', {}, users],
  ['join a waitlist', 'waitlist.join', { restaurantId: R }, everyone.filter((n) => actors[n].kind !== 'device')],
  ['add a walk-in to the line', 'waitlist.addWalkIn', { restaurantId: R }, ['manager', 'host']],
  ['see a restaurant’s waitlist', 'waitlist.list', { restaurantId: R }, ['manager', 'host']],
  ['act on a waitlist entry with its token', 'waitlist.entry', { entry: { restaurantId: R, userId: null }, tokenMatches: true }, everyone],
  [
    'act on a waitlist entry without its token',
    'waitlist.entry',
    { entry: { restaurantId: R, userId: null }, tokenMatches: false },
    ['manager', 'host'],
  ],
  [
    'act on one’s own waitlist entry, signed in',
    'waitlist.entry',
    { entry: { restaurantId: R, userId: 'guest' }, tokenMatches: false },
    ['manager', 'host', 'guest'],
  ],
  ['cancel a guest’s order', 'order.cancel', { order: O }, ['manager', 'host', 'guest']],
  [
    'cancel with the token',
    'order.cancel',
    { order: O, token: TOKEN },
    everyone.filter((n) => !['chef', 'wokScreen', 'kitchenScreen'].includes(n)),
  ],
  ['cancel once cooking started', 'order.cancelStarted', { restaurantId: R }, ['manager', 'host']],
  ['charge a room without its PIN', 'room.chargeWithoutPin', { restaurantId: R }, ['manager', 'chef', 'host']],
  ['confirm or decline a held room charge', 'order.confirmRoomCharge', { restaurantId: R }, ['manager', 'host']],
  ['place an unpaid order without the self-service cap', 'order.counterUncapped', { restaurantId: R }, ['manager', 'chef', 'host']],
  ['take a counter payment', 'order.markPaid', { restaurantId: R }, ['manager', 'host']],
  ['list and unlock locked rooms', 'room.locks', { restaurantId: R }, ['manager', 'host']],
  ['bump a wok item', 'kitchen.move', { restaurantId: R, stationId: STATION }, ['manager', 'chef', 'host', 'wokScreen', 'kitchenScreen']],
  ['bump a grill item', 'kitchen.move', { restaurantId: R, stationId: OTHER_STATION }, ['manager', 'chef', 'host', 'kitchenScreen']],
  ['hand an order off', 'order.handOff', { restaurantId: R }, ['manager', 'chef', 'host', 'kitchenScreen']],
  [
    'bump a whole ticket, every station',
    'kitchen.move',
    { restaurantId: R, stationId: null },
    ['manager', 'chef', 'host', 'kitchenScreen'],
  ],
  ['rush an order', 'order.rush', { restaurantId: R }, ['manager', 'chef', 'wokScreen', 'kitchenScreen']],
  [
    'see what the wok bumped',
    'kitchen.recent',
    { restaurantId: R, stationId: STATION },
    ['manager', 'chef', 'host', 'wokScreen', 'kitchenScreen'],
  ],
  ['see what every station bumped', 'kitchen.recent', { restaurantId: R, stationId: null }, ['manager', 'chef', 'host', 'kitchenScreen']],
  [
    'see the ticket age thresholds',
    'restaurant.kitchenSettings',
    { restaurantId: R },
    ['manager', 'chef', 'host', 'wokScreen', 'kitchenScreen'],
  ],
  ['set the ticket age thresholds', 'restaurant.setKitchenSettings', { restaurantId: R }, ['manager']],
  ['read stock', 'inventory.read', { restaurantId: R }, ['manager', 'chef']],
  ['adjust stock', 'inventory.adjust', { restaurantId: R }, ['manager']],
  ['manage devices', 'device.manage', { restaurantId: R }, ['manager']],
  ['print the table codes', 'table.qrCodes', { restaurantId: R }, ['manager']],
  ['see recipes and stations', 'dish.kitchenFields', { restaurantId: R }, ['manager', 'chef', 'host']],
  ['watch staff', 'scope.watch', { restaurantId: R, scope: 'staff' }, ['manager', 'host']],
  ['watch kitchen', 'scope.watch', { restaurantId: R, scope: 'kitchen' }, ['manager', 'chef', 'wokScreen', 'kitchenScreen']],
  ['watch the grill', 'scope.watch', { restaurantId: R, scope: 'kitchen', stationId: OTHER_STATION }, ['manager', 'chef', 'kitchenScreen']],
  ['watch board', 'scope.watch', { restaurantId: R, scope: 'board' }, ['manager', 'chef', 'host', 'wokScreen', 'kitchenScreen', 'board']],
  ['watch menu', 'scope.watch', { restaurantId: R, scope: 'menu' }, everyone],
  ['list cluster nodes', 'cluster.nodes', {}, ['manager', 'managerElsewhere']],
  ['read my account', 'account.read', {}, users],
  ['sign up', 'account.register', {}, [...users, 'anonymous']],
  ['change my profile', 'account.update', {}, users],
  ['erase my account', 'account.erase', {}, ['guest', 'otherGuest']],
  ['sign in with a code', 'account.signInByCode', {}, [...users, 'anonymous']],
  ['count as one guest for a limited promotion', 'promotion.perGuest', {}, ['guest', 'otherGuest']],
  ['see recommendations', 'restaurant.recommendations', { restaurantId: R }, everyone],
];

describe('policies', () => {
  it.each(cases)('%s: exactly the listed actors may', (_what, action, resource, allowed) => {
    const may = everyone.filter((n) => can(actors[n], action, resource as Resources[typeof action]));
    expect(may.sort()).toEqual([...allowed].sort());
  });

  it('refuses with 401 to whoever is not signed in, 404 for orders one may not see, else 403', () => {
    expect(denial(actors.anonymous, 'order.list', { restaurantId: R }).status).toBe(401);
    expect(denial(actors.board, 'order.read', { order: O }).status).toBe(404);
    expect(denial(actors.anonymous, 'order.read', { order: O }).status).toBe(401);
    expect(denial(actors.anonymous, 'order.read', { order: O, token: 'ot_wrong' }).status).toBe(404);
    expect(denial(actors.chef, 'order.cancel', { order: O }).status).toBe(403);
    expect(denial(actors.otherGuest, 'order.cancel', { order: O }).status).toBe(404);
    expect(denial(actors.kiosk, 'order.listMine', {}).status).toBe(401);
    expect(denial(actors.chefElsewhere, 'scope.watch', { restaurantId: R, scope: 'kitchen' }).status).toBe(403);
    // A booking is hidden from whoever may not act on it, signed in or not.
    for (const n of ['anonymous', 'guest', 'chef', 'hostElsewhere'] as const) {
      expect(denial(actors[n], 'reservation.seat', { restaurantId: R }).status).toBe(404);
      expect(denial(actors[n], 'reservation.complete', { restaurantId: R }).status).toBe(404);
    }
    expect(denial(actors.anonymous, 'walkIn.create', { restaurantId: R }).status).toBe(401);
    expect(denial(actors.chef, 'walkIn.create', { restaurantId: R }).status).toBe(403);
    // Another guest's booking, or one without its token, does not exist for the caller.
    expect(denial(actors.otherGuest, 'reservation.read', B).status).toBe(404);
    expect(denial(actors.anonymous, 'reservation.read', B).status).toBe(404);
    expect(denial(actors.hostElsewhere, 'reservation.cancel', B).status).toBe(404);
    expect(denial(actors.guest, 'reservation.markNoShow', B).status).toBe(403);
    expect(denial(actors.otherGuest, 'reservation.markNoShow', B).status).toBe(404);
    expect(denial(actors.anonymous, 'reservation.listMine', {}).status).toBe(401);
    // A waitlist entry is not found by whoever may not act on it, signed in or not.
    for (const who of ['anonymous', 'chef', 'otherGuest'] as const) {
      expect(denial(actors[who], 'waitlist.entry', { entry: { restaurantId: R, userId: 'guest' }, tokenMatches: false }).status).toBe(404);
    }
  });

  it('gives staff and owners the whole order, the kitchen its part, a board numbers, others nothing', () => {
    const audiences = Object.fromEntries(everyone.map((n) => [n, audienceOf(actors[n], R, { access: O })]));
    expect(audiences).toEqual({
      manager: 'staff',
      managerElsewhere: null,
      chef: 'kitchen',
      chefElsewhere: null,
      host: 'staff',
      hostElsewhere: null,
      guest: 'owner',
      otherGuest: null,
      kiosk: null,
      otherKiosk: null,
      kioskElsewhere: null,
      wokScreen: 'kitchen',
      kitchenScreen: 'kitchen',
      kitchenScreenElsewhere: null,
      board: 'board',
      boardElsewhere: null,
      anonymous: null,
    });
    expect(audienceOf(actors.anonymous, R, { access: O, token: TOKEN })).toBe('owner');
    expect(audienceOf(actors.kiosk, R, { access: P })).toBe('owner');
    // Every caller allowed to read an order has a presentation of it.
    for (const n of everyone) {
      for (const token of [undefined, TOKEN]) {
        if (can(actors[n], 'order.read', { order: O, token })) expect(audienceOf(actors[n], R, { access: O, token })).not.toBeNull();
      }
    }
  });
});
