import crypto from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import {
  TEST_CARD,
  makeDevice,
  makeDish,
  makeInHouseGuest,
  makeRestaurant,
  makeUser,
  orderBody,
  type TestRestaurant,
} from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';
import { ROOM_LOCK_MISSES } from '../hotel/roomLocks';
import { ROOM_ATTEMPTS_PER_ADDRESS, ROOM_ATTEMPTS_PER_ROOM } from '../hotel/roomChargeThrottle';
import { releaseUnpaidCounterOrder } from './counterPayments';
import { COUNTER_MAX_PORTIONS_PER_DISH } from './orderPlacer';

/**
 * Issue 7, finding 1 (anyone could charge a room with a room number and a name) and the first part of
 * finding 6 (one anonymous counter order could hold a dish's last portions), from the attacker's side:
 * two nodes sharing Redis (so the throttle is the cluster's), anonymous callers from addresses of
 * their own (X-Forwarded-For, believed from loopback), each test with its own rooms and restaurant.
 */

let db: Sequelize;
let nodeA: DinewireNode;
let nodeB: DinewireNode;

beforeAll(async () => {
  db = testSequelize();
  [nodeA, nodeB] = await Promise.all([startTestNode({ redis: true }), startTestNode({ redis: true })]);
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await db?.close();
});

/** A room number no other test (or earlier run, whose throttle counts Redis keeps) uses. */
const newRoom = () => String(crypto.randomInt(10_000_000, 99_999_999));
/** A client address of its own. */
const newAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

function roomOrder(r: TestRestaurant, dishId: string, room: { roomNumber: string; guestName: string; roomPin?: string }) {
  return orderBody(r, [{ dishId }], { paymentMethod: 'room', channel: 'room', ...room });
}

/** An anonymous caller (a guest's phone) from `address`. */
function phone(node: DinewireNode, address = newAddress()) {
  const api = client(node.url);
  return {
    order: (body: unknown) => api.post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey(), 'x-forwarded-for': address }),
  };
}

const staffEvents = async (restaurantId: string, token: string, scope = 'staff') =>
  (await client(nodeA.url, token).get(`/api/v1/restaurants/${restaurantId}/events?after=0&scope=${scope}`)).body.events as {
    type: string;
    data: Record<string, unknown>;
  }[];

