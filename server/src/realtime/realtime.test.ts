import { RealtimeClient, type DinewireEvent, type Order } from '@dinewire/protocol';
import { io as ioClient } from 'socket.io-client';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody } from '../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../test/harness';

let db: Sequelize;
let nodeA: DinewireNode;
let nodeB: DinewireNode;
const clients: RealtimeClient[] = [];

beforeAll(async () => {
  db = testSequelize();
  [nodeA, nodeB] = await Promise.all([startTestNode({ redis: true }), startTestNode({ redis: true })]);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await db?.close();
});

function realtime(url: string, token?: string): RealtimeClient {
  const c = new RealtimeClient({ baseUrl: url, token, transports: ['websocket'] });
  clients.push(c);
  return c;
}

async function placeOrder(url: string, restaurant: Awaited<ReturnType<typeof makeRestaurant>>, dishId: string) {
  const res = await client(url).post('/api/v1/orders', orderBody(restaurant, [{ dishId }]), { 'idempotency-key': idempotencyKey() });
  expect(res.status).toBe(201);
  return res.body as { order: Order; orderToken: string };
}

/** Resolves once the server has acknowledged the subscription: the socket is in its room, so every later event reaches it. */
function subscribed(c: RealtimeClient, request: Parameters<RealtimeClient['subscribe']>[0], events: DinewireEvent[]) {
  return new Promise<void>((resolve, reject) => {
    c.subscribe(request, { onEvent: (e) => events.push(e), onError: (e) => reject(new Error(e.message)), onSubscribed: () => resolve() });
  });
}

describe('real-time delivery', () => {
  it('delivers an order placed through node A to a subscriber on node B with the right seq', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 20 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const events: DinewireEvent[] = [];
    const c = realtime(nodeB.url, manager.token);
    await subscribed(c, { restaurantId: r.id, scope: 'staff' }, events);

    const placed = await placeOrder(nodeA.url, r, dish.id);
    await eventually(() => expect(events.map((e) => e.type)).toContain('order.created'));
    const created = events.find((e) => e.type === 'order.created')!;
    expect(created).toMatchObject({ seq: 1, prevSeq: 0, restaurantId: r.id });
    expect((created.data as Order).id).toBe(placed.order.id);

    // The catch-up answer holds the same event.
    const page = await client(nodeA.url, manager.token).get(`/api/v1/restaurants/${r.id}/events?after=0&scope=staff`);
    expect(page.body.latestSeq).toBe(1);
    const { publishedAt, ...stored } = created;
    expect(page.body.events).toEqual([stored]);
    // Live copies say when they left the committing node.
    expect(Date.parse(publishedAt!)).toBeGreaterThanOrEqual(Date.parse(created.at));
  });

  it('catches up all 5 orders placed while a subscriber was disconnected, in order', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 20 });
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const events: DinewireEvent[] = [];
    const c = realtime(nodeB.url, chef.token);
    await subscribed(c, { restaurantId: r.id, scope: 'kitchen' }, events);
    await placeOrder(nodeA.url, r, dish.id);
    await eventually(() => expect(events).toHaveLength(1));

    c.socket.disconnect();
    const missed: string[] = [];
    for (let i = 0; i < 5; i++) missed.push((await placeOrder(i % 2 ? nodeA.url : nodeB.url, r, dish.id)).order.id);
    expect(events).toHaveLength(1);
    c.socket.connect();

    await eventually(() => expect(events).toHaveLength(6));
    expect(events.slice(1).map((e) => (e.data as Order).id)).toEqual(missed);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // The kitchen presentation carries no guest or payment details.
    expect(events[1].data).not.toHaveProperty('guestName');
    expect(events[1].data).not.toHaveProperty('cardLast4');
  });

  it('closes a gap from a lost message on the next sync heartbeat', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 20 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const events: DinewireEvent[] = [];
    const c = realtime(nodeA.url, manager.token);
    await subscribed(c, { restaurantId: r.id, scope: 'staff' }, events);
    // Simulate a lost pub/sub message: the broadcaster drops this commit's events.
    const publish = nodeB.services.broadcaster.publish.bind(nodeB.services.broadcaster);
    nodeB.services.broadcaster.publish = () => undefined;
    const lost = await placeOrder(nodeB.url, r, dish.id);
    nodeB.services.broadcaster.publish = publish;
    await eventually(() => expect(events.map((e) => (e.data as Order).id)).toContain(lost.order.id), 4000);
  });

  it('gives a board only numbers and states, and a kiosk only availability', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 1 });
    const board = await makeDevice(db, r.id, 'board');
    const boardEvents: DinewireEvent[] = [];
    const menuEvents: DinewireEvent[] = [];
    await subscribed(realtime(nodeA.url, board.token), { restaurantId: r.id, scope: 'board' }, boardEvents);
    await subscribed(realtime(nodeB.url), { restaurantId: r.id, scope: 'menu' }, menuEvents);
    const placed = await placeOrder(nodeA.url, r, dish.id);
    await eventually(() => expect(boardEvents).toHaveLength(1));
    expect(boardEvents[0].data).toEqual({ id: placed.order.id, number: placed.order.number, status: 'placed', version: 1 });
    await eventually(() => expect(menuEvents).toHaveLength(1));
    expect(menuEvents[0]).toMatchObject({ type: 'menu.availability', data: { dishId: dish.id, available: false, remaining: 0 } });
  });
});

