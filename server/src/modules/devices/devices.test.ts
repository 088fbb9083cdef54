import type { DinewireNode } from '../../node';
import { models } from '../../models';
import { makeRestaurant, makeUser, type TestRestaurant } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';
import { makeDevice } from '../../test/factories';
import { PAIRING_MISSES } from './pairingProtection';

describe('devices', () => {
  const sequelize = testSequelize();
  let node: DinewireNode;
  let r: TestRestaurant;
  let manager: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    node = await startTestNode({ sequelize });
    r = await makeRestaurant(sequelize);
    manager = await makeUser(sequelize, 'manager', [r.id]);
  });
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  it('lists a restaurant’s devices in creation order, unpaired ones included', async () => {
    const api = client(node.url, manager.token);
    const first = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'board', name: 'Pickup board' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      device: { restaurantId: r.id, kind: 'board', name: 'Pickup board', pairedAt: null, revokedAt: null },
    });
    expect(first.body.pairingCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(Date.parse(first.body.pairingExpiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    const second = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'kitchen', stationId: r.stationId });
    expect(second.body.device).toMatchObject({ stationId: r.stationId, name: expect.stringMatching(/^kitchen [A-Z2-9]{4}$/) });
    const listed = await api.get(`/api/v1/restaurants/${r.id}/devices`);
    expect(listed.body.devices.map((d: { id: string }) => d.id)).toEqual([first.body.device.id, second.body.device.id]);
    expect(listed.body.devices[0]).not.toHaveProperty('pairingCodeHash');
  });

  it('refuses a station of another restaurant, and a station for a screen that is not a kitchen’s', async () => {
    const api = client(node.url, manager.token);
    const elsewhere = await makeRestaurant(sequelize);
    const foreign = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'kitchen', stationId: elsewhere.stationId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].field).toBe('stationId');
    expect((await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk', stationId: r.stationId })).status).toBe(400);
  });

  it('refuses an expired pairing code, and keeps the first revocation’s time and ends every session of the device', async () => {
    const api = client(node.url, manager.token);
    const created = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk' });
    await models(sequelize).Device.update({ pairingExpiresAt: new Date(Date.now() - 1000) }, { where: { id: created.body.device.id } });
    expect((await client(node.url).post('/api/v1/devices/pair', { pairingCode: created.body.pairingCode })).status).toBe(400);

    const fresh = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk' });
    const paired = await client(node.url).post('/api/v1/devices/pair', { pairingCode: fresh.body.pairingCode });
    expect(paired.status).toBe(200);
    expect(paired.body.device.pairedAt).not.toBeNull();
    const id = paired.body.device.id;
    const once = await api.post(`/api/v1/devices/${id}/revoke`);
    const twice = await api.delete(`/api/v1/devices/${id}`);
    expect(once.body.device.revokedAt).not.toBeNull();
    expect(twice.body.device.revokedAt).toBe(once.body.device.revokedAt);
    expect(await models(sequelize).Session.count({ where: { deviceId: id, revokedAt: null } })).toBe(0);
    expect((await client(node.url, paired.body.token).get(`/api/v1/restaurants/${r.id}/menu`)).status).toBe(401);
  });

  it('lets a manager rename a device, and refuses others, junk names and unknown devices', async () => {
    const api = client(node.url, manager.token);
    const created = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'board', name: 'Board' });
    const id = created.body.device.id;
    const renamed = await api.patch(`/api/v1/devices/${id}`, { name: '  Pass board, east  ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.device).toMatchObject({ id, name: 'Pass board, east', kind: 'board' });
    expect((await api.get(`/api/v1/restaurants/${r.id}/devices`)).body.devices.find((d: { id: string }) => d.id === id).name).toBe(
      'Pass board, east',
    );
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(81) }, { name: 7 }, { name: 'a\u0000b' }]) {
      const res = await api.patch(`/api/v1/devices/${id}`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.details[0].field).toBe('name');
    }
    const elsewhere = await makeRestaurant(sequelize);
    const others: [string, string | undefined, number][] = [
      ['chef', (await makeUser(sequelize, 'kitchen', [r.id])).token, 403],
      ['host', (await makeUser(sequelize, 'host', [r.id])).token, 403],
      ['manager elsewhere', (await makeUser(sequelize, 'manager', [elsewhere.id])).token, 403],
      ['the board itself', (await makeDevice(sequelize, r.id, 'board')).token, 403],
      ['anonymous', undefined, 401],
    ];
    for (const [who, token, status] of others) {
      const res = await client(node.url, token).patch(`/api/v1/devices/${id}`, { name: 'Mine now' });
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    expect((await api.patch('/api/v1/devices/00000000-0000-4000-8000-000000000000', { name: 'Ghost' })).status).toBe(404);
    expect((await api.patch('/api/v1/devices/nope', { name: 'Ghost' })).status).toBe(400);
    expect((await api.get(`/api/v1/restaurants/${r.id}/devices`)).body.devices.find((d: { id: string }) => d.id === id).name).toBe(
      'Pass board, east',
    );
  });

  it('pairs a code once: a second screen with the same code, a revoked device’s code and a wrong code are refused alike', async () => {
    const api = client(node.url, manager.token);
    const created = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'kitchen', stationId: r.stationId });
    const code: string = created.body.pairingCode;
    // Two screens racing with one code: one wins.
    const [a, b] = await Promise.all([
      client(node.url).post('/api/v1/devices/pair', { pairingCode: code }),
      client(node.url).post('/api/v1/devices/pair', { pairingCode: code.toLowerCase() }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const again = await client(node.url).post('/api/v1/devices/pair', { pairingCode: code });
    expect(again.status).toBe(400);
    expect(again.body.error.details[0].field).toBe('pairingCode');

    const doomed = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'board' });
    await api.post(`/api/v1/devices/${doomed.body.device.id}/revoke`);
    const revoked = await client(node.url).post('/api/v1/devices/pair', { pairingCode: doomed.body.pairingCode });
    expect(revoked.status).toBe(400);
    expect(revoked.body.error.message).toBe(again.body.error.message);
  });

  it('refuses a code of another kind of screen without using it, and says where it pairs', async () => {
    const api = client(node.url, manager.token);
    const kiosk = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk' });
    const wrongApp = await client(node.url).post('/api/v1/devices/pair', {
      pairingCode: kiosk.body.pairingCode,
      kinds: ['kitchen', 'board'],
    });
    expect(wrongApp.status).toBe(400);
    expect(wrongApp.body.error.details).toEqual([{ field: 'pairingCode', message: 'pairs a kiosk screen: enter it at /kiosk/pair' }]);
    const right = await client(node.url).post('/api/v1/devices/pair', { pairingCode: kiosk.body.pairingCode, kinds: ['kiosk'] });
    expect(right.status).toBe(200);
    expect(right.body.device.kind).toBe('kiosk');
    const junk = await client(node.url).post('/api/v1/devices/pair', { pairingCode: 'ABCDEFGH', kinds: ['toaster'] });
    expect(junk.status).toBe(400);
    expect(junk.body.error.details[0].field).toMatch(/^kinds/);
  });

  it('never shows a device’s token or code hash in what managers read, and the code only once, at creation', async () => {
    const api = client(node.url, manager.token);
    const created = await api.post('/api/v1/devices', { restaurantId: r.id, kind: 'board', name: 'Leaky?' });
    const paired = await client(node.url).post('/api/v1/devices/pair', { pairingCode: created.body.pairingCode });
    const { token } = paired.body;
    expect(token).toEqual(expect.any(String));
    expect(Object.keys(paired.body).sort()).toEqual(['device', 'token']);
    const id = created.body.device.id;
    const answers = [
      await api.get(`/api/v1/restaurants/${r.id}/devices`),
      await api.patch(`/api/v1/devices/${id}`, { name: 'Still no leak' }),
      await api.post(`/api/v1/devices/${id}/revoke`),
      paired,
    ];
    const hashes = await sequelize.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE device_id = $1', {
      bind: [id],
      type: 'SELECT' as never,
    });
    for (const res of answers) {
      const text = JSON.stringify(res === paired ? res.body.device : res.body);
      expect(text).not.toContain(token);
      expect(text).not.toContain(created.body.pairingCode);
      for (const h of hashes) expect(text).not.toContain(h.token_hash);
      expect(text).not.toMatch(/pairingCode|tokenHash|token_hash|pairing_code/);
    }
  });
});

