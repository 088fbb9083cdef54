import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { RealtimeClient, type DinewireEvent, type Order } from '@dinewire/protocol';
import { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../node';
import { makeDish, makeRestaurant, makeUser, orderBody } from '../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../test/harness';

/**
 * The Redis pub/sub adapter drops whatever is published while Redis is away. A Redis of our own
 * (so other suites keep theirs) is killed and restarted under two nodes; the order committed in
 * between reaches the screen through the sync heartbeat and catch-up, and live delivery resumes.
 */

let db: Sequelize;
let redis: ChildProcess | null = null;
let port = 0;
let nodeA: DinewireNode;
let nodeB: DinewireNode;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await eventually(
    () =>
      new Promise<void>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1');
        s.on('connect', () => (s.destroy(), resolve()));
        s.on('error', reject);
      }),
    10_000,
  );
}

/** How many clients of our Redis subscribe to `channel`. */
async function subscribersOf(channel: string): Promise<number> {
  const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    const [, n] = (await r.pubsub('NUMSUB', channel)) as [string, number];
    return Number(n);
  } finally {
    r.disconnect();
  }
}

async function stopRedis(): Promise<void> {
  if (!redis) return;
  const exited = new Promise((r) => redis!.on('exit', r));
  redis.kill('SIGKILL');
  await exited;
  redis = null;
}

beforeAll(async () => {
  db = testSequelize();
  port = await freePort();
  await startRedis();
  // A slow heartbeat, so the live path after the restart is not mistaken for a catch-up.
  const config = { redisUrl: `redis://127.0.0.1:${port}`, syncIntervalMs: 3000 };
  [nodeA, nodeB] = await Promise.all([startTestNode({ config }), startTestNode({ config })]);
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await stopRedis();
  await db?.close();
});

it('closes the gap a Redis restart leaves in pub/sub through catch-up, then delivers live again', async () => {
  const r = await makeRestaurant(db);
  const dish = await makeDish(db, r, { stock: 50 });
  const manager = await makeUser(db, 'manager', [r.id]);
  const events: DinewireEvent[] = [];
  let catchUps = 0;
  const countingFetch: typeof fetch = (input, init) => {
    catchUps++;
    return fetch(input, init);
  };
  const screen = new RealtimeClient({ baseUrl: nodeB.url, token: manager.token, transports: ['websocket'], fetch: countingFetch });
  try {
    await new Promise<void>((resolve) =>
      screen.subscribe({ restaurantId: r.id, scope: 'staff' }, { onEvent: (e) => events.push(e), onSubscribed: () => resolve() }),
    );
    const place = async () => {
      const res = await client(nodeA.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
        'idempotency-key': idempotencyKey(),
      });
      expect(res.status).toBe(201);
      return res.body.order as Order;
    };

    const first = await place();
    await eventually(() => expect(events.map((e) => (e.data as Order).id)).toEqual([first.id]));

    expect(catchUps).toBe(0);

    await stopRedis();
    // Orders still commit with Redis gone; their broadcast is lost, and no pub/sub can carry it.
    const during = await place();
    // The node's heartbeat (read from the database) tells the screen it is behind; it catches up.
    await eventually(() => expect(events.map((e) => (e.data as Order).id)).toEqual([first.id, during.id]), 10_000);
    expect(catchUps).toBeGreaterThan(0);

    await startRedis();
    await eventually(async () => expect((await client(nodeA.url).get('/readyz')).status).toBe(200), 10_000);
    await eventually(async () => expect((await client(nodeB.url).get('/readyz')).status).toBe(200), 10_000);
    // Once both nodes' adapters have resubscribed (the channel that carries committed events
    // between nodes has both again), events flow live across nodes: no catch-up needed.
    await eventually(async () => expect(await subscribersOf('dinewire-request#/#')).toBe(2), 10_000);
    const caughtUp = catchUps;
    const after = await place();
    await eventually(() => expect(events.map((e) => (e.data as Order).id)).toEqual([first.id, during.id, after.id]), 10_000);
    expect(catchUps).toBe(caughtUp);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
  } finally {
    screen.close();
  }
});
