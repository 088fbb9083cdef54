import crypto from 'node:crypto';
import type { DinewireEvent } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeInHouseGuest, makeRestaurant, makeUser, type TestRestaurant } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

/**
 * The pickup board faces the guests: what a paired board hears and reads, over the socket and over
 * HTTP, while orders with guests' names, a room charge and notes are placed, cooked and handed off,
 * holds numbers and states only.
 */

let db: Sequelize;
let node: DinewireNode;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = testSequelize();
  node = await startTestNode();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await node?.close();
  await db?.close();
});

const WALK_IN = 'Bartholomew Fennimore-Quist';
const ROOM_GUEST = 'Ottoline Wexford-Plum';
const NOTE = 'no coriander, peanut allergy (Quist)';
const ROOM_NOTE = 'leave at the door, Wexford';

function body(r: TestRestaurant, dishId: string, extra: Record<string, unknown>) {
  return { restaurantId: r.id, channel: 'web', paymentMethod: 'counter', items: [{ dishId, quantity: 1, note: NOTE }], ...extra };
}

it('a paired board hears and reads numbers and states, never a guest’s name, room or note', async () => {
  const r = await makeRestaurant(db);
  const dish = await makeDish(db, r, { stock: 20 });
  const chef = await makeUser(db, 'kitchen', [r.id]);
  const roomNumber = String(crypto.randomInt(10_000_000, 99_999_999));
  await makeInHouseGuest(db, roomNumber, ROOM_GUEST, '4821');
  const board = await makeDevice(db, r.id, 'board');

  const socket = ioClient(node.url, { transports: ['websocket'], auth: { token: board.token }, reconnection: false });
  sockets.push(socket);
  const frames: unknown[] = [];
  socket.onAny((name: string, ...args: unknown[]) => frames.push({ name, args }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(5000).emitWithAck('subscribe', { restaurantId: r.id, scope: 'board' });
  expect(ack).toMatchObject({ ok: true });
  frames.push(ack);

  const anon = client(node.url);
  const walkIn = await anon.post('/api/v1/orders', body(r, dish.id, { guestName: WALK_IN }), { 'idempotency-key': idempotencyKey() });
  expect(walkIn.status).toBe(201);
  const room = await anon.post(
    '/api/v1/orders',
    {
      ...body(r, dish.id, { channel: 'room', paymentMethod: 'room', roomNumber, guestName: ROOM_GUEST, roomPin: '4821' }),
      items: [{ dishId: dish.id, quantity: 2, note: ROOM_NOTE }],
    },
    { 'idempotency-key': idempotencyKey() },
  );
  expect(room.status).toBe(201);
  const kitchen = client(node.url, chef.token);
  for (const placed of [walkIn, room]) {
    const itemId = placed.body.order.items[0].id;
    for (let i = 0; i < 2; i++) expect((await kitchen.post(`/api/v1/kitchen/items/${itemId}/bump`)).status).toBe(200);
  }
  expect((await kitchen.post(`/api/v1/orders/${walkIn.body.order.id}/handoff`)).status).toBe(200);

  // What the board saw: each order's number through to ready, and the walk-in's hand-off.
  const seen = () =>
    frames
      .filter((f): f is { name: 'event'; args: [DinewireEvent] } => (f as { name?: string }).name === 'event')
      .map((f) => f.args[0].data as { number: number; status: string });
  await eventually(() => expect(seen().filter((o) => o.status === 'completed')).toHaveLength(1));
  expect(seen()).toContainEqual(expect.objectContaining({ number: room.body.order.number, status: 'ready' }));

  const api = client(node.url, board.token);
  const reads = [
    await api.get(`/api/v1/restaurants/${r.id}/orders`),
    await api.get(`/api/v1/restaurants/${r.id}/orders?status=placed,preparing,ready`),
    await api.get(`/api/v1/restaurants/${r.id}/events?after=0&scope=board`),
    await api.get(`/api/v1/restaurants/${r.id}`),
    await api.get(`/api/v1/restaurants/${r.id}/menu`),
    await api.get(`/api/v1/orders/${walkIn.body.order.id}`),
    await api.get(`/api/v1/orders/${room.body.order.id}`),
  ];
  expect(reads.map((x) => x.status)).toEqual([200, 200, 200, 200, 200, 404, 404]);
  expect(reads[1].body.orders).toEqual([{ id: room.body.order.id, number: room.body.order.number, status: 'ready', version: 3 }]);

  const everything = JSON.stringify({ frames, reads: reads.map((x) => x.body) });
  for (const secret of [WALK_IN, ROOM_GUEST, NOTE, ROOM_NOTE, roomNumber, 'Quist', 'Wexford']) {
    expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
  }
});