describe('pairing attempts', () => {
  const sequelize = testSequelize();
  let node: DinewireNode;

  beforeAll(async () => {
    // With request limits on, as in production: the pairing limit comes with them.
    node = await startTestNode({ sequelize, config: { rateLimitPerMinute: 100_000 } });
  });
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  it(`refuses an address after ${PAIRING_MISSES} wrong codes, even with a right one`, async () => {
    const r = await makeRestaurant(sequelize);
    const manager = await makeUser(sequelize, 'manager', [r.id]);
    const created = await client(node.url, manager.token).post('/api/v1/devices', { restaurantId: r.id, kind: 'board' });
    // Each test node has its own limiter (no Redis): this address starts clean here.
    for (let i = 0; i < PAIRING_MISSES; i++) {
      const res = await client(node.url).post('/api/v1/devices/pair', { pairingCode: `WRONG${String(i).padStart(3, '2')}` });
      expect(res.status).toBe(400);
    }
    const blocked = await client(node.url).post('/api/v1/devices/pair', { pairingCode: created.body.pairingCode });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
    // The code itself is still good for a screen elsewhere: the device stays unpaired.
    const listed = await client(node.url, manager.token).get(`/api/v1/restaurants/${r.id}/devices`);
    expect(listed.body.devices[0].pairedAt).toBeNull();
  });
});