const roomOrders = async (restaurantId: string) =>
  (await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM orders WHERE restaurant_id = $restaurantId AND payment_method = 'room'`, {
    restaurantId,
  }))!.n;

const stockOf = async (ingredientId: string) =>
  (await one<{ quantity: number }>(db, 'SELECT quantity::float AS quantity FROM ingredients WHERE id = $ingredientId', { ingredientId }))!
    .quantity;

describe('charging a room from a guest’s device', () => {
  it('throttles 120 guesses at one room’s PIN (one address, then 120 addresses) and never charges the room', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r);
    const roomNumber = newRoom();
    await makeInHouseGuest(db, roomNumber, 'Emily Carter', '2649');
    // The attacker knows the room and the name, and tries PINs 0000, 0001, …, in parallel over both nodes.
    const guesses = Array.from({ length: 120 }, (_, i) => String(i).padStart(4, '0'));
    const address = newAddress();
    const started = Date.now();
    const fromOne = await Promise.all(
      guesses.map((pin, i) =>
        phone(i % 2 ? nodeA : nodeB, address).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Emily Carter', roomPin: pin })),
      ),
    );
    const elapsed = Date.now() - started;
    const checked = fromOne.filter((x) => x.status === 400).length;
    const throttled = fromOne.filter((x) => x.status === 429);
    expect(fromOne.filter((x) => x.status === 201)).toHaveLength(0);
    expect(checked).toBeLessThanOrEqual(ROOM_ATTEMPTS_PER_ROOM);
    expect(checked + throttled.length).toBe(120);
    for (const x of throttled) {
      expect(x.body.error.code).toBe('rate_limited');
      expect(Number(x.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // A second room, guessed from 120 addresses: the room's own limit holds.
    const other = newRoom();
    await makeInHouseGuest(db, other, 'Lee Ka Ho', '9184');
    const fromMany = await Promise.all(
      guesses.map((pin, i) =>
        phone(i % 2 ? nodeA : nodeB).order(roomOrder(r, dish.id, { roomNumber: other, guestName: 'Lee Ka Ho', roomPin: pin })),
      ),
    );
    const checkedMany = fromMany.filter((x) => x.status === 400).length;
    expect(fromMany.filter((x) => x.status === 201)).toHaveLength(0);
    expect(checkedMany).toBeLessThanOrEqual(ROOM_ATTEMPTS_PER_ROOM);
    expect(fromMany.filter((x) => x.status === 429)).toHaveLength(120 - checkedMany);
    expect(await roomOrders(r.id)).toBe(0);
    process.stdout.write(
      `room PIN guesses: 120 from one address in ${elapsed} ms, ${checked} checked, ${throttled.length} throttled; ` +
        `120 from 120 addresses: ${checkedMany} checked; 0 charged\n`,
    );
  });

  it('answers every miss the same, whatever did not match, and counts it against the room', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r);
    const roomNumber = newRoom();
    const pinless = newRoom();
    await makeInHouseGuest(db, roomNumber, 'Sato Yuki', '5530');
    // A stay from before PINs (or checked in without one): its room cannot be charged with any PIN.
    await makeInHouseGuest(db, pinless, 'Zhang Wei');
    const misses = {
      wrongPin: { roomNumber, guestName: 'Sato Yuki', roomPin: '5531' },
      wrongName: { roomNumber, guestName: 'Sato Yuko', roomPin: '5530' },
      wrongRoom: { roomNumber: newRoom(), guestName: 'Sato Yuki', roomPin: '5530' },
      wrongAll: { roomNumber: newRoom(), guestName: 'Nobody', roomPin: '0000' },
      stayWithoutPin: { roomNumber: pinless, guestName: 'Zhang Wei', roomPin: '1234' },
    };
    const answers = new Map<string, unknown>();
    for (const [what, room] of Object.entries(misses)) {
      const res = await phone(nodeA).order(roomOrder(r, dish.id, room));
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      answers.set(what, res.body);
    }
    const [first, ...rest] = [...answers.values()];
    for (const body of rest) expect(body).toEqual(first);
    expect(first).toEqual({
      error: {
        code: 'validation',
        message: expect.any(String),
        details: ['roomNumber', 'guestName', 'roomPin'].map((field) => ({ field, message: 'does not match an in-house guest' })),
      },
    });
    // Each miss is counted against its room, in its own transaction (the order's rolled back).
    const counted = await models(db).RoomLock.findByPk(roomNumber);
    expect(counted?.misses).toBe(2);
    expect(await roomOrders(r.id)).toBe(0);
  });

  it('charges with the right PIN; wants the PIN from phones, guest accounts and kiosks; staff charge by name', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { priceCents: 10000 });
    const roomNumber = newRoom();
    const stayId = await makeInHouseGuest(db, roomNumber, 'Wong Siu Ling', '7305');

    const good = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: ' wong  SIU ling ', roomPin: '7305' }));
    expect(good.status).toBe(201);
    expect(good.body.order).toMatchObject({ paymentStatus: 'charged_to_room', roomNumber, totalCents: 11000 });
    const charge = await models(db).Payment.findOne({ where: { orderId: good.body.order.id } });
    expect(charge).toMatchObject({ kind: 'charge', method: 'room', amountCents: 11000, roomStayId: stayId });

    const noPin = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Wong Siu Ling' }));
    expect(noPin.status).toBe(400);
    expect(noPin.body.error.details).toEqual([{ field: 'roomPin', message: expect.any(String) }]);
    const guest = await makeUser(db, 'guest');
    const asGuest = await client(nodeA.url, guest.token).post(
      '/api/v1/orders',
      roomOrder(r, dish.id, { roomNumber, guestName: 'Wong Siu Ling' }),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(asGuest.body.error.details).toEqual([{ field: 'roomPin', message: expect.any(String) }]);
    const kiosk = await makeDevice(db, r.id, 'kiosk');
    const fromKiosk = await client(nodeA.url, kiosk.token).post(
      '/api/v1/orders',
      { ...roomOrder(r, dish.id, { roomNumber, guestName: 'Wong Siu Ling' }), channel: 'kiosk' },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(fromKiosk.body.error.details).toEqual([{ field: 'roomPin', message: expect.any(String) }]);
    // Staff of another restaurant are not this restaurant's staff.
    const hostElsewhere = await makeUser(db, 'host', [(await makeRestaurant(db)).id]);
    const elsewhere = await client(nodeA.url, hostElsewhere.token).post(
      '/api/v1/orders',
      roomOrder(r, dish.id, { roomNumber, guestName: 'Wong Siu Ling' }),
      { 'idempotency-key': idempotencyKey() },
    );
    expect(elsewhere.body.error.details).toEqual([{ field: 'roomPin', message: expect.any(String) }]);

    const host = await makeUser(db, 'host', [r.id]);
    const byHost = await client(nodeA.url, host.token).post(
      '/api/v1/orders',
      roomOrder(r, dish.id, { roomNumber, guestName: 'Wong Siu Ling' }),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(byHost.status).toBe(201);
    expect(byHost.body.order.paymentStatus).toBe('charged_to_room');

    // At rest: the name encrypted, the PIN only as its keyed hash.
    const stored = await one<{ row: string }>(db, 'SELECT row_to_json(h)::text AS row FROM hotel_stays h WHERE id = $stayId', { stayId });
    expect(stored!.row).not.toMatch(/wong/i);
    expect(stored!.row).not.toContain('7305');
  });

  it('refuses the right PIN for a room that kept missing, tells only staff, and charges it again once unlocked', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r);
    const roomNumber = newRoom();
    await makeInHouseGuest(db, roomNumber, 'Michael Brown', '6072');
    const manager = await makeUser(db, 'manager', [r.id]);
    const host = await makeUser(db, 'host', [r.id]);
    const chef = await makeUser(db, 'kitchen', [r.id]);
    // Misses earlier today (the throttle spreads them over hours), then the last ones now.
    await models(db).RoomLock.create({ roomNumber, misses: ROOM_LOCK_MISSES - 2, restaurantId: r.id });
    for (const pin of ['1111', '2222']) {
      expect((await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Michael Brown', roomPin: pin }))).status).toBe(400);
    }

    const right = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Michael Brown', roomPin: '6072' }));
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('forbidden');
    expect(await roomOrders(r.id)).toBe(0);

    const locked = (await staffEvents(r.id, manager.token)).filter((e) => e.type === 'room.locked');
    expect(locked).toEqual([expect.objectContaining({ data: expect.objectContaining({ roomNumber, misses: ROOM_LOCK_MISSES }) })]);
    expect((await staffEvents(r.id, chef.token, 'kitchen')).filter((e) => e.type.startsWith('room.'))).toEqual([]);
    const list = await client(nodeA.url, host.token).get(`/api/v1/restaurants/${r.id}/room-locks`);
    expect(list.status).toBe(200);
    expect(list.body.rooms).toEqual(
      expect.arrayContaining([expect.objectContaining({ roomNumber, misses: ROOM_LOCK_MISSES, restaurantId: r.id })]),
    );
    expect((await client(nodeA.url, chef.token).get(`/api/v1/restaurants/${r.id}/room-locks`)).status).toBe(403);
    expect((await client(nodeA.url).get(`/api/v1/restaurants/${r.id}/room-locks`)).status).toBe(401);

    // Staff can still charge it.
    const byHost = await client(nodeA.url, host.token).post(
      '/api/v1/orders',
      roomOrder(r, dish.id, { roomNumber, guestName: 'Michael Brown' }),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(byHost.status).toBe(201);

    expect((await client(nodeA.url, chef.token).post(`/api/v1/restaurants/${r.id}/room-locks/${roomNumber}/unlock`)).status).toBe(403);
    const unlocked = await client(nodeA.url, host.token).post(`/api/v1/restaurants/${r.id}/room-locks/${roomNumber}/unlock`);
    expect(unlocked.status).toBe(200);
    expect((await staffEvents(r.id, manager.token)).map((e) => e.type)).toContain('room.unlocked');
    expect((await client(nodeA.url, host.token).post(`/api/v1/restaurants/${r.id}/room-locks/${roomNumber}/unlock`)).status).toBe(404);
    const again = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Michael Brown', roomPin: '6072' }));
    expect(again.status).toBe(201);
  });

  it('throttles one address guessing across many rooms', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r);
    const address = newAddress();
    const results = [];
    for (let i = 0; i < ROOM_ATTEMPTS_PER_ADDRESS + 5; i++) {
      results.push(
        (await phone(nodeA, address).order(roomOrder(r, dish.id, { roomNumber: newRoom(), guestName: 'Priya Sharma', roomPin: '8256' })))
          .status,
      );
    }
    expect(results.filter((s) => s === 400)).toHaveLength(ROOM_ATTEMPTS_PER_ADDRESS);
    expect(results.filter((s) => s === 429)).toHaveLength(5);
  });
});

describe('a restaurant that holds room charges for staff', () => {
  async function holdingRestaurant() {
    const r = await makeRestaurant(db);
    await models(db).Restaurant.update({ holdRoomCharges: true }, { where: { id: r.id } });
    const dish = await makeDish(db, r, { stock: 10 });
    const roomNumber = newRoom();
    const stayId = await makeInHouseGuest(db, roomNumber, 'Chan Tai Man', '4821');
    const host = await makeUser(db, 'host', [r.id]);
    const chef = await makeUser(db, 'kitchen', [r.id]);
    return { r, dish, roomNumber, stayId, host: client(nodeA.url, host.token), chef: client(nodeA.url, chef.token), hostToken: host.token };
  }

  it('holds a charge without PIN, keeps the kitchen from it, and charges the room once a host confirms', async () => {
    const { r, dish, roomNumber, stayId, host, chef, hostToken } = await holdingRestaurant();
    const held = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Chan Tai Man' }));
    expect(held.status).toBe(201);
    expect(held.body.order).toMatchObject({ paymentStatus: 'awaiting_confirmation', status: 'placed', version: 1 });
    const orderId = held.body.order.id;
    const itemId = held.body.order.items[0].id;
    expect(await models(db).Payment.count({ where: { orderId } })).toBe(0);

    const bump = await chef.post(`/api/v1/kitchen/items/${itemId}/bump`);
    expect(bump.status).toBe(409);
    expect(bump.body.error.code).toBe('invalid_transition');
    expect((await chef.post(`/api/v1/orders/${orderId}/room-charge/confirm`)).status).toBe(403);
    expect((await client(nodeA.url).post(`/api/v1/orders/${orderId}/room-charge/confirm`)).status).toBe(401);

    const confirmed = await host.post(`/api/v1/orders/${orderId}/room-charge/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.order).toMatchObject({ paymentStatus: 'charged_to_room', version: 2 });
    expect(await models(db).Payment.findOne({ where: { orderId } })).toMatchObject({
      kind: 'charge',
      roomStayId: stayId,
      amountCents: held.body.order.totalCents,
    });
    const updates = (await staffEvents(r.id, hostToken)).filter((e) => e.type === 'order.updated');
    expect(updates.map((e) => e.data.paymentStatus)).toEqual(['charged_to_room']);
    expect((await chef.post(`/api/v1/kitchen/items/${itemId}/bump`)).status).toBe(200);
    expect((await host.post(`/api/v1/orders/${orderId}/room-charge/confirm`)).status).toBe(409);

    // With the PIN the charge needs nobody; a wrong name is a miss like anywhere else.
    const withPin = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Chan Tai Man', roomPin: '4821' }));
    expect(withPin.body.order.paymentStatus).toBe('charged_to_room');
    const wrongName = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Chan Tai Ming' }));
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.error.details.map((d: { field: string }) => d.field)).toEqual(['roomNumber', 'guestName']);
  });

  it('cancels a declined charge and gives its stock back', async () => {
    const { r, dish, roomNumber, host } = await holdingRestaurant();
    const held = await phone(nodeA).order(roomOrder(r, dish.id, { roomNumber, guestName: 'Chan Tai Man' }));
    expect(await stockOf(dish.ingredientId!)).toBe(9);
    const declined = await host.post(`/api/v1/orders/${held.body.order.id}/room-charge/decline`);
    expect(declined.status).toBe(200);
    expect(declined.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'void', refundedCents: 0, version: 2 });
    expect(declined.body.order.items[0].status).toBe('cancelled');
    expect(await stockOf(dish.ingredientId!)).toBe(10);
    expect(await models(db).Payment.count({ where: { orderId: held.body.order.id } })).toBe(0);
    expect((await host.post(`/api/v1/orders/${held.body.order.id}/room-charge/decline`)).status).toBe(409);
  });
});

