import crypto from 'node:crypto';
import { RealtimeClient, type DinewireEvent, type SubscribeAck } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { SocketLimits } from '../config';
import { makeDish, makeRestaurant, makeUser, orderBody } from '../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../test/harness';

// The test connects from loopback, a trusted balancer by default, so X-Forwarded-For stands for
// the client address. Fresh addresses every run: blocks and counts live on in the test's Redis.
const run = crypto.randomBytes(2);
let nextHost = 0;
const address = () => `10.${run[0]}.${run[1]}.${++nextHost}`;

const LIMITS: SocketLimits = { emitsPerSecond: 2, emitBurst: 5, connectionsPerAddress: 3, connectsPerMinute: 300, blockSeconds: 60 };

let db: Sequelize;
const sockets: Socket[] = [];
const clients: RealtimeClient[] = [];

beforeAll(() => {
  db = testSequelize();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await db?.close();
});

/** A node with the test's socket limits; with Redis, once Redis is ready (before that the limits count in memory). */
async function limitedNode(limits: Partial<SocketLimits> = {}, config: Parameters<typeof startTestNode>[0] = {}) {
  const node = await startTestNode({
    redis: true,
    ...config,
    config: { rateLimitPerMinute: 600, socketLimits: { ...LIMITS, ...limits }, ...config.config },
  });
  if (config.redis !== false) await eventually(async () => expect((await client(node.url).get('/readyz')).body.redis).toBe(true));
  return node;
}

/** A raw socket from `from` (X-Forwarded-For), without reconnection: each handshake is one attempt. */
function rawSocket(url: string, from: string | undefined, token?: string): Socket {
  const s = ioClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: token ? { token } : {},
    extraHeaders: from ? { 'x-forwarded-for': from } : {},
  });
  sockets.push(s);
  return s;
}

/** Connected, or the handshake's refusal: its message and `data`. */
function handshake(s: Socket): Promise<{ ok: true } | { ok: false; message: string; data?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    s.once('connect', () => resolve({ ok: true }));
    s.once('connect_error', (err: Error & { data?: { code: string; message: string } }) =>
      resolve({ ok: false, message: err.message, data: err.data }),
    );
  });
}

function subscribeAck(s: Socket, request: object): Promise<SubscribeAck> {
  return new Promise((resolve) => s.emit('subscribe', request as never, (ack: SubscribeAck) => resolve(ack)));
}

