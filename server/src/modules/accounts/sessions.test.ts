import { io as ioClient } from 'socket.io-client';
import type { DinewireNode } from '../../node';
import { models } from '../../models';
import { makeDevice, makeRestaurant, makeUser } from '../../test/factories';
import { client, eventually, startTestNode, testSequelize } from '../../test/harness';
import { sha256 } from './sessions';

/** Sessions end when idle too long, and a user holds at most SESSION_MAX_PER_USER of them. */
describe('sessions', () => {
  const sequelize = testSequelize();
  const IDLE = 30;
  const CAP = 3;
  let nodeA: DinewireNode;
  let nodeB: DinewireNode;
  beforeAll(async () => {
    const config = { sessionIdleMinutes: IDLE, sessionMaxPerUser: CAP };
    [nodeA, nodeB] = await Promise.all([
      startTestNode({ sequelize, redis: true, config }),
      startTestNode({ sequelize, redis: true, config }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([nodeA?.close(), nodeB?.close()]);
    await sequelize.close();
  });

  const lastUsed = async (token: string) => (await models(sequelize).Session.findOne({ where: { tokenHash: sha256(token) } }))!.lastUsedAt;
  const setLastUsed = (token: string, minutesAgo: number) =>
    models(sequelize).Session.update({ lastUsedAt: new Date(Date.now() - minutesAgo * 60_000) }, { where: { tokenHash: sha256(token) } });

  it('ends a user’s session idle past SESSION_IDLE_MINUTES, and not a paired screen’s', async () => {
    const r = await makeRestaurant(sequelize);
    const idle = await makeUser(sequelize, 'guest');
    const active = await makeUser(sequelize, 'guest');
    const kiosk = await makeDevice(sequelize, r.id, 'kiosk');
    await setLastUsed(idle.token, IDLE + 1);
    await setLastUsed(active.token, IDLE - 1);
    await setLastUsed(kiosk.token, 60 * 24 * 30);
    expect((await client(nodeA.url, idle.token).get('/api/v1/me')).status).toBe(401);
    expect((await client(nodeA.url, active.token).get('/api/v1/me')).status).toBe(200);
    expect((await client(nodeA.url, kiosk.token).get(`/api/v1/restaurants/${r.id}/menu`)).status).toBe(200);
  });

  it('marks a session used at most once a minute, not on every request', async () => {
    const guest = await makeUser(sequelize, 'guest');
    await setLastUsed(guest.token, 0.5);
    const before = await lastUsed(guest.token);
    expect((await client(nodeA.url, guest.token).get('/api/v1/me')).status).toBe(200);
    // Under a minute old: the lookup wrote nothing.
    expect(await lastUsed(guest.token)).toEqual(before);

    const other = await makeUser(sequelize, 'guest');
    await setLastUsed(other.token, 5);
    expect((await client(nodeB.url, other.token).get('/api/v1/me')).status).toBe(200);
    expect(Date.now() - (await lastUsed(other.token)).getTime()).toBeLessThan(30_000);
  });

  it('ends the oldest session when a user signs in beyond the cap, disconnecting its sockets on every node', async () => {
    const user = await makeUser(sequelize, 'guest');
    const login = () => client(nodeA.url).post('/api/v1/auth/login', { email: user.email, password: user.password });
    const tokens = [user.token];
    for (let i = 1; i < CAP; i++) tokens.push((await login()).body.token);
    // The oldest session's socket is on node B.
    const socket = ioClient(nodeB.url, { transports: ['websocket'], auth: { token: tokens[0] }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const gone = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    expect((await client(nodeB.url, tokens[0]).get('/api/v1/me')).status).toBe(200);

    const newest = await login();
    expect(newest.status).toBe(200);
    await gone;
    await eventually(async () => expect((await client(nodeB.url, tokens[0]).get('/api/v1/me')).status).toBe(401), 2000);
    for (const t of [...tokens.slice(1), newest.body.token]) expect((await client(nodeA.url, t).get('/api/v1/me')).status).toBe(200);
    const live = await models(sequelize).Session.count({ where: { userId: user.id, revokedAt: null } });
    expect(live).toBe(CAP);
    socket.close();
  });

  it('keeps the cap under concurrent sign-ins', async () => {
    const user = await makeUser(sequelize, 'guest');
    const logins = await Promise.all(
      Array.from({ length: 8 }, () => client(nodeA.url).post('/api/v1/auth/login', { email: user.email, password: user.password })),
    );
    expect(logins.map((l) => l.status)).toEqual(Array(8).fill(200));
    expect(await models(sequelize).Session.count({ where: { userId: user.id, revokedAt: null } })).toBe(CAP);
  });
});
