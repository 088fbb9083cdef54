import type { DinewireEvent } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { io as ioClient, type Socket } from 'socket.io-client';
import { one } from '../db/sql';
import type { DinewireNode } from '../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody, TEST_CARD, type TestRestaurant } from '../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../test/harness';

/**
 * Issue 7, finding 5, from the attacker's side: a kitchen screen tries to cancel and refund a card
 * order; a public pickup board and an anonymous caller try every way in (one order, the list,
 * catch-up of every scope, every socket subscription) for a guest's name, room or order token.
 */

let db: Sequelize;
let node: DinewireNode;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = testSequelize();
  node = await startTestNode();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

const GUEST = 'Wilhelmina Quartermaine';
const ROOM = 'QX-917';

interface Placed {
  order: { id: string; items: { id: string }[] };
  orderToken: string;
}

/** A guest's card order, with their name and room, placed from their phone. */
async function victimOrder(r: TestRestaurant, dishId: string): Promise<Placed> {
  const res = await client(node.url).post(
    '/api/v1/orders',
    orderBody(r, [{ dishId }], { paymentMethod: 'card', card: TEST_CARD, guestName: GUEST, roomNumber: ROOM }),
    { 'idempotency-key': idempotencyKey() },
  );
  expect(res.status).toBe(201);
  return res.body;
}

/** Whatever an answer holds, none of the guest's secrets is in it. */
function expectNoSecrets(what: string, answer: unknown, tokens: string[]): void {
  const text = JSON.stringify(answer ?? null);
  for (const secret of [GUEST, ROOM, ...tokens]) expect({ what, leaks: text.includes(secret) }).toEqual({ what, leaks: false });
}

