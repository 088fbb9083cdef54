import crypto from 'node:crypto';
import { RealtimeClient, type DinewireEvent, type Order } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { inTransaction } from '../../context';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeBookableRestaurant, makeDevice, makeDish, makeUser, orderBody, type TestBookableRestaurant } from '../../test/factories';
import { client, eventually, startTestNode, testSequelize } from '../../test/harness';
import { localDate } from './localTime';
import { cancelPreorder } from './preorder';

/**
 * Pre-orders with a booking over HTTP through two nodes: held from the kitchen until the party is
 * seated, stock taken with the booking (never oversold, refused whole), allergies on the tickets,
 * and cancelPreorder giving the stock back.
 */

const db = testSequelize();
let nodeA: DinewireNode;
let nodeB: DinewireNode;
beforeAll(async () => {
  [nodeA, nodeB] = await Promise.all([startTestNode({ redis: true }), startTestNode({ redis: true })]);
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await db.close();
});

/** 19:00 Hong Kong time (the test restaurants' zone), `days` after its today. */
function evening(days = 3, hhmm = '19:00'): string {
  const today = localDate(new Date(), 'Asia/Hong_Kong');
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${date}T${hhmm}:00+08:00`).toISOString();
}
const key = () => crypto.randomUUID();
const booking = (r: TestBookableRestaurant, extra: Record<string, unknown> = {}) => ({
  restaurantId: r.id,
  partySize: 2,
  startsAt: evening(),
  name: 'Chan Tai Man',
  phone: '+852 9123 4567',
  email: 'tai.man@example.com',
  ...extra,
});
const onHand = async (ingredientId: string) => Number((await models(db).Ingredient.findByPk(ingredientId))!.quantity);

interface Ev {
  type: string;
  data: { id?: string; allergies?: string[]; status?: string; tableId?: string | null; version?: number };
}
const eventsOf = async (token: string, restaurantId: string, scope: string): Promise<Ev[]> =>
  (await client(nodeA.url, token).get(`/api/v1/restaurants/${restaurantId}/events?after=0&scope=${scope}`)).body.events;

it('places the pre-order with the booking, held from the kitchen until the party is seated, allergies on its ticket', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }, { seats: 2 }] });
  const dish = await makeDish(db, r, { stock: 5, priceCents: 5000 });
  const guest = await makeUser(db, 'guest');
  await models(db).User.update({ allergies: ['peanut', 'milk'] }, { where: { id: guest.id } });
  const host = await makeUser(db, 'host', [r.id]);
  const screen = await makeDevice(db, r.id, 'kitchen');

  const res = await client(nodeA.url, guest.token).post(
    '/api/v1/reservations',
    booking(r, { allergies: ['crustacean', 'peanut'], preorder: [{ dishId: dish.id, quantity: 2, note: 'less salt' }] }),
    { 'idempotency-key': key() },
  );
  expect(res.status).toBe(201);
  const { reservation } = res.body;
  // The booking's and the account's, once each, in ALLERGENS order.
  expect(reservation.allergies).toEqual(['crustacean', 'peanut', 'milk']);
  const orderId: string = reservation.preorderOrderId;
  expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
  expect(await onHand(dish.ingredientId!)).toBe(3);
  const o = (await models(db).Order.findByPk(orderId))!;
  // Priced like any order (10% service), paid at the table, never released unpaid, held.
  expect(o).toMatchObject({ held: true, status: 'placed', paymentMethod: 'counter', paymentStatus: 'due', releaseAt: null });
  expect(o.totalCents).toBe(11_000);
  expect(o.userId).toBe(guest.id);

  // Not on the kitchen's list, not in its events, not on the staff's order list either.
  const kitchenList = await client(nodeB.url, screen.token).get(`/api/v1/restaurants/${r.id}/orders`);
  expect(kitchenList.body.orders.map((x: { id: string }) => x.id)).not.toContain(orderId);
  expect((await eventsOf(screen.token, r.id, 'kitchen')).filter((e) => e.type.startsWith('order.'))).toEqual([]);
  const staffEvents = await eventsOf(host.token, r.id, 'staff');
  expect(staffEvents.filter((e) => e.type.startsWith('order.'))).toEqual([]);
  expect(staffEvents.find((e) => e.type === 'reservation.created')?.data).toMatchObject({ preorderOrderId: orderId });

  // Nor can a screen that guessed its items cook it before the party is there.
  const [item] = await models(db).OrderItem.findAll({ where: { orderId } });
  const early = await client(nodeA.url, screen.token).post(`/api/v1/kitchen/items/${item.id}/bump`, {});
  expect([early.status, early.body.error.code]).toEqual([409, 'invalid_transition']);
  const rush = await client(nodeA.url, screen.token).post(`/api/v1/orders/${orderId}/rush`, { rushed: true });
  expect([rush.status, rush.body.error.code]).toEqual([409, 'invalid_transition']);

  const seated = await client(nodeB.url, host.token).post(`/api/v1/reservations/${reservation.id}/seat`, { version: 1 });
  expect(seated.status).toBe(200);
  expect(seated.body.reservation).toMatchObject({ status: 'seated', version: 2, preorderOrderId: orderId });
  // Now on the kitchen's screen: at the booking's table, with the allergies, by its order.created.
  const after = await client(nodeA.url, screen.token).get(`/api/v1/restaurants/${r.id}/orders`);
  const ticket = after.body.orders.find((x: { id: string }) => x.id === orderId);
  expect(ticket).toMatchObject({ tableId: reservation.tableIds[0], allergies: ['crustacean', 'peanut', 'milk'], status: 'placed' });
  expect(ticket.items[0]).toMatchObject({ dishId: dish.id, quantity: 2, note: 'less salt' });
  expect(ticket.guestName).toBeUndefined();
  const kitchenEvents = (await eventsOf(screen.token, r.id, 'kitchen')).filter((e) => e.type.startsWith('order.'));
  expect(kitchenEvents.map((e) => [e.type, e.data.id])).toEqual([['order.created', orderId]]);
  expect(kitchenEvents[0].data.allergies).toEqual(['crustacean', 'peanut', 'milk']);
  expect((await models(db).Order.findByPk(orderId))!.held).toBe(false);
  const updated = (await eventsOf(host.token, r.id, 'staff')).filter((e) => e.type === 'reservation.updated');
  expect(updated.map((e) => [e.data.status, e.data.version])).toEqual([['seated', 2]]);
  // Seating twice is refused; the pre-order is not sent twice.
  const again = await client(nodeA.url, host.token).post(`/api/v1/reservations/${reservation.id}/seat`, {});
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('invalid_transition');
  expect((await eventsOf(screen.token, r.id, 'kitchen')).filter((e) => e.type === 'order.created')).toHaveLength(1);
});

it('shows the seated party’s allergies on orders placed at its table, and only while it sits there', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 4 }] });
  const dish = await makeDish(db, r, { stock: 20 });
  const guest = await makeUser(db, 'guest');
  await models(db).User.update({ allergies: ['sesame'] }, { where: { id: guest.id } });
  const host = await makeUser(db, 'host', [r.id]);
  const screen = await makeDevice(db, r.id, 'kitchen');
  const made = await client(nodeA.url, guest.token).post('/api/v1/reservations', booking(r, { allergies: ['fish'] }), {
    'idempotency-key': key(),
  });
  const { reservation } = made.body;
  const [table] = reservation.tableIds as string[];
  const other = r.tables.find((t) => t.id !== table)!.id;
  const orderAt = async (tableId: string) => {
    const res = await client(nodeB.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { tableId }), {
      'idempotency-key': key(),
    });
    expect(res.status).toBe(201);
    const list = await client(nodeA.url, screen.token).get(`/api/v1/restaurants/${r.id}/orders`);
    return list.body.orders.find((x: { id: string }) => x.id === res.body.order.id).allergies as string[];
  };
  // Booked but not seated: nothing yet.
  expect(await orderAt(table)).toEqual([]);
  expect((await client(nodeA.url, host.token).post(`/api/v1/reservations/${reservation.id}/seat`, {})).status).toBe(200);
  // Seated: the booking's allergies and the guest's profile ones (read as they are now).
  expect(await orderAt(table)).toEqual(['fish', 'sesame']);
  await models(db).User.update({ allergies: ['sesame', 'egg'] }, { where: { id: guest.id } });
  expect(await orderAt(table)).toEqual(['egg', 'fish', 'sesame']); // ALLERGENS order
  expect(await orderAt(other)).toEqual([]);
  const done = await client(nodeA.url, host.token).post(`/api/v1/reservations/${reservation.id}/complete`, { version: 2 });
  expect(done.body.reservation).toMatchObject({ status: 'completed', version: 3 });
  expect(await orderAt(table)).toEqual([]);
});

it('refuses the whole booking when a pre-ordered dish cannot be had (409 naming it), writing nothing', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }] });
  const plenty = await makeDish(db, r, { stock: 10, name: 'Noodles' });
  const scarce = await makeDish(db, r, { stock: 1, name: 'Lobster' });
  const post = (preorder: unknown) =>
    client(nodeA.url).post('/api/v1/reservations', booking(r, { preorder }), { 'idempotency-key': key() });

  const short = await post([
    { dishId: plenty.id, quantity: 2 },
    { dishId: scarce.id, quantity: 2 },
  ]);
  expect(short.status).toBe(409);
  expect(short.body.error.code).toBe('out_of_stock');
  expect(short.body.error.details).toEqual([
    expect.objectContaining({ field: 'preorder.1.quantity', dishId: scarce.id, name: 'Lobster', remaining: 1 }),
  ]);
  await models(db).Dish.update({ soldOutAt: new Date() }, { where: { id: plenty.id } });
  const soldOut = await post([{ dishId: plenty.id, quantity: 1 }]);
  expect(soldOut.status).toBe(409);
  expect(soldOut.body.error.details).toEqual([
    expect.objectContaining({ field: 'preorder.0.dishId', name: 'Noodles', message: 'sold out' }),
  ]);
  const unknown = await post([{ dishId: crypto.randomUUID(), quantity: 1 }]);
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.details[0].field).toBe('preorder.0.dishId');
  // A guest's own unpaid pre-order has the self-service cap on one dish's portions.
  await models(db).Dish.update({ soldOutAt: null }, { where: { id: plenty.id } });
  const greedy = await post([{ dishId: plenty.id, quantity: 7 }]);
  expect(greedy.status).toBe(400);
  expect(greedy.body.error.details[0].field).toBe('preorder');

  expect(await onHand(plenty.ingredientId!)).toBe(10);
  expect(await onHand(scarce.ingredientId!)).toBe(1);
  expect(await models(db).Reservation.count({ where: { restaurantId: r.id } })).toBe(0);
  expect(await models(db).Order.count({ where: { restaurantId: r.id } })).toBe(0);
  // The only table is still free.
  expect((await post([{ dishId: scarce.id, quantity: 1 }])).status).toBe(201);
  expect(await onHand(scarce.ingredientId!)).toBe(0);
});

it('answers a retry of a booking with a pre-order with the same booking, its stock taken once', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 2 }] });
  const dish = await makeDish(db, r, { stock: 6 });
  const k = key();
  const body = booking(r, { preorder: [{ dishId: dish.id, quantity: 2 }] });
  const [first, again] = await Promise.all([
    client(nodeA.url).post('/api/v1/reservations', body, { 'idempotency-key': k }),
    client(nodeB.url).post('/api/v1/reservations', body, { 'idempotency-key': k }),
  ]);
  expect([first.status, again.status]).toEqual([201, 201]);
  expect(again.body).toEqual(first.body);
  expect(await onHand(dish.ingredientId!)).toBe(4);
  expect(await models(db).Order.count({ where: { restaurantId: r.id } })).toBe(1);
});

it('20 concurrent bookings over two nodes pre-ordering the last portions never oversell', async () => {
  const r = await makeBookableRestaurant(db, { tables: Array.from({ length: 20 }, () => ({ seats: 2 })) });
  const dish = await makeDish(db, r, { stock: 5 });
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      client(i % 2 ? nodeB.url : nodeA.url).post(
        '/api/v1/reservations',
        booking(r, { name: `Guest ${i}`, preorder: [{ dishId: dish.id, quantity: 2 }] }),
        { 'idempotency-key': key() },
      ),
    ),
  );
  const statuses = answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${a.body?.error?.code}`));
  expect(statuses.filter((s) => s === 201)).toHaveLength(2);
  expect(statuses.filter((s) => s !== 201)).toEqual(Array(18).fill('409 out_of_stock'));
  expect(await onHand(dish.ingredientId!)).toBe(1);
  // Exactly the winners' bookings and pre-orders exist, each booking linked to its own.
  const rows = await models(db).Reservation.findAll({ where: { restaurantId: r.id } });
  expect(rows).toHaveLength(2);
  const orders = await models(db).Order.findAll({ where: { restaurantId: r.id } });
  expect(orders.map((o) => o.id).sort()).toEqual(rows.map((x) => x.preorderOrderId).sort());
});

