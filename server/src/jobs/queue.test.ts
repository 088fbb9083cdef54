import crypto from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { one } from '../db/sql';
import { testDatabaseUrl } from '../test/env';
import { eventually, silentLogger, testSequelize } from '../test/harness';
import { JobQueue } from './queue';

/** The queue against the migrated test database (pg-boss's schema comes from our migration). */
let db: Sequelize;
let queue: JobQueue;
const namespace = `q${crypto.randomBytes(4).toString('hex')}`;
const done: string[] = [];

beforeAll(async () => {
  db = testSequelize();
  queue = new JobQueue({ databaseUrl: testDatabaseUrl(), sequelize: db, logger: silentLogger, namespace });
  await queue.work<{ tag: string }>('echo', { expireInSeconds: 30, retryDelaySeconds: 1, retryLimit: 5, concurrency: 1 }, async (job) => {
    done.push(job.tag);
  });
  await queue.schedule('prune', '*/5 * * * *', async () => {});
  await queue.start();
});
afterAll(async () => {
  await queue?.stop(1000);
  await db?.close();
});

const jobsTagged = async (tag: string) =>
  (await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $name AND data->>'tag' = $tag`, {
    name: `${namespace}.echo`,
    tag,
  }))!.n;

describe('the job queue', () => {
  it('keeps a job queued in a transaction only if the transaction commits, and runs it at once after commit', async () => {
    await db.transaction(async (t) => {
      await queue.enqueue(t, 'echo', { tag: 'committed' }, { singletonKey: 'k1' });
    });
    await expect(
      db.transaction(async (t) => {
        await queue.enqueue(t, 'echo', { tag: 'rolled-back' });
        throw new Error('the order failed');
      }),
    ).rejects.toThrow('the order failed');
    // Woken after commit: well before the 2 s poll.
    const started = Date.now();
    await eventually(() => expect(done).toContain('committed'), 5000);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await jobsTagged('committed')).toBe(1);
    expect(await jobsTagged('rolled-back')).toBe(0);
    expect(done).not.toContain('rolled-back');
  });

  it('refuses a queue nobody works here, rather than losing the job', async () => {
    await expect(db.transaction((t) => queue.enqueue(t, 'nobody', { tag: 'x' }))).rejects.toThrow(/no queue named nobody/);
  });

  it('answers 503 for a job sent outside a transaction before it started, not a crash', async () => {
    const idle = new JobQueue({ databaseUrl: testDatabaseUrl(), sequelize: db, logger: silentLogger, namespace });
    await idle.work('echo', { expireInSeconds: 30, retryDelaySeconds: 1, retryLimit: 5, concurrency: 1 }, async () => {});
    await expect(idle.send('echo', { tag: 'early' })).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    expect(await jobsTagged('early')).toBe(0);
  });

  it('creates its queues beside other nodes starting at the same moment', async () => {
    // Fresh queue names, as on a new database: their creation is DDL that can deadlock across nodes.
    const fresh = `q${crypto.randomBytes(4).toString('hex')}`;
    const nodes = Array.from(
      { length: 4 },
      () => new JobQueue({ databaseUrl: testDatabaseUrl(), sequelize: db, logger: silentLogger, namespace: fresh }),
    );
    for (const n of nodes) {
      for (const name of ['a', 'b', 'c', 'd'])
        await n.work(name, { expireInSeconds: 30, retryDelaySeconds: 1, retryLimit: 1, concurrency: 1 }, async () => {});
    }
    try {
      await Promise.all(nodes.map((n) => n.start()));
      // Every node started (none is left retrying): each sends at once.
      await Promise.all(nodes.map((n, i) => n.send('a', { tag: `node-${i}` })));
    } finally {
      await Promise.all(nodes.map((n) => n.stop(1000)));
    }
  });

  it('registers a recurring job with its cron', async () => {
    const s = await one<{ cron: string; timezone: string }>(db, 'SELECT cron, timezone FROM pgboss.schedule WHERE name = $name', {
      name: `${namespace}.prune`,
    });
    expect(s).toEqual({ cron: '*/5 * * * *', timezone: 'UTC' });
  });
});