function connect(token?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = ioClient(node.url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
    sockets.push(socket);
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

describe('a kitchen screen', () => {
  it('cannot cancel or refund a card order, with or without its token, as a kitchen account cannot', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 10, priceCents: 10000 });
    const screen = await makeDevice(db, r.id, 'kitchen');
    const station = await makeDevice(db, r.id, 'kitchen', r.stationId);
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const placed = await victimOrder(r, dish.id);
    const path = `/api/v1/orders/${placed.order.id}/cancel`;
    for (const [who, token] of [
      ['kitchen screen', screen.token],
      ['station screen', station.token],
      ['kitchen account', chef.token],
    ]) {
      for (const body of [{}, { token: placed.orderToken }]) {
        const res = await client(node.url, token).post(path, body);
        expect({ who, withToken: 'token' in body, status: res.status }).toEqual({ who, withToken: 'token' in body, status: 403 });
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    const money = await one<{ status: string; payment_status: string; refunds: number; refunded: number }>(
      db,
      `SELECT o.status, o.payment_status,
         (SELECT count(*)::int FROM payments p WHERE p.order_id = o.id AND p.kind = 'refund') AS refunds,
         (SELECT refunded_cents FROM sandbox_charges c WHERE c.id = o.processor_ref) AS refunded
       FROM orders o WHERE o.id = $orderId`,
      { orderId: placed.order.id },
    );
    expect(money).toEqual({ status: 'placed', payment_status: 'paid', refunds: 0, refunded: 0 });
  });
});

describe('a pickup board and an anonymous caller', () => {
  it('read no guest name, room or order token over HTTP: the order, the list, catch-up of every scope', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 1 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const board = await makeDevice(db, r.id, 'board');
    const placed = await victimOrder(r, dish.id);
    // The order moves on (order.updated), and its dish sold out (menu.availability).
    expect((await client(node.url, manager.token).post(`/api/v1/kitchen/items/${placed.order.items[0].id}/bump`)).status).toBe(200);
    const tokens = [placed.orderToken];

    let answered = 0;
    for (const [who, token] of [
      ['board', board.token],
      ['anonymous', undefined],
    ] as const) {
      const api = client(node.url, token);
      const asks: [string, string][] = [
        ['the order', `/api/v1/orders/${placed.order.id}`],
        ['the order, with a wrong token', `/api/v1/orders/${placed.order.id}?token=ot_guessed`],
        ['the list', `/api/v1/restaurants/${r.id}/orders`],
        ...(['staff', 'kitchen', 'board', 'menu'] as const).map((scope): [string, string] => [
          `catch-up of ${scope}`,
          `/api/v1/restaurants/${r.id}/events?after=0&scope=${scope}`,
        ]),
        ['catch-up of the order', `/api/v1/restaurants/${r.id}/events?after=0&scope=order&orderId=${placed.order.id}`],
      ];
      for (const [what, path] of asks) {
        const res = await api.get(path);
        expectNoSecrets(`${who}: ${what} (${res.status})`, res.body, tokens);
        if (res.status === 200) answered++;
      }
      if (who === 'board') {
        // What a board may see, it sees: numbers and states.
        const list = await api.get(`/api/v1/restaurants/${r.id}/orders`);
        expect(list.body.orders).toEqual([{ id: placed.order.id, number: 1, status: 'preparing', version: 2 }]);
      }
    }
    // The board's list and its and the menu's catch-ups, the anonymous menu catch-up.
    expect(answered).toBe(4);
  });

  it('hear no guest name, room or order token over the socket, whatever they subscribe to', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 2 });
    const manager = await makeUser(db, 'manager', [r.id]);
    const board = await makeDevice(db, r.id, 'board');
    const earlier = await victimOrder(r, dish.id);
    const heard: { who: string; acks: { request: object; ack: { ok: boolean } }[]; events: DinewireEvent[] }[] = [];
    for (const [who, token] of [
      ['board', board.token],
      ['anonymous', undefined],
    ] as const) {
      const socket = await connect(token);
      const h = { who, acks: [] as { request: object; ack: { ok: boolean } }[], events: [] as DinewireEvent[] };
      heard.push(h);
      socket.on('event', (e: DinewireEvent) => h.events.push(e));
      const requests: object[] = [
        ...(['staff', 'kitchen', 'board', 'menu'] as const).map((scope) => ({ restaurantId: r.id, scope })),
        { orderId: earlier.order.id },
        { orderId: earlier.order.id, orderToken: 'ot_guessed' },
      ];
      for (const request of requests) h.acks.push({ request, ack: await socket.timeout(5000).emitWithAck('subscribe', request) });
    }
    // A second guest's order (which sells the dish out) and a bump of the first.
    const later = await victimOrder(r, dish.id);
    expect((await client(node.url, manager.token).post(`/api/v1/kitchen/items/${earlier.order.items[0].id}/bump`)).status).toBe(200);
    const [boardHeard, anonymousHeard] = heard;
    await eventually(() => expect(boardHeard.events.filter((e) => e.type.startsWith('order.'))).toHaveLength(2));
    await eventually(() => expect(anonymousHeard.events.map((e) => e.type)).toContain('menu.availability'));

    const tokens = [earlier.orderToken, later.orderToken];
    for (const h of heard) expectNoSecrets(`${h.who}: acks and events`, h, tokens);
    const accepted = heard.flatMap((h) => h.acks.filter((a) => a.ack.ok).map((a) => `${h.who} ${JSON.stringify(a.request)}`));
    expect(accepted).toEqual([
      `board ${JSON.stringify({ restaurantId: r.id, scope: 'board' })}`,
      `board ${JSON.stringify({ restaurantId: r.id, scope: 'menu' })}`,
      `anonymous ${JSON.stringify({ restaurantId: r.id, scope: 'menu' })}`,
    ]);
    const events = heard.reduce((n, h) => n + h.events.length, 0);
    process.stdout.write(
      `attackers: ${heard.length * 6} subscriptions tried, ${accepted.length} accepted, ${events} events heard, no secret in any\n`,
    );
  });
});