it('cancelPreorder cancels a held pre-order and gives its stock back, once; a sent one is cancelled for the kitchen too', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 2 }] });
  const dish = await makeDish(db, r, { stock: 4 });
  const host = await makeUser(db, 'host', [r.id]);
  const screen = await makeDevice(db, r.id, 'kitchen');
  const book = async (startsAt: string) =>
    (
      await client(nodeA.url).post('/api/v1/reservations', booking(r, { startsAt, preorder: [{ dishId: dish.id, quantity: 2 }] }), {
        'idempotency-key': key(),
      })
    ).body.reservation;
  const first = await book(evening(3, '19:00'));
  const second = await book(evening(3, '19:00'));
  expect(await onHand(dish.ingredientId!)).toBe(0);
  const ctx: Ctx = { ...nodeA.services, actor: { kind: 'anonymous' }, requestId: 'test', ip: '127.0.0.1' };
  const cancel = (reservation: { preorderOrderId: string | null }) =>
    inTransaction(ctx, (t, emit) => cancelPreorder(ctx, t, reservation, emit));

  expect(await cancel(first)).toBe(true);
  expect(await onHand(dish.ingredientId!)).toBe(2);
  expect(await models(db).Order.findByPk(first.preorderOrderId)).toMatchObject({ status: 'cancelled', paymentStatus: 'void' });
  // Twice is once; a booking without a pre-order has none to cancel.
  expect(await cancel(first)).toBe(false);
  expect(await cancel({ preorderOrderId: null })).toBe(false);
  expect(await onHand(dish.ingredientId!)).toBe(2);
  // The kitchen never heard of the held one; the dish back on the menu is announced.
  expect((await eventsOf(screen.token, r.id, 'kitchen')).map((e) => e.type)).not.toContain('order.updated');
  expect((await eventsOf(host.token, r.id, 'staff')).map((e) => e.type)).toContain('menu.availability');

  expect((await client(nodeA.url, host.token).post(`/api/v1/reservations/${second.id}/seat`, {})).status).toBe(200);
  expect(await cancel(second)).toBe(true);
  expect(await onHand(dish.ingredientId!)).toBe(4);
  const kitchen = (await eventsOf(screen.token, r.id, 'kitchen')).filter((e) => e.data.id === second.preorderOrderId);
  expect(kitchen.map((e) => [e.type, e.data.status])).toEqual([
    ['order.created', 'placed'],
    ['order.updated', 'cancelled'],
  ]);
});

