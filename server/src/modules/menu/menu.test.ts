import crypto from 'node:crypto';
import type { DinewireNode } from '../../node';
import { models } from '../../models';
import { makeDish, makeRestaurant, makeUser, type TestRestaurant } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';

describe('menu and dishes', () => {
  const sequelize = testSequelize();
  let node: DinewireNode;
  let r: TestRestaurant;
  let other: TestRestaurant;
  const cuisine = `Menu-${crypto.randomBytes(3).toString('hex')}`;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    node = await startTestNode({ sequelize });
    r = await makeRestaurant(sequelize, { cuisine });
    other = await makeRestaurant(sequelize);
    // 0.3 of stock at 0.1 a portion is exactly 3 portions (not 2.999…).
    ids.rice = (await makeDish(sequelize, r, { name: 'Fried 50% rice', stock: 3, perPortion: 0.1, withSizes: true, priceCents: 4000 })).id;
    ids.soldOut = (await makeDish(sequelize, r, { name: 'Sold-out soup', stock: 0, priceCents: 3000 })).id;
    ids.plain = (await makeDish(sequelize, r, { name: 'Plain noodles', priceCents: 9000 })).id;
    ids.hidden = (await makeDish(sequelize, r, { name: 'Retired dish' })).id;
    await models(sequelize).Dish.update({ active: false }, { where: { id: ids.hidden } });
    const vegan = await makeDish(sequelize, r, { name: 'Greens', priceCents: 2000 });
    ids.vegan = vegan.id;
    await models(sequelize).Dish.update({ tags: ['vegan', 'vegetarian'], allergens: [] }, { where: { id: vegan.id } });
  });
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  const dishesOf = (menu: { categories: { dishes: Record<string, any>[] }[] }) => menu.categories.flatMap((c) => c.dishes);

  it('lists the active dishes by category, with modifiers in order and the portions stock still makes', async () => {
    const res = await client(node.url).get(`/api/v1/restaurants/${r.id}/menu?lang=zh-Hant`);
    expect(res.status).toBe(200);
    expect(res.body.restaurant).toMatchObject({ id: r.id, cuisine, currency: 'HKD', stations: [{ id: r.stationId, name: 'Wok（繁）' }] });
    expect(res.body.categories).toEqual([expect.objectContaining({ id: r.categoryId, name: 'Mains（繁）' })]);
    const dishes = dishesOf(res.body);
    expect(dishes.map((d) => d.id).sort()).toEqual([ids.rice, ids.soldOut, ids.plain, ids.vegan].sort());
    const rice = dishes.find((d) => d.id === ids.rice)!;
    expect(rice).toMatchObject({ name: 'Fried 50% rice（繁）', priceCents: 4000, currency: 'HKD', available: true, remaining: 3 });
    expect(rice.modifiers).toEqual([
      {
        id: expect.any(String),
        name: 'Size（繁）',
        required: true,
        minChoices: 1,
        maxChoices: 1,
        options: [
          { id: expect.any(String), name: 'Regular（繁）', priceDeltaCents: 0 },
          { id: expect.any(String), name: 'Large（繁）', priceDeltaCents: 1500 },
        ],
      },
    ]);
    expect(dishes.find((d) => d.id === ids.soldOut)).toMatchObject({ available: false, remaining: 0 });
    expect(dishes.find((d) => d.id === ids.plain)).toMatchObject({ available: true, remaining: null });
  });

  it('shows the station and recipe to staff of the restaurant only', async () => {
    const own = await makeUser(sequelize, 'kitchen', [r.id]);
    const stranger = await makeUser(sequelize, 'manager', [other.id]);
    const riceFor = async (token?: string) =>
      dishesOf((await client(node.url, token).get(`/api/v1/restaurants/${r.id}/menu`)).body).find((d) => d.id === ids.rice) as Record<
        string,
        unknown
      >;
    const staffView = await riceFor(own.token);
    expect(staffView.stationId).toBe(r.stationId);
    expect(staffView.recipe).toEqual([{ ingredientId: expect.any(String), quantity: 0.1 }]);
    for (const view of [await riceFor(), await riceFor(stranger.token)]) {
      expect(view).not.toHaveProperty('stationId');
      expect(view).not.toHaveProperty('recipe');
    }
    const detail = await client(node.url, own.token).get(`/api/v1/dishes/${ids.rice}`);
    expect(detail.body.dish).toMatchObject({ id: ids.rice, stationId: r.stationId, remaining: 3 });
    expect((await client(node.url).get(`/api/v1/dishes/${ids.rice}`)).body.dish).not.toHaveProperty('recipe');
  });

  it('searches dishes by text (LIKE characters taken literally), restaurant, cuisine, price, tags and allergens', async () => {
    const search = async (query: string) =>
      ((await client(node.url).get(`/api/v1/dishes?${query}`)).body.dishes as { id: string }[]).map((d) => d.id).sort();
    expect(await search(`restaurantId=${r.id}&q=50%25`)).toEqual([ids.rice]);
    expect(await search(`restaurantId=${r.id}&q=5_%25`)).toEqual([]);
    expect(await search(`restaurantId=${r.id}&q=${encodeURIComponent('（繁）')}`)).toHaveLength(4);
    expect(await search(`cuisine=${cuisine.toUpperCase()}&maxPriceCents=3000`)).toEqual([ids.soldOut, ids.vegan].sort());
    expect(await search(`cuisine=${cuisine}&tags=vegan`)).toEqual([ids.vegan]);
    expect(await search(`cuisine=${cuisine}&q=vegetarian`)).toEqual([ids.vegan]);
    expect(await search(`cuisine=${cuisine}&excludeAllergens=soy`)).toEqual([ids.vegan]);
    expect(await search(`restaurantId=${other.id}`)).toEqual([]);
  });

  it('answers 404 for an unknown dish or restaurant', async () => {
    expect((await client(node.url).get(`/api/v1/dishes/${crypto.randomUUID()}`)).body.error.code).toBe('not_found');
    expect((await client(node.url).get(`/api/v1/restaurants/${crypto.randomUUID()}/menu`)).status).toBe(404);
  });
});