describe('socket limits', () => {
  it('refuses a flooding socket past its budget, disconnects it and blocks its address; other clients keep receiving and subscribing', async () => {
    const node = await limitedNode();
    try {
      const r = await makeRestaurant(db);
      const dish = await makeDish(db, r, { stock: 20 });
      const manager = await makeUser(db, 'manager', [r.id]);
      const events: DinewireEvent[] = [];
      const listener = new RealtimeClient({
        baseUrl: node.url,
        token: manager.token,
        transports: ['websocket'],
        socketOptions: { extraHeaders: { 'x-forwarded-for': address() } },
      });
      clients.push(listener);
      await new Promise<void>((resolve, reject) =>
        listener.subscribe(
          { restaurantId: r.id, scope: 'staff' },
          { onEvent: (e) => events.push(e), onSubscribed: () => resolve(), onError: (e) => reject(new Error(e.message)) },
        ),
      );

      const flooderAddress = address();
      const flooder = rawSocket(node.url, flooderAddress);
      expect(await handshake(flooder)).toEqual({ ok: true });
      // Within its budget a socket is served as ever.
      for (let i = 0; i < LIMITS.emitBurst; i++)
        expect(await subscribeAck(flooder, { restaurantId: r.id, scope: 'menu' })).toMatchObject({ ok: true });
      const acks: SubscribeAck[] = [];
      const disconnected = new Promise<string>((resolve) => {
        flooder.once('disconnect', resolve);
        setTimeout(() => resolve('still connected'), 10_000).unref();
      });
      for (let i = 0; i < 2000; i++) flooder.emit('subscribe', { restaurantId: r.id, scope: 'menu' }, (a: SubscribeAck) => acks.push(a));
      expect(await disconnected).toBe('io server disconnect');
      // Past it, emits are refused (no database work), and a socket that keeps going is cut off.
      expect(acks.length).toBeGreaterThan(0);
      expect(acks.every((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
      expect(acks.length).toBeLessThan(100);

      // The address is blocked: its next handshake is refused, with a reason.
      const again = await handshake(rawSocket(node.url, flooderAddress));
      expect(again).toMatchObject({ ok: false, message: 'rate_limited', data: { code: 'rate_limited' } });

      // Signed-in screens behind the same address (a hotel's shared address) still connect.
      expect(await handshake(rawSocket(node.url, flooderAddress, manager.token))).toEqual({ ok: true });

      // Everyone else is untouched: the listener still gets events, and a new client subscribes.
      const placed = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
        'idempotency-key': idempotencyKey(),
      });
      expect(placed.status).toBe(201);
      await eventually(() => expect(events.map((e) => e.type)).toContain('order.created'));
      const other = rawSocket(node.url, address());
      expect(await handshake(other)).toEqual({ ok: true });
      expect(await subscribeAck(other, { restaurantId: r.id, scope: 'menu' })).toMatchObject({ ok: true });
    } finally {
      await node.close();
    }
  });

  it('caps live sockets per address across nodes, frees a slot on disconnect, and leaves other addresses alone', async () => {
    const [a, b] = await Promise.all([limitedNode(), limitedNode()]);
    try {
      const crowded = address();
      const open = [rawSocket(a.url, crowded), rawSocket(b.url, crowded), rawSocket(a.url, crowded)];
      expect(await Promise.all(open.map(handshake))).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      const over = await handshake(rawSocket(b.url, crowded));
      expect(over).toMatchObject({ ok: false, message: 'rate_limited', data: { message: 'Too many open connections from this address.' } });

      expect(await handshake(rawSocket(b.url, address()))).toEqual({ ok: true });

      open[0].close();
      await eventually(async () => expect(await handshake(rawSocket(b.url, crowded))).toEqual({ ok: true }));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('limits handshakes per address over time', async () => {
    const node = await limitedNode({ connectsPerMinute: 6, connectionsPerAddress: 0 });
    try {
      const from = address();
      const results = [];
      for (let i = 0; i < 8; i++) {
        const s = rawSocket(node.url, from);
        results.push((await handshake(s)).ok);
        s.close();
      }
      expect(results).toEqual([true, true, true, true, true, true, false, false]);
    } finally {
      await node.close();
    }
  });

  it('takes the address from X-Forwarded-For only from TRUST_PROXY: spoofed headers from another peer share its cap', async () => {
    // On one node (memory): every run's address here is the same 127.0.0.1.
    const node = await limitedNode({}, { redis: false, config: { trustProxy: ['10.9.8.7'] } });
    try {
      const results = [];
      for (let i = 0; i < 5; i++) results.push((await handshake(rawSocket(node.url, address()))).ok);
      expect(results).toEqual([true, true, true, false, false]);
    } finally {
      await node.close();
    }
  });

  it('has no socket limits when RATE_LIMIT_PER_MINUTE=0 (load tests from one address)', async () => {
    const node = await limitedNode({}, { config: { rateLimitPerMinute: 0 } });
    try {
      const r = await makeRestaurant(db);
      const from = address();
      const many = Array.from({ length: 8 }, () => rawSocket(node.url, from));
      expect((await Promise.all(many.map(handshake))).every((h) => h.ok)).toBe(true);
      const acks = await Promise.all(Array.from({ length: 40 }, () => subscribeAck(many[0], { restaurantId: r.id, scope: 'menu' })));
      expect(acks.every((a) => a.ok)).toBe(true);
    } finally {
      await node.close();
    }
  });
});
