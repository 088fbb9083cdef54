import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody, type TestRestaurant } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

let db: Sequelize;
let node: DinewireNode;

beforeAll(async () => {
  db = testSequelize();
  node = await startTestNode();
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

const GUEST = 'Ottoline Featherstonehaugh';

async function placed(r: TestRestaurant): Promise<{ id: string; items: { id: string; status: string }[] }> {
  const dish = await makeDish(db, r);
  const res = await client(node.url).post(
    '/api/v1/orders',
    orderBody(r, [{ dishId: dish.id }, { dishId: dish.id, quantity: 2 }], { guestName: GUEST }),
    {
      'idempotency-key': idempotencyKey(),
    },
  );
  expect(res.status).toBe(201);
  return res.body.order;
}

const JUNK: unknown[] = [
  [],
  [1, 2],
  'x',
  42,
  { seen: [] },
  { seen: 'x' },
  { seen: { 'not-an-id': 'queued' } },
  { seen: { '00000000-0000-4000-8000-000000000000': 'boiling' } },
  { seen: {}, stationId: 'nope' },
  { seen: {}, extra: 1 },
  { from: 'nope' },
  { from: 7 },
  { rushed: 'true' },
  { rushed: 1 },
  { rushed: true, extra: 1 },
  { amberMinutes: -1 },
  { amberMinutes: 'NaN' },
  { amberMinutes: 1e9 },
  { amberMinutes: 2.5 },
  { redMinutes: null },
  { amberMinutes: 5, redMinutes: 5 },
  {},
  { note: 'x'.repeat(110_000) },
];

function expectCleanRefusal(what: string, res: { status: number; body: any }): void {
  const shape = {
    what,
    status: res.status >= 400 && res.status < 500 ? '4xx' : res.status,
    code: typeof res.body?.error?.code,
    fields:
      res.body?.error?.code === 'validation'
        ? (res.body.error.details ?? []).every((d: { field: unknown }) => typeof d.field === 'string') && res.body.error.details.length > 0
        : true,
  };
  expect(shape).toEqual({ what, status: '4xx', code: 'string', fields: true });
}

describe('kitchen routes under attack', () => {
  it('answers junk bodies on every kitchen write with 4xx JSON naming the field', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const o = await placed(r);
    const paths = [
      ['post', `/api/v1/kitchen/orders/${o.id}/bump`],
      ['post', `/api/v1/kitchen/orders/${o.id}/recall`],
      ['post', `/api/v1/kitchen/items/${o.items[0].id}/bump`],
      ['post', `/api/v1/kitchen/items/${o.items[0].id}/recall`],
      ['post', `/api/v1/orders/${o.id}/rush`],
      ['post', `/api/v1/orders/${o.id}/handoff`],
      ['patch', `/api/v1/restaurants/${r.id}/ticket-ages`],
    ] as const;
    for (const [method, path] of paths) {
      for (const body of JUNK) {
        const res = await client(node.url, manager.token)[method](path, body);
        // A few are valid somewhere ({} recalls nothing... but {} on hand-off is its real body).
        if (res.status < 300) continue;
        expectCleanRefusal(`${method} ${path} ${JSON.stringify(body).slice(0, 60)}`, res);
      }
    }
    const after = await one<{ n: number }>(db, "SELECT count(*)::int AS n FROM order_items WHERE order_id = $id AND status <> 'queued'", {
      id: o.id,
    });
    expect(after!.n).toBe(0);
  });

  it('answers malformed ids and query abuse with 400 naming the field', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const c = client(node.url, manager.token);
    for (const path of [
      '/api/v1/kitchen/orders/123/bump',
      '/api/v1/kitchen/items/%00/recall',
      '/api/v1/orders/abc/rush',
      '/api/v1/orders/abc/handoff',
    ]) {
      const res = await c.post(path, { seen: {}, rushed: true });
      expectCleanRefusal(path, res);
    }
    expectCleanRefusal('ticket ages bad id', await c.patch('/api/v1/restaurants/zzz/ticket-ages', { amberMinutes: 3 }));
    for (const q of ['minutes=-1', 'minutes=1e9', 'minutes=NaN', 'minutes=', 'stationId=x', 'minutes=5&minutes=6']) {
      const res = await c.get(`/api/v1/restaurants/${r.id}/kitchen/recent?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expectCleanRefusal(q, res);
    }
  });

  it('lets a manager of another restaurant, a board, a kiosk, a host and anonymous do nothing to an order', async () => {
    const a = await makeRestaurant(db);
    const b = await makeRestaurant(db);
    const o = await placed(a);
    const seen = Object.fromEntries(o.items.map((i) => [i.id, i.status]));
    const actors = {
      otherManager: (await makeUser(db, 'manager', [b.id])).token,
      otherKitchen: (await makeDevice(db, b.id, 'kitchen')).token,
      board: (await makeDevice(db, a.id, 'board')).token,
      kiosk: (await makeDevice(db, a.id, 'kiosk')).token,
      guest: (await makeUser(db, 'guest')).token,
      anonymous: undefined,
    };
    for (const [who, token] of Object.entries(actors)) {
      const c = client(node.url, token);
      for (const [path, body] of [
        [`/api/v1/kitchen/orders/${o.id}/bump`, { seen }],
        [`/api/v1/kitchen/items/${o.items[0].id}/bump`, {}],
        [`/api/v1/orders/${o.id}/rush`, { rushed: true }],
        [`/api/v1/orders/${o.id}/handoff`, {}],
      ] as const) {
        const res = await c.post(path, body);
        expect({ who, path, ok: res.status >= 400 && res.status < 500 }).toEqual({ who, path, ok: true });
        expect(JSON.stringify(res.body)).not.toContain(GUEST);
      }
      const ages = await c.patch(`/api/v1/restaurants/${a.id}/ticket-ages`, { amberMinutes: 3 });
      expect({ who, status: ages.status >= 400 && ages.status < 500 }).toEqual({ who, status: true });
      const recent = await c.get(`/api/v1/restaurants/${a.id}/kitchen/recent`);
      expect({ who, status: recent.status >= 400 && recent.status < 500 }).toEqual({ who, status: true });
    }
    const row = await one<{ rushed: boolean; moved: number }>(
      db,
      "SELECT rushed_at IS NOT NULL AS rushed, (SELECT count(*)::int FROM order_items WHERE order_id = $id AND status <> 'queued') AS moved FROM orders WHERE id = $id",
      { id: o.id },
    );
    expect(row).toEqual({ rushed: false, moved: 0 });
  });

  it('shows the kitchen no guest name in any kitchen answer', async () => {
    const r = await makeRestaurant(db);
    const screen = await makeDevice(db, r.id, 'kitchen');
    const chef = await makeUser(db, 'kitchen', [r.id]);
    for (const token of [screen.token, chef.token]) {
      const o = await placed(r);
      const c = client(node.url, token);
      const answers = [
        await c.post(`/api/v1/orders/${o.id}/rush`, { rushed: true }),
        await c.post(`/api/v1/kitchen/items/${o.items[0].id}/bump`, { from: 'queued' }),
        await c.post(`/api/v1/kitchen/orders/${o.id}/bump`, { seen: { [o.items[0].id]: 'cooking', [o.items[1].id]: 'queued' } }),
        await c.post(`/api/v1/kitchen/orders/${o.id}/bump`, { seen: { [o.items[0].id]: 'ready', [o.items[1].id]: 'cooking' } }),
        await c.get(`/api/v1/restaurants/${r.id}/kitchen/recent`),
        await c.get(`/api/v1/restaurants/${r.id}`),
      ];
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(JSON.stringify(a.body)).not.toContain(GUEST);
        expect(JSON.stringify(a.body)).not.toMatch(/token|Hash/);
      }
      const handed = await c.post(`/api/v1/orders/${o.id}/handoff`, {});
      expect(JSON.stringify(handed.body)).not.toContain(GUEST);
    }
  });

  it('moves a ticket once, rushes once and hands off once under double submits', async () => {
    const r = await makeRestaurant(db);
    const manager = await makeUser(db, 'manager', [r.id]);
    const c = client(node.url, manager.token);
    const o = await placed(r);
    const seen = Object.fromEntries(o.items.map((i) => [i.id, i.status]));
    const bumps = await Promise.all([1, 2, 3, 4].map(() => c.post(`/api/v1/kitchen/orders/${o.id}/bump`, { seen })));
    expect(bumps.map((b) => b.status).sort()).toEqual([200, 409, 409, 409]);
    const before = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM events WHERE restaurant_id = $id', { id: r.id });
    const rushes = await Promise.all([1, 2, 3, 4].map(() => c.post(`/api/v1/orders/${o.id}/rush`, { rushed: true })));
    expect(rushes.map((b) => b.status)).toEqual([200, 200, 200, 200]);
    const afterRush = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM events WHERE restaurant_id = $id', { id: r.id });
    expect(afterRush!.n - before!.n).toBe(1);
    const ages = await Promise.all([
      c.patch(`/api/v1/restaurants/${r.id}/ticket-ages`, { amberMinutes: 20 }),
      c.patch(`/api/v1/restaurants/${r.id}/ticket-ages`, { redMinutes: 15 }),
    ]);
    const stored = await one<{ a: number; red: number }>(
      db,
      'SELECT ticket_amber_minutes AS a, ticket_red_minutes AS red FROM restaurants WHERE id = $id',
      { id: r.id },
    );
    expect(stored!.a).toBeLessThan(stored!.red);
    expect(ages.map((x) => x.status).sort()).toEqual([200, 400]);
    for (const i of o.items) await db.query(`UPDATE order_items SET status = 'ready' WHERE id = '${i.id}'`);
    const hands = await Promise.all([1, 2, 3].map(() => c.post(`/api/v1/orders/${o.id}/handoff`, {})));
    expect(hands.map((b) => b.status).sort()).toEqual([200, 409, 409]);
  });
});
