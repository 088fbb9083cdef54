import { createSequelize } from '../../db/connection';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, orderBody } from '../../test/factories';
import { testDatabaseUrl } from '../../test/env';
import { client, idempotencyKey, startTestNode } from '../../test/harness';

/** Placement is the measured hot path: its database round trips are counted, so none creeps in. */

const statements: string[] = [];
const db = createSequelize(testDatabaseUrl(), { poolMax: 5, log: (sql) => statements.push(sql) });
let node: DinewireNode;

beforeAll(async () => {
  node = await startTestNode({ sequelize: db });
});
afterAll(async () => {
  await node?.close();
  await db.close();
});

it('places an order in five round trips: BEGIN, key and menu, stock, order, COMMIT', async () => {
  const r = await makeRestaurant(db);
  const dish = await makeDish(db, r, { stock: 100 });
  statements.length = 0;
  const res = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id, quantity: 2 }]), {
    'idempotency-key': idempotencyKey(),
  });
  expect(res.status).toBe(201);
  const trips = statements.map((s) => s.replace(/^Executing \([^)]*\): /, '').trim());
  expect(trips).toHaveLength(5);
  expect(trips[0]).toMatch(/^START TRANSACTION/);
  expect(trips[1]).toMatch(/INSERT INTO idempotency_keys/);
  expect(trips[2]).toMatch(/FOR UPDATE/);
  expect(trips[3]).toMatch(/INSERT INTO orders/);
  expect(trips[4]).toMatch(/^COMMIT/);
});
