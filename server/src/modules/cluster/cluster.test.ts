import type { Sequelize } from 'sequelize';
import { io as connect, type Socket } from 'socket.io-client';
import { registry } from '../../metrics';
import type { DinewireNode } from '../../node';
import { makeRestaurant, makeUser } from '../../test/factories';
import { client, eventually, startTestNode, testSequelize } from '../../test/harness';
import type { NodeReport } from './nodeReports';

let db: Sequelize;
let a: DinewireNode;
let b: DinewireNode;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = testSequelize();
  [a, b] = await Promise.all([startTestNode({ redis: true }), startTestNode({ redis: true })]);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all([a?.close(), b?.close()]);
  await db?.close();
});

function openSocket(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(url, { path: '/socket.io/', transports: ['websocket'], reconnection: false });
    sockets.push(s);
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

const idOf = (n: DinewireNode) => n.services.config.nodeId;

describe('GET /api/v1/cluster/nodes', () => {
  it('lists every live node of the cluster, from any node, with its own figures', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    await openSocket(b.url);
    await openSocket(b.url);

    let nodes: NodeReport[] = [];
    // Reports are written every 2 s; wait for one that counts node b's two sockets.
    await eventually(async () => {
      const res = await client(a.url, manager.token).get<{ nodes: NodeReport[] }>('/api/v1/cluster/nodes');
      expect(res.status).toBe(200);
      nodes = res.body.nodes;
      expect(nodes.find((n) => n.id === idOf(b))?.sockets).toBe(2);
    }, 8000);

    // Other suites' nodes share this Redis: look for ours only.
    for (const node of [a, b]) {
      const report = nodes.find((n) => n.id === idOf(node));
      expect(report).toBeDefined();
      expect(report!.url).toBe(node.url);
      expect(report!.pid).toBe(process.pid);
      expect(Date.parse(report!.startedAt)).toBeLessThanOrEqual(Date.parse(report!.at));
      expect(Date.now() - Date.parse(report!.at)).toBeLessThan(10_000);
      expect(report!.rssBytes).toBeGreaterThan(10 * 2 ** 20);
      expect(report!.rssBytes).toBeLessThan(8 * 2 ** 30);
      expect(report!.heapUsedBytes).toBeGreaterThan(2 ** 20);
      expect(report!.heapUsedBytes).toBeLessThan(report!.rssBytes);
      expect(report!.eventLoopLagMs).toBeGreaterThanOrEqual(0);
      expect(report!.eventLoopLagMs).toBeLessThan(5000);
    }
    expect(nodes.find((n) => n.id === idOf(a))!.sockets).toBe(0);

    // Node b sees the same list.
    const fromB = await client(b.url, manager.token).get<{ nodes: NodeReport[] }>('/api/v1/cluster/nodes');
    expect(fromB.body.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([idOf(a), idOf(b)]));

    // The same figures as Prometheus gauges, labelled by node.
    const text = await registry.metrics();
    expect(text).toMatch(new RegExp(`dinewire_node_sockets\\{node="${idOf(b)}"\\} 2`));
    expect(text).toMatch(new RegExp(`dinewire_node_rss_bytes\\{node="${idOf(a)}"\\} \\d+`));
    expect(text).toContain('dinewire_node_heap_used_bytes{');
    expect(text).toContain('dinewire_node_event_loop_lag_p99_seconds{');
  });

  it('drops a node that stopped', async () => {
    const c = await startTestNode({ redis: true });
    const manager = await makeUser(db, 'manager', []);
    const ids = async () =>
      (await client(a.url, manager.token).get<{ nodes: NodeReport[] }>('/api/v1/cluster/nodes')).body.nodes.map((n) => n.id);
    await eventually(async () => expect(await ids()).toContain(idOf(c)));
    await c.close();
    expect(await ids()).not.toContain(idOf(c));
  });

  it('is for managers only: 401 without a token, 403 for kitchen staff and guests', async () => {
    const r = await makeRestaurant(db);
    const chef = await makeUser(db, 'kitchen', [r.id]);
    const guest = await makeUser(db, 'guest');

    const anonymous = await client(a.url).get('/api/v1/cluster/nodes');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');

    for (const token of [chef.token, guest.token]) {
      const res = await client(a.url, token).get('/api/v1/cluster/nodes');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
