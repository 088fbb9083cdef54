import { Client } from 'pg';
import { adminDatabaseUrl, TEST_DB_NAME } from './env';

/**
 * A database of a suite's own, for what must not touch the shared test database: pruning (which
 * deletes other suites' ended sessions) and migrations run down and up on rows.
 */
export async function scratchDatabase(suffix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${TEST_DB_NAME}_${suffix}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminDatabaseUrl() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(adminDatabaseUrl());
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