describe('socket authorization', () => {
  const connect = (url: string, auth: Record<string, unknown>) =>
    new Promise<{ ok: boolean; socket: ReturnType<typeof ioClient>; error?: string }>((resolve) => {
      const socket = ioClient(url, { transports: ['websocket'], auth, reconnection: false });
      socket.on('connect', () => resolve({ ok: true, socket }));
      socket.on('connect_error', (err) => resolve({ ok: false, socket, error: err.message }));
    });

  it('refuses a bad token at the handshake', async () => {
    const res = await connect(nodeA.url, { token: 'dw_not-a-real-token-at-all-not-a-real-token-000' });
    expect(res).toMatchObject({ ok: false, error: 'unauthenticated' });
    res.socket.close();
  });

  it('lets a socket without a token watch only a public menu', async () => {
    const r = await makeRestaurant(db);
    const res = await connect(nodeA.url, {});
    expect(res.ok).toBe(true);
    const ask = (req: object) => res.socket.timeout(5000).emitWithAck('subscribe', req);
    expect(await ask({ restaurantId: r.id, scope: 'menu' })).toMatchObject({ ok: true });
    for (const scope of ['staff', 'kitchen', 'board']) {
      expect(await ask({ restaurantId: r.id, scope })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect(await ask({ restaurantId: 'nope', scope: 'menu' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    res.socket.close();
  });

  it('refuses a kitchen account the scopes of another restaurant', async () => {
    const mine = await makeRestaurant(db);
    const theirs = await makeRestaurant(db);
    const chef = await makeUser(db, 'kitchen', [mine.id]);
    const res = await connect(nodeA.url, { token: chef.token });
    const ask = (req: object) => res.socket.timeout(5000).emitWithAck('subscribe', req);
    expect(await ask({ restaurantId: mine.id, scope: 'kitchen' })).toMatchObject({ ok: true });
    expect(await ask({ restaurantId: theirs.id, scope: 'kitchen' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask({ restaurantId: mine.id, scope: 'staff' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    res.socket.close();
    const page = await client(nodeA.url, chef.token).get(`/api/v1/restaurants/${theirs.id}/events?after=0&scope=kitchen`);
    expect(page.status).toBe(403);
  });

  it('disconnects a revoked device on every node', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const kiosk = await makeDevice(db, r.id, 'kiosk');
    const res = await connect(nodeB.url, { token: kiosk.token });
    expect(res.ok).toBe(true);
    // Node B now holds the kiosk's session in its cache.
    expect((await client(nodeB.url, kiosk.token).get(`/api/v1/restaurants/${r.id}/menu`)).status).toBe(200);
    const gone = new Promise<void>((resolve) => res.socket.on('disconnect', () => resolve()));
    const revoke = await client(nodeA.url, manager.token).post(`/api/v1/devices/${kiosk.id}/revoke`);
    expect(revoke.status).toBe(200);
    await gone;
    expect((await client(nodeA.url, kiosk.token).get(`/api/v1/restaurants/${r.id}/menu`)).status).toBe(401);
    // …and node B dropped it from its cache when told.
    await eventually(
      async () => expect((await client(nodeB.url, kiosk.token).get(`/api/v1/restaurants/${r.id}/menu`)).status).toBe(401),
      2000,
    );
    res.socket.close();
  });
});
