import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../node';
import { makeUser } from '../test/factories';
import { startTestNode, testSequelize } from '../test/harness';
import { SESSION_COOKIE } from './auth';

/**
 * A session cookie whose session is over (signed out elsewhere, expired): the call it came with
 * is refused, and the refusal clears the cookie, so the browser's next call is anonymous rather
 * than refused for as long as it keeps the cookie (a guest's phone browsing menus).
 */

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

const logout = (token: string) =>
  fetch(`${node.url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('a session cookie whose session is over', () => {
  it('is refused once, with the cookie cleared', async () => {
    const guest = await makeUser(db, 'guest');
    expect((await logout(guest.token)).status).toBe(204);
    const res = await fetch(`${node.url}/api/v1/restaurants`, { headers: { cookie: `${SESSION_COOKIE}=${guest.token}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`, 'i'));
  });

  it('is cleared too when the same token came as the bearer', async () => {
    const guest = await makeUser(db, 'guest');
    expect((await logout(guest.token)).status).toBe(204);
    const res = await fetch(`${node.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${guest.token}`, cookie: `${SESSION_COOKIE}=${guest.token}` },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });

  it('leaves a live cookie, and another session’s, alone', async () => {
    const [stale, live] = await Promise.all([makeUser(db, 'guest'), makeUser(db, 'guest')]);
    expect((await logout(stale.token)).status).toBe(204);
    const ok = await fetch(`${node.url}/api/v1/me`, { headers: { cookie: `${SESSION_COOKIE}=${live.token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toBeNull();
    // A stale bearer beside a live cookie: refused, the cookie (not its token) kept.
    const mixed = await fetch(`${node.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${stale.token}`, cookie: `${SESSION_COOKIE}=${live.token}` },
    });
    expect(mixed.status).toBe(401);
    expect(mixed.headers.get('set-cookie')).toBeNull();
  });
});
