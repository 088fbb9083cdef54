import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DEMO_ACCOUNTS, DEMO_RESTAURANTS } from '../demo/demoData';
import { adminDatabaseUrl } from '../test/env';

/** `npm run migrate` and `npm run seed:demo` run these compiled files (npm test builds them before jest). */
const DIST = path.resolve(__dirname, '../../dist/cli');
const run = promisify(execFile);

function databaseUrl(name: string): string {
  const u = new URL(adminDatabaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('command line', () => {
  const dbName = `dinewire_cli_${process.pid}`;
  const url = databaseUrl(dbName);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url, LOG_LEVEL: 'warn' };
  const cli = (file: string, args: string[] = [], extra: Record<string, string> = {}) =>
    run(process.execPath, [path.join(DIST, file), ...args], { env: { ...env, ...extra } });

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'seed.js')))
      throw new Error(`${DIST}/seed.js is missing: run \`npx tsc -b server\` (npm test does) first`);
    await query(adminDatabaseUrl(), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await query(adminDatabaseUrl(), `CREATE DATABASE ${dbName}`);
  });
  afterAll(() => query(adminDatabaseUrl(), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));

  it('migrate applies every migration once, and --status lists them applied', async () => {
    const first = await cli('migrate.js');
    expect(first.stdout).toMatch(/applied +20261125000100-restaurants/);
    expect((await cli('migrate.js')).stdout).toContain('the database is up to date');
    const status = (await cli('migrate.js', ['--status'])).stdout.trim().split('\n');
    expect(status.length).toBeGreaterThanOrEqual(9);
    expect(status.every((l) => l.startsWith('applied'))).toBe(true);
  });

  it('seed:demo writes the demo hotel into an empty database once, and refuses production', async () => {
    const seeded = await cli('seed.js');
    expect(seeded.stdout).toContain(`seeded ${DEMO_RESTAURANTS.length} restaurants`);
    const [counts] = await query<{ restaurants: number; counters: number; dishes: number; users: number; staff: number }>(
      url,
      `SELECT (SELECT count(*)::int FROM restaurants) AS restaurants, (SELECT count(*)::int FROM restaurant_counters) AS counters,
              (SELECT count(*)::int FROM dishes) AS dishes, (SELECT count(*)::int FROM users) AS users,
              (SELECT count(*)::int FROM staff_restaurants) AS staff`,
    );
    expect(counts.restaurants).toBe(DEMO_RESTAURANTS.length);
    // The restaurants trigger gave each its event counter.
    expect(counts.counters).toBe(DEMO_RESTAURANTS.length);
    expect(counts.dishes).toBe(DEMO_RESTAURANTS.reduce((n, r) => n + r.dishes.length, 0));
    expect(counts.users).toBe(DEMO_ACCOUNTS.length);
    // manager: every restaurant; chef and host: the first.
    expect(counts.staff).toBe(DEMO_RESTAURANTS.length + 2);

    expect((await cli('seed.js')).stdout).toContain('nothing seeded');
    await expect(
      cli('seed.js', [], {
        NODE_ENV: 'production',
        SESSION_SECRET: 'x'.repeat(40),
        PII_KEY: '22'.repeat(32),
        PAYMENTS: 'sandbox',
        NOTIFIER: 'sandbox',
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('refused in production') });
  });
});
