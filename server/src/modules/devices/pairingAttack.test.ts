import type { DinewireNode } from '../../node';
import { makeRestaurant, makeUser } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';
import { PAIRING_MISSES } from './pairingProtection';

/** Guessing pairing codes in parallel: the limit holds for a burst as for one guess after another. */

const sequelize = testSequelize();
let node: DinewireNode;

beforeAll(async () => {
  node = await startTestNode({ sequelize, config: { rateLimitPerMinute: 100_000 } });
});
afterAll(async () => {
  await node.close();
  await sequelize.close();
});

// First: the burst below leaves this address blocked.
it(`pairs more than ${PAIRING_MISSES} screens in a row from one address (a right code is no miss)`, async () => {
  const r = await makeRestaurant(sequelize);
  const manager = await makeUser(sequelize, 'manager', [r.id]);
  for (let i = 0; i < PAIRING_MISSES + 2; i++) {
    const created = await client(node.url, manager.token).post('/api/v1/devices', { restaurantId: r.id, kind: 'board' });
    expect((await client(node.url).post('/api/v1/devices/pair', { pairingCode: created.body.pairingCode })).status).toBe(200);
  }
});

it(`looks at no more than ${PAIRING_MISSES} codes of a burst of guesses from one address`, async () => {
  const guesses = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      client(node.url).post('/api/v1/devices/pair', { pairingCode: `BURST${String(i).padStart(3, '2')}` }),
    ),
  );
  const statuses = guesses.map((g) => g.status);
  expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(PAIRING_MISSES);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60 - PAIRING_MISSES);
});
