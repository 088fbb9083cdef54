import crypto from 'node:crypto';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeDevice, makeRestaurant, makeUser, type TestRestaurant } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';

describe('table QR codes', () => {
  const sequelize = testSequelize();
  let node: DinewireNode;
  let behindDomain: DinewireNode;
  let r: TestRestaurant;
  let slug: string;
  const tableIds: Record<string, string> = {};
  let manager: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    [node, behindDomain] = await Promise.all([
      startTestNode({ sequelize }),
      startTestNode({ sequelize, config: { publicOrigin: 'https://dine.hotel.example' } }),
    ]);
    r = await makeRestaurant(sequelize);
    const { DiningTable, Restaurant } = models(sequelize);
    tableIds.T1 = r.tableId;
    for (const [label, seats] of [
      ['T10', 8],
      ['T2', 2],
    ] as const) {
      tableIds[label] = (await DiningTable.create({ restaurantId: r.id, label, seats })).id;
    }
    slug = (await Restaurant.findByPk(r.id))!.slug;
    manager = await makeUser(sequelize, 'manager', [r.id]);
  });
  afterAll(async () => {
    await Promise.all([node.close(), behindDomain.close()]);
    await sequelize.close();
  });

  const sheetPath = () => `/api/v1/restaurants/${r.id}/tables/qr-codes`;

  it('gives a manager every table, in the room’s order, with its ordering address on the node’s origin and its code', async () => {
    const res = await client(node.url, manager.token).get(`${sheetPath()}?lang=zh-Hant`);
    expect(res.status).toBe(200);
    expect(res.body.restaurant).toEqual({ id: r.id, slug, name: `Restaurant ${slug}（繁）` });
    expect(res.body.tables.map((t: { name: string; seats: number }) => [t.name, t.seats])).toEqual([
      ['T1', 4],
      ['T2', 2],
      ['T10', 8],
    ]);
    for (const t of res.body.tables) {
      expect(Object.keys(t).sort()).toEqual(['id', 'name', 'seats', 'svg', 'url']);
      expect(t.id).toBe(tableIds[t.name]);
      expect(t.url).toBe(`${node.url}/kiosk/r/${slug}?table=${t.id}`);
      expect(t.svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"[^>]*>.*<\/svg>\s*$/s);
    }
    // Each address is its own code.
    expect(new Set(res.body.tables.map((t: { svg: string }) => t.svg)).size).toBe(3);
  });

  it('puts PUBLIC_ORIGIN in the addresses when it is set, whatever Host the request came with', async () => {
    const res = await client(behindDomain.url, manager.token).get(sheetPath(), { 'x-forwarded-host': 'evil.example' });
    expect(res.status).toBe(200);
    expect(res.body.tables.map((t: { url: string }) => t.url)).toEqual(
      ['T1', 'T2', 'T10'].map((label) => `https://dine.hotel.example/kiosk/r/${slug}?table=${tableIds[label]}`),
    );
  });

  it('without PUBLIC_ORIGIN, believes the forwarded scheme and host of a trusted balancer (loopback by default)', async () => {
    const res = await client(node.url, manager.token).get(sheetPath(), {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'guests.hotel.example',
    });
    expect(res.body.tables[0].url).toBe(`https://guests.hotel.example/kiosk/r/${slug}?table=${tableIds.T1}`);
  });

  it('refuses other restaurants’ managers, kitchen and host staff, guests and screens (403), and whoever is not signed in (401)', async () => {
    const elsewhere = await makeRestaurant(sequelize);
    const callers = {
      managerElsewhere: (await makeUser(sequelize, 'manager', [elsewhere.id])).token,
      kitchen: (await makeUser(sequelize, 'kitchen', [r.id])).token,
      host: (await makeUser(sequelize, 'host', [r.id])).token,
      guest: (await makeUser(sequelize, 'guest')).token,
      kiosk: (await makeDevice(sequelize, r.id, 'kiosk')).token,
      kitchenScreen: (await makeDevice(sequelize, r.id, 'kitchen')).token,
      board: (await makeDevice(sequelize, r.id, 'board')).token,
    };
    const answers: Record<string, [number, string]> = {};
    for (const [who, token] of Object.entries(callers)) {
      const res = await client(node.url, token).get(sheetPath());
      answers[who] = [res.status, res.body.error?.code];
    }
    const anonymous = await client(node.url).get(sheetPath());
    answers.anonymous = [anonymous.status, anonymous.body.error?.code];
    expect(answers).toEqual({
      managerElsewhere: [403, 'forbidden'],
      kitchen: [403, 'forbidden'],
      host: [403, 'forbidden'],
      guest: [403, 'forbidden'],
      kiosk: [403, 'forbidden'],
      kitchenScreen: [403, 'forbidden'],
      board: [403, 'forbidden'],
      anonymous: [401, 'unauthenticated'],
    });
  });

  it('names the field of a malformed restaurant id or language', async () => {
    const api = client(node.url, manager.token);
    const bad = await api.get('/api/v1/restaurants/not-an-id/tables/qr-codes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('restaurantId');
    const lang = await api.get(`${sheetPath()}?lang=fr`);
    expect(lang.status).toBe(400);
    expect(lang.body.error.details[0].field).toBe('lang');
    expect((await api.get(`/api/v1/restaurants/${crypto.randomUUID()}/tables/qr-codes`)).status).toBe(403);
  });
});