it('a kitchen screen on another node gets the pre-order live, with its allergies, the moment the party is seated', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }] });
  const dish = await makeDish(db, r, { stock: 5 });
  const host = await makeUser(db, 'host', [r.id]);
  const screen = await makeDevice(db, r.id, 'kitchen');
  const made = await client(nodeA.url).post(
    '/api/v1/reservations',
    booking(r, { allergies: ['gluten'], preorder: [{ dishId: dish.id, quantity: 1 }] }),
    { 'idempotency-key': key() },
  );
  const { reservation } = made.body;
  const events: DinewireEvent[] = [];
  const c = new RealtimeClient({ baseUrl: nodeB.url, token: screen.token, transports: ['websocket'] });
  try {
    await new Promise<void>((resolve, reject) => {
      c.subscribe(
        { restaurantId: r.id, scope: 'kitchen' },
        { onEvent: (e) => events.push(e), onError: (e) => reject(new Error(e.message)), onSubscribed: () => resolve() },
      );
    });
    expect((await client(nodeA.url, host.token).post(`/api/v1/reservations/${reservation.id}/seat`, {})).status).toBe(200);
    await eventually(() => expect(events.map((e) => e.type)).toContain('order.created'));
    const ticket = events.find((e) => e.type === 'order.created')!.data as Order;
    expect(ticket).toMatchObject({ id: reservation.preorderOrderId, tableId: r.tables[0].id, allergies: ['gluten'], status: 'placed' });
    expect(ticket.guestName).toBeUndefined();
    expect(events.map((e) => e.type)).not.toContain('reservation.updated');
  } finally {
    c.close();
  }
});
