import pg from 'pg';
import { startCluster, type Cluster } from './lib/cluster';
import { createBenchHotel, resetDatabase } from './lib/fixtures';
import { failover } from './scenarios/failover';

/**
 * The failover benchmark, small, as a test: two nodes behind nginx (`npm run cluster`), a few
 * hundred orders with client-made ids while one node is SIGKILLed. Nothing acknowledged is lost
 * or duplicated, every screen comes back, and every screen ends up with exactly the committed events.
 */

let cluster: Cluster | null = null;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await resetDatabase(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    `${process.env.TEST_DB_NAME ?? 'dinewire_test'}_failover`,
  );
  cluster = await startCluster({
    nodes: 2,
    port: 3600 + (process.pid % 50) * 3,
    env: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      SYNC_INTERVAL_MS: '1000',
    },
  });
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

it('loses and duplicates no order and no event when a node is killed under load', async () => {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const hotel = await createBenchHotel(db, 2);
  await db.end();
  const result = await failover(cluster!, hotel, databaseUrl, {
    clients: 60,
    ordersPerSec: 30,
    seconds: 10,
    killAfterSec: 3,
    syncMs: 1000,
  });
  expect(result.ordersAcked).toBeGreaterThanOrEqual(250);
  expect(result.ordersLost).toBe(0);
  expect(result.ordersDuplicated).toBe(0);
  // Some screens were on the killed node, and all of them came back.
  expect(result.clientsOnKilledNode).toBeGreaterThan(0);
  expect(result.neverReconnected).toBe(0);
  expect(result.eventsMissingAfterResync).toBe(0);
  expect(result.eventsUnexpected).toBe(0);
}, 180_000);
