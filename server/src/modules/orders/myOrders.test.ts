import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { one } from '../../db/sql';
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

describe('a guest’s order history (GET /me/orders)', () => {
  it('lists the guest’s own orders newest first, with the restaurants they came from', async () => {
    const [first, second] = await Promise.all([makeRestaurant(db), makeRestaurant(db)]);
    const [dishA, dishB] = await Promise.all([makeDish(db, first), makeDish(db, second)]);
    const alice = await makeUser(db, 'guest');
    const bob = await makeUser(db, 'guest');
    const place = async (token: string, body: ReturnType<typeof orderBody>) => {
      const res = await client(node.url, token).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() });
      expect(res.status).toBe(201);
      return res.body.order.id as string;
    };
    const older = await place(alice.token, orderBody(first, [{ dishId: dishA.id }]));
    const newer = await place(alice.token, orderBody(second, [{ dishId: dishB.id, quantity: 2 }]));
    await place(bob.token, orderBody(first, [{ dishId: dishA.id }]));
    // Anonymous: no account, no history.
    expect(
      (await client(node.url).post('/api/v1/orders', orderBody(first, [{ dishId: dishA.id }]), { 'idempotency-key': idempotencyKey() }))
        .status,
    ).toBe(201);

    const res = await client(node.url, alice.token).get('/api/v1/me/orders');
    expect(res.status).toBe(200);
    expect(res.body.orders.map((o: { id: string }) => o.id)).toEqual([newer, older]);
    expect(res.body.orders[0].items[0]).toMatchObject({ dishId: dishB.id, quantity: 2 });
    const byId = new Map(res.body.restaurants.map((r: { id: string }) => [r.id, r]));
    expect(byId.size).toBe(2);
    const slugOf = async (id: string) => (await one<{ slug: string }>(db, 'SELECT slug FROM restaurants WHERE id = $id', { id }))!.slug;
    expect(byId.get(first.id)).toEqual({
      id: first.id,
      slug: await slugOf(first.id),
      names: expect.objectContaining({ en: expect.any(String), 'zh-Hant': expect.any(String) }),
      timeZone: expect.any(String),
    });
    expect(byId.get(second.id)).toMatchObject({ slug: await slugOf(second.id) });
  });

  it('is empty for a guest with no orders, and refused without an account', async () => {
    const carol = await makeUser(db, 'guest');
    expect((await client(node.url, carol.token).get('/api/v1/me/orders')).body).toEqual({ orders: [], restaurants: [] });
    expect((await client(node.url).get('/api/v1/me/orders')).status).toBe(401);
  });
});
