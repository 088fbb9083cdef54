import crypto from 'node:crypto';
import type { DinewireNode } from '../../node';
import { models } from '../../models';
import { makeBookableRestaurant, makeRestaurant, TEST_BOOKING_POLICY } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';

describe('restaurants', () => {
  const sequelize = testSequelize();
  let node: DinewireNode;
  const cuisine = `Rest-${crypto.randomBytes(3).toString('hex')}`;
  const ids: string[] = [];

  beforeAll(async () => {
    node = await startTestNode({ sequelize });
    const { Restaurant, Station } = models(sequelize);
    for (const [i, area] of ['Lobby', 'Rooftop', 'Lobby'].entries()) {
      const r = await makeRestaurant(sequelize, { cuisine });
      await Restaurant.update({ area, priceLevel: i + 1, sort: 2000 - i }, { where: { id: r.id } });
      ids.push(r.id);
    }
    await Restaurant.update({ names: { en: 'Jade 100% Garden', 'zh-Hant': '翠園', 'zh-Hans': '翠园' } }, { where: { id: ids[1] } });
    await Station.create({ restaurantId: ids[0], names: { en: 'Pass', 'zh-Hant': '出菜', 'zh-Hans': '出菜' }, sort: -1 });
  });
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  const list = async (query: string, cuisineAsTyped = cuisine) =>
    ((await client(node.url).get(`/api/v1/restaurants?cuisine=${cuisineAsTyped}&${query}`)).body.restaurants as { id: string }[]).map(
      (r) => r.id,
    );

  it('shows a restaurant’s booking rules to anyone (a guest’s booking screen reads days, party sizes and deposits), and null when it has none valid', async () => {
    const depositRules = [{ fromPartySize: 6, perGuestCents: 5000 }];
    const bookable = await makeBookableRestaurant(sequelize, { tables: [{ seats: 4 }], policy: { depositRules } });
    const shown = (await client(node.url).get(`/api/v1/restaurants/${bookable.id}`)).body.restaurant;
    expect(shown.bookingPolicy).toEqual({ ...TEST_BOOKING_POLICY, depositRules });
    expect(shown.timeZone).toBe('Asia/Hong_Kong');
    const menu = (await client(node.url).get(`/api/v1/restaurants/${bookable.id}/menu`)).body;
    expect(menu.restaurant.bookingPolicy.depositRules).toEqual(depositRules);
    await models(sequelize).Restaurant.update({ cancellationPolicy: { freeCancelHours: 'soon' } }, { where: { id: ids[0] } });
    expect((await client(node.url).get(`/api/v1/restaurants/${ids[0]}`)).body.restaurant.bookingPolicy).toBeNull();
  });

  it('lists restaurants in their order, filtered by cuisine (any case), area, price level and text in any language', async () => {
    expect(await list('')).toEqual([ids[2], ids[1], ids[0]]);
    expect(await list('', cuisine.toLowerCase())).toEqual([ids[2], ids[1], ids[0]]);
    expect(await list('area=lobby')).toEqual([ids[2], ids[0]]);
    expect(await list('priceLevel=2')).toEqual([ids[1]]);
    expect(await list(`q=${encodeURIComponent('翠')}`)).toEqual([ids[1]]);
    expect(await list('q=100%25')).toEqual([ids[1]]);
    expect(await list('q=10_%25')).toEqual([]);
  });

  it('shows one restaurant with its stations in order, in the asked language', async () => {
    const res = await client(node.url).get(`/api/v1/restaurants/${ids[0]}?lang=zh-Hans`);
    expect(res.status).toBe(200);
    expect(res.body.restaurant).toMatchObject({ id: ids[0], cuisine, area: 'Lobby', priceLevel: 1, currency: 'HKD' });
    expect(res.body.restaurant.stations.map((s: { name: string }) => s.name)).toEqual(['出菜', 'Wok（简）']);
  });

  it('answers 404 for an unknown restaurant and 400 for a malformed id', async () => {
    expect((await client(node.url).get(`/api/v1/restaurants/${crypto.randomUUID()}`)).status).toBe(404);
    const bad = await client(node.url).get('/api/v1/restaurants/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('restaurantId');
  });
});
