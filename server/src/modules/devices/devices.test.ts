import type { DinewireNode } from '../../node';
import { models } from '../../models';
import { makeRestaurant, makeUser, type TestRestaurant } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';

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
});