describe('pay-at-counter orders from guests’ devices', () => {
  it('caps the portions of one dish an unpaid self-service order takes', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 20 });
    const over = COUNTER_MAX_PORTIONS_PER_DISH + 1;
    const one = await phone(nodeA).order(orderBody(r, [{ dishId: dish.id, quantity: over }]));
    expect(one.status).toBe(400);
    expect(one.body.error.details).toEqual([{ field: 'items', message: expect.any(String) }]);
    // Split over two lines, it is the same dish.
    const split = await phone(nodeA).order(
      orderBody(r, [
        { dishId: dish.id, quantity: over - 1 },
        { dishId: dish.id, quantity: 1 },
      ]),
    );
    expect(split.status).toBe(400);
    expect(await stockOf(dish.ingredientId!)).toBe(20);

    expect((await phone(nodeA).order(orderBody(r, [{ dishId: dish.id, quantity: COUNTER_MAX_PORTIONS_PER_DISH }]))).status).toBe(201);
    expect(
      (await phone(nodeA).order(orderBody(r, [{ dishId: dish.id, quantity: over }], { paymentMethod: 'card', card: TEST_CARD }))).status,
    ).toBe(201);
    const host = await makeUser(db, 'host', [r.id]);
    const byHost = await client(nodeA.url, host.token).post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id, quantity: over }], { channel: 'staff' }),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(byHost.status).toBe(201);
  });

  it('lets a host or manager mark a counter order paid, once', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 5 });
    const placed = await phone(nodeA).order(orderBody(r, [{ dishId: dish.id }]));
    const orderId = placed.body.order.id;
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const manager = await makeUser(db, 'manager', [r.id]);
    expect((await client(nodeA.url, chef.token).post(`/api/v1/orders/${orderId}/payments/counter`)).status).toBe(403);
    expect((await client(nodeA.url).post(`/api/v1/orders/${orderId}/payments/counter?token=${placed.body.orderToken}`)).status).toBe(401);
    const paid = await client(nodeA.url, manager.token).post(`/api/v1/orders/${orderId}/payments/counter`);
    expect(paid.status).toBe(200);
    expect(paid.body.order).toMatchObject({ paymentStatus: 'paid', version: 2 });
    expect(await models(db).Payment.findOne({ where: { orderId } })).toMatchObject({
      method: 'counter',
      kind: 'charge',
      amountCents: placed.body.order.totalCents,
    });
    const updates = (await staffEvents(r.id, manager.token)).filter((e) => e.type === 'order.updated');
    expect(updates.map((e) => e.data.paymentStatus)).toEqual(['paid']);
    expect((await client(nodeA.url, manager.token).post(`/api/v1/orders/${orderId}/payments/counter`)).status).toBe(409);
    // Nothing to release once paid.
    await db.query(`UPDATE orders SET placed_at = now() - interval '2 hours' WHERE id = $1`, { bind: [orderId] });
    expect(await releaseUnpaidCounterOrder(nodeA.services, orderId)).toBe('settled');
  });

  it('releases an unpaid counter order when its restaurant’s time is up: stock back, once', async () => {
    const r = await makeRestaurant(db);
    await models(db).Restaurant.update({ counterPaymentMinutes: 20 }, { where: { id: r.id } });
    const dish = await makeDish(db, r, { stock: 3 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const placed = await phone(nodeA).order(orderBody(r, [{ dishId: dish.id, quantity: 3 }]));
    const orderId = placed.body.order.id;
    expect(await stockOf(dish.ingredientId!)).toBe(0);

    expect(await releaseUnpaidCounterOrder(nodeA.services, orderId)).toBe('early');
    await db.query(`UPDATE orders SET placed_at = now() - interval '21 minutes' WHERE id = $1`, { bind: [orderId] });
    expect(await releaseUnpaidCounterOrder(nodeA.services, orderId)).toBe('released');
    expect(await stockOf(dish.ingredientId!)).toBe(3);
    const read = await client(nodeA.url, manager.token).get(`/api/v1/orders/${orderId}`);
    expect(read.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'void', version: 2 });
    const events = await staffEvents(r.id, manager.token);
    expect(events.filter((e) => e.type === 'order.updated').map((e) => e.data.status)).toEqual(['cancelled']);
    expect(events.filter((e) => e.type === 'menu.availability').at(-1)?.data).toMatchObject({ dishId: dish.id, available: true });
    // Running again (a retried job) changes nothing.
    expect(await releaseUnpaidCounterOrder(nodeA.services, orderId)).toBe('settled');
    expect(await stockOf(dish.ingredientId!)).toBe(3);

    // Started by the kitchen: the guest is eating it, so it stays.
    const started = await phone(nodeA).order(orderBody(r, [{ dishId: dish.id }]));
    await client(nodeA.url, manager.token).post(`/api/v1/kitchen/items/${started.body.order.items[0].id}/bump`);
    await db.query(`UPDATE orders SET placed_at = now() - interval '1 hour' WHERE id = $1`, { bind: [started.body.order.id] });
    expect(await releaseUnpaidCounterOrder(nodeA.services, started.body.order.id)).toBe('settled');
    expect(await releaseUnpaidCounterOrder(nodeA.services, crypto.randomUUID())).toBe('settled');
  });
});
