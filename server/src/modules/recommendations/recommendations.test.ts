import type { Sequelize } from 'sequelize';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, makeUser, orderBody, type TestDish, type TestRestaurant } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';
import { refreshPairings } from './pairings';

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

async function order(r: TestRestaurant, dishes: TestDish[]): Promise<string> {
  const res = await client(node.url).post(
    '/api/v1/orders',
    orderBody(
      r,
      dishes.map((d) => ({ dishId: d.id })),
    ),
    {
      'idempotency-key': idempotencyKey(),
    },
  );
  expect(res.status).toBe(201);
  return res.body.order.id;
}

const recommend = (r: TestRestaurant, dishIds: string, extra = '') =>
  client(node.url).get(`/api/v1/restaurants/${r.id}/recommendations?dishIds=${dishIds}${extra}`);

describe('"goes well with"', () => {
  it('ranks dishes by how often they were ordered together in the last 30 days', async () => {
    const r = await makeRestaurant(db);
    const [rice, tea, soup, cake, old, cancelled] = await Promise.all(
      ['Rice', 'Tea', 'Soup', 'Cake', 'Old', 'Cancelled'].map((name) => makeDish(db, r, { name })),
    );
    // rice: 4 orders; tea with rice in 3 of them, soup in 1; cake never with rice.
    await order(r, [rice, tea]);
    await order(r, [rice, tea]);
    await order(r, [rice, tea, soup]);
    await order(r, [rice]);
    await order(r, [tea, cake]);
    await order(r, [soup]);
    // Too old, or cancelled: does not count.
    const oldOrder = await order(r, [rice, old]);
    await db.query("UPDATE orders SET placed_at = now() - interval '31 days' WHERE id = $id", { bind: { id: oldOrder } });
    const cancelledOrder = await order(r, [rice, cancelled]);
    await db.query("UPDATE orders SET status = 'cancelled' WHERE id = $id", { bind: { id: cancelledOrder } });

    await refreshPairings({ sequelize: db });
    const res = await recommend(r, rice.id);
    expect(res.status).toBe(200);
    // tea: 3 / √(4 × 4) = 0.75; soup: 1 / √(4 × 2) = 0.3536
    expect(res.body).toEqual({
      dishes: [
        { dishId: tea.id, score: 0.75 },
        { dishId: soup.id, score: 0.3536 },
      ],
    });
    // Several dishes: the scores add up, and the asked dishes are not suggested.
    const both = await recommend(r, `${rice.id},${tea.id}`);
    // soup: rice 0.3536 + tea 1/√(4×2) 0.3536; cake: tea 1/√(4×1) = 0.5
    expect(both.body).toEqual({
      dishes: [
        { dishId: soup.id, score: 0.7071 },
        { dishId: cake.id, score: 0.5 },
      ],
    });
    expect((await recommend(r, rice.id, '&limit=1')).body.dishes).toEqual([{ dishId: tea.id, score: 0.75 }]);
  });

  it('leaves out dishes that cannot be ordered now: taken off by hand, off the menu, out of stock', async () => {
    const r = await makeRestaurant(db);
    const rice = await makeDish(db, r, { name: 'Rice' });
    const [a, b, c, d] = await Promise.all([
      makeDish(db, r, { name: 'A' }),
      makeDish(db, r, { name: 'B', stock: 5 }),
      makeDish(db, r, { name: 'C' }),
      makeDish(db, r, { name: 'D' }),
    ]);
    await order(r, [rice, a, b, c, d]);
    await refreshPairings({ sequelize: db });
    expect((await recommend(r, rice.id)).body.dishes.map((x: { dishId: string }) => x.dishId).sort()).toEqual(
      [a.id, b.id, c.id, d.id].sort(),
    );
    const manager = await makeUser(db, 'manager', [r.id]);
    expect((await client(node.url, manager.token).post(`/api/v1/dishes/${a.id}/availability`, { available: false })).status).toBe(200);
    await models(db).Ingredient.update({ quantity: 0 }, { where: { id: b.ingredientId! } });
    await models(db).Dish.update({ active: false }, { where: { id: c.id } });
    expect((await recommend(r, rice.id)).body.dishes).toEqual([{ dishId: d.id, score: 1 }]);
  });

  it('keeps restaurants apart and refuses bad input naming the field', async () => {
    const r = await makeRestaurant(db);
    const other = await makeRestaurant(db);
    const [x, y] = [await makeDish(db, r, { name: 'X' }), await makeDish(db, r, { name: 'Y' })];
    await order(r, [x, y]);
    await refreshPairings({ sequelize: db });
    expect((await recommend(other, x.id)).body).toEqual({ dishes: [] });
    for (const [query, field] of [
      ['', 'dishIds'],
      ['?dishIds=', 'dishIds'],
      ['?dishIds=junk', 'dishIds.0'],
      [`?dishIds=${x.id},nope`, 'dishIds.1'],
      [`?dishIds=${x.id}&limit=0`, 'limit'],
      [`?dishIds=${x.id}&limit=many`, 'limit'],
    ]) {
      const res = await client(node.url).get(`/api/v1/restaurants/${r.id}/recommendations${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.details.map((dd: { field: string }) => dd.field)).toContain(field);
    }
    const missing = await client(node.url).get(`/api/v1/restaurants/00000000-0000-4000-8000-000000000000/recommendations?dishIds=${x.id}`);
    expect(missing.status).toBe(404);
    expect((await client(node.url).get(`/api/v1/restaurants/junk/recommendations?dishIds=${x.id}`)).status).toBe(400);
  });
});
