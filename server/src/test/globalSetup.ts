import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createSequelize } from '../db/connection';
import { migrate } from '../db/migrator';
import { adminDatabaseUrl, TEST_DB_NAME, testDatabaseUrl, testRedisUrl } from './env';

/** A fresh test database, migrated up (and down and up again, so down migrations stay true). */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: adminDatabaseUrl(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Tests need PostgreSQL at ${adminDatabaseUrl()} (set DATABASE_URL, or start the local service): ${(err as Error).message}`,
      { cause: err },
    );
  }
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DB_NAME}`);
  await admin.end();

  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`Tests need Redis at ${testRedisUrl()} (set REDIS_URL, or start the local service): ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    redis.disconnect();
  }

  const sequelize = createSequelize(testDatabaseUrl(), { poolMax: 4 });
  await migrate(sequelize);
  await sequelize.close();
}
