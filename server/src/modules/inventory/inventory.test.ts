import type { DinewireNode } from '../../node';
import { models } from '../../models';
import { makeDish, makeRestaurant, makeUser } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';

describe('inventory', () => {
  const sequelize = testSequelize();
  let node: DinewireNode;
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  it('lists a restaurant’s ingredients by English name, and a manager’s adjustment lands in the ledger', async () => {
    node = await startTestNode({ sequelize });
    const r = await makeRestaurant(sequelize);
    const manager = await makeUser(sequelize, 'manager', [r.id]);
    const rice = await makeDish(sequelize, r, { stock: 10, perPortion: 0.25, lowThreshold: 1 });
    const noodles = await makeDish(sequelize, r, { stock: 4 });
    await models(sequelize).Ingredient.update(
      { names: { en: 'Egg noodles', 'zh-Hant': '蛋麵', 'zh-Hans': '蛋面' } },
      { where: { id: noodles.ingredientId! } },
    );

    const api = client(node.url, manager.token);
    const listed = await api.get(`/api/v1/restaurants/${r.id}/inventory`);
    expect(listed.body.ingredients).toEqual([
      {
        id: noodles.ingredientId,
        name: 'Egg noodles',
        names: expect.objectContaining({ 'zh-Hant': '蛋麵' }),
        unit: 'portion',
        quantity: 4,
        lowThreshold: 0,
      },
      { id: rice.ingredientId, name: 'Rice', names: expect.any(Object), unit: 'portion', quantity: 2.5, lowThreshold: 1 },
    ]);

    const adjusted = await api.post(`/api/v1/inventory/${rice.ingredientId}/adjustments`, {
      delta: 0.75,
      reason: 'count',
      note: 'recount',
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.ingredient).toMatchObject({ ingredientId: rice.ingredientId, quantity: 3.25 });
    const ledger = await models(sequelize).StockMovement.findAll({ where: { ingredientId: rice.ingredientId! } });
    expect(ledger.map((l) => ({ delta: l.delta, after: l.quantityAfter, reason: l.reason, note: l.note, actor: l.actorId }))).toEqual([
      { delta: 0.75, after: 3.25, reason: 'count', note: 'recount', actor: manager.id },
    ]);
    expect((await api.post(`/api/v1/inventory/${crypto.randomUUID()}/adjustments`, { delta: 1, reason: 'receive' })).status).toBe(404);
  });
});
