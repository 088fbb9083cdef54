import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../../node';
import { makeUser } from '../../test/factories';
import { testRedisUrl } from '../../test/env';
import { client, startTestNode, testSequelize } from '../../test/harness';

// Loopback is a trusted balancer by default, so X-Forwarded-For stands for the caller's address;
// fresh addresses each run, as blocks outlive a run in Redis.
const address = () => ({
  'x-forwarded-for': `2001:db8::${crypto.randomBytes(2).toString('hex')}:${crypto.randomBytes(2).toString('hex')}`,
});
const ATTACKER = address();
const OWNER = address();

let db: Sequelize;
let node: DinewireNode;

beforeAll(async () => {
  db = testSequelize();
  // 120 a minute: 5 consecutive failures per (account, address), 50 per address.
  node = await startTestNode({ redis: true, config: { rateLimitPerMinute: 120 } });
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

describe('login protection', () => {
  it("blocks an attacker's address for an account, while the owner's right password from elsewhere still works", async () => {
    const manager = await makeUser(db, 'manager');
    const api = client(node.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await api.post('/api/v1/auth/login', { email: manager.email, password: `guess-${i}-guess` }, ATTACKER)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // Even the right password is refused from the blocked address…
    const blocked = await api.post('/api/v1/auth/login', { email: manager.email, password: manager.password }, ATTACKER);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // …but not from the manager's own address.
    const owner = await api.post('/api/v1/auth/login', { email: manager.email, password: manager.password }, OWNER);
    expect(owner.status).toBe(200);
    // The counts are kept under the address's keyed hash: Redis holds no email.
    const redis = new Redis(testRedisUrl());
    try {
      const keys = await redis.keys(`*login:fail:account-address:*${ATTACKER['x-forwarded-for']}`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain(manager.email);
      expect(keys[0]).not.toContain('@');
    } finally {
      redis.disconnect();
    }
  });

  it('catches a slow brute force across many accounts from one address', async () => {
    const api = client(node.url);
    const from = address();
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++) {
      statuses.push(
        (await api.post('/api/v1/auth/login', { email: `nobody-${i}-${Date.now()}@test.example`, password: 'a wrong password' }, from))
          .status,
      );
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50)).toEqual([429, 429]);
    // Another address is not affected.
    const manager = await makeUser(db, 'manager');
    expect((await api.post('/api/v1/auth/login', { email: manager.email, password: manager.password }, OWNER)).status).toBe(200);
  });
});
