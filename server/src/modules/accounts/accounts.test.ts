import type { DinewireNode } from '../../node';
import { models } from '../../models';
import { SandboxMailbox } from '../notifications/sandboxMailbox';
import { makeRestaurant, makeUser } from '../../test/factories';
import { client, startTestNode, testConfig, testSequelize } from '../../test/harness';
import { signUp } from '../../test/signUp';

describe('accounts', () => {
  const sequelize = testSequelize();
  const mail = new SandboxMailbox(sequelize, testConfig().piiKey);
  let node: DinewireNode;
  beforeAll(async () => {
    node = await startTestNode({ sequelize });
  });
  afterAll(async () => {
    await node.close();
    await sequelize.close();
  });

  it('logs staff in by e-mail in any case, with their restaurants in listing order', async () => {
    const [a, b] = [await makeRestaurant(sequelize), await makeRestaurant(sequelize)];
    await models(sequelize).Restaurant.update({ sort: 999 }, { where: { id: b.id } });
    const manager = await makeUser(sequelize, 'manager', [a.id, b.id]);
    const login = await client(node.url).post('/api/v1/auth/login', { email: manager.email.toUpperCase(), password: manager.password });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({
      id: manager.id,
      name: 'Test manager',
      email: manager.email,
      role: 'manager',
      restaurantIds: [b.id, a.id],
    });
    expect((await client(node.url, login.body.token).get('/api/v1/me')).body.user.restaurantIds).toEqual([b.id, a.id]);
  });

  it('stores a registered guest’s phone encrypted, and ends the session on logout', async () => {
    const email = `guest-${crypto.randomUUID()}@test.example`;
    // Contract change: register answers 202 and the emailed code's verify answers 201 {user, token}.
    const reg = await signUp(node.url, mail, {
      name: 'Chan Tai Man',
      email,
      phone: '+852 6123 4567',
      password: 'a long password',
    });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toEqual({ id: expect.any(String), name: 'Chan Tai Man', email, role: 'guest', restaurantIds: [] });
    const stored = await models(sequelize).User.findByPk(reg.body.user.id);
    expect(stored!.phoneEnc).toBeTruthy();
    expect(stored!.phoneEnc).not.toContain('6123');

    const session = client(node.url, reg.body.token);
    expect((await session.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await session.get('/api/v1/me')).status).toBe(401);
    const sessions = await models(sequelize).Session.findAll({ where: { userId: reg.body.user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].revokedAt).toBeInstanceOf(Date);
    expect(sessions[0].expiresAt.getTime() - Date.now()).toBeGreaterThan(13 * 24 * 3600 * 1000);
  });
});
