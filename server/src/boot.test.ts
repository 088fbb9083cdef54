import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { io as ioClient } from 'socket.io-client';
import { ConfigError, loadConfig } from './config';
import { createSequelize } from './db/connection';
import { createMigrator } from './db/migrator';
import { adminDatabaseUrl } from './test/env';
import { client, eventually, startTestNode } from './test/harness';

/**
 * Start-up and shutdown as a hotel runs them: the compiled server (`npm start` runs
 * server/dist/main.js after building; `npm test` builds before jest) against an empty database.
 */

const MAIN = path.resolve(__dirname, '../dist/main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminDatabaseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function databaseUrl(name: string): string {
  const u = new URL(adminDatabaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

interface Server {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<Server> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -b server\` (npm test does) first`);
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  // Ready when it says so; not when it exits first or the time is up.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const done = (err?: Error) => {
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      proc.stderr!.off('data', check);
      proc.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      if (out.includes('Dinewire is running')) done();
    };
    const onExit = (code: number | null) => done(new Error(`server exited with ${code}:\n${out}`));
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', check);
    proc.on('exit', onExit);
  });
  return { proc, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

async function checkDemoHotel(url: string): Promise<void> {
  const api = client(url);
  expect((await api.get('/readyz')).status).toBe(200);
  const { restaurants } = (await api.get('/api/v1/restaurants')).body;
  expect(restaurants.length).toBeGreaterThanOrEqual(3);
  expect(new Set(restaurants.map((r: { cuisine: string }) => r.cuisine)).size).toBeGreaterThanOrEqual(3);
  for (const r of restaurants) {
    const menus = await Promise.all(['en', 'zh-Hant', 'zh-Hans'].map((lang) => api.get(`/api/v1/restaurants/${r.id}/menu?lang=${lang}`)));
    const dishes = menus.map((m) => m.body.categories.flatMap((c: { dishes: unknown[] }) => c.dishes));
    expect(dishes[0].length).toBeGreaterThanOrEqual(15);
    // The same dishes, named differently per language.
    expect(dishes[1][0].id).toBe(dishes[0][0].id);
    expect(dishes[1][0].name).not.toBe(dishes[0][0].name);
  }
  const login = async (email: string) => (await api.post('/api/v1/auth/login', { email, password: 'dinewire-demo' })).body.user;
  expect((await login('manager@example.com')).restaurantIds).toHaveLength(restaurants.length);
  expect((await login('chef@example.com')).restaurantIds).toEqual([restaurants[0].id]);
  expect((await login('host@example.com')).restaurantIds).toEqual([restaurants[0].id]);
  expect((await login('guest@example.com')).role).toBe('guest');
}

describe('start-up', () => {
  const dbName = `dinewire_boot_${process.pid}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinewire-boot-'));

  beforeAll(() =>
    withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${dbName}`))),
  );
  afterAll(async () => {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates and seeds the demo hotel into an empty database, answers /readyz, and stops on SIGTERM', async () => {
    const server = await startServer({ DATABASE_URL: databaseUrl(dbName), DATA_DIR: dataDir });
    try {
      await checkDemoHotel(server.url);
      // A second start finds the hotel there and seeds nothing twice.
      const again = await startServer({ DATABASE_URL: databaseUrl(dbName), DATA_DIR: dataDir });
      expect(again.output()).not.toContain('was seeded');
      const socket = ioClient(again.url, { transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
      const dropped = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
      again.proc.kill('SIGTERM');
      await dropped;
      expect(await again.exited).toBe(0);
      const count = await withAdmin(async () => {
        const c = new Client({ connectionString: databaseUrl(dbName) });
        await c.connect();
        const r = await c.query('SELECT count(*)::int AS n FROM restaurants');
        await c.end();
        return r.rows[0].n;
      });
      expect(count).toBe((await client(server.url).get('/api/v1/restaurants')).body.restaurants.length);
    } finally {
      server.proc.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('in production seeds no demo hotel and no demo accounts; the first manager comes from the command line', async () => {
    const prodDb = `${dbName}_prod`;
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${prodDb} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${prodDb}`)));
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(prodDb),
      SESSION_SECRET: 'p'.repeat(40),
      PII_KEY: 'cd'.repeat(32),
      PAYMENTS: 'none',
      NOTIFIER: 'sandbox',
      DATA_DIR: dataDir,
    };
    const server = await startServer(env);
    try {
      expect(server.output()).not.toContain('dinewire-demo');
      expect(server.output()).not.toContain('was seeded');
      expect(server.output()).toContain('npm run create-manager');
      const api = client(server.url);
      expect((await api.get('/api/v1/restaurants')).body.restaurants).toEqual([]);
      expect((await api.post('/api/v1/auth/login', { email: 'manager@example.com', password: 'dinewire-demo' })).status).toBe(401);
      const users = async () => {
        const c = new Client({ connectionString: databaseUrl(prodDb) });
        await c.connect();
        const r = await c.query('SELECT count(*)::int AS n FROM users');
        await c.end();
        return r.rows[0].n as number;
      };
      expect(await users()).toBe(0);

      // The password is piped in (never an argument); a short one is refused and nothing is written.
      const createManager = (password: string) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const proc = spawn(
            process.execPath,
            [path.resolve(__dirname, '../dist/cli/createManager.js'), '--email', 'gm@hotel.example', '--name', 'General Manager'],
            {
              env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
            },
          );
          let out = '';
          proc.stdout.on('data', (d) => (out += d));
          proc.stderr.on('data', (d) => (out += d));
          proc.stdin.end(`${password}\n`);
          proc.on('exit', (code) => resolve({ code, out }));
        });
      const short = await createManager('short');
      expect(short.code).not.toBe(0);
      expect(short.out).toMatch(/password/);
      expect(await users()).toBe(0);
      const made = await createManager('a long enough manager passphrase');
      expect(made.out).toContain('created manager gm@hotel.example');
      expect(made.code).toBe(0);
      const login = await api.post('/api/v1/auth/login', { email: 'gm@hotel.example', password: 'a long enough manager passphrase' });
      expect(login.status).toBe(200);
      expect(login.body.user.role).toBe('manager');
      // A second run for the same email is refused.
      expect((await createManager('a long enough manager passphrase')).code).not.toBe(0);
      expect(await users()).toBe(1);
    } finally {
      server.proc.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${prodDb} WITH (FORCE)`));
    }
  });

  it('runs an embedded PostgreSQL under the data folder when no DATABASE_URL is given', async () => {
    const port = await freePort();
    const server = await startServer({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) }, 120_000);
    try {
      await checkDemoHotel(server.url);
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(true);
    } finally {
      server.proc.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    // The embedded database stopped with the server.
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    expect(open).toBe(false);
  });
});

describe('configuration', () => {
  it('refuses to start in production without secrets, listing every problem', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'abc' });
    } catch (err) {
      expect((err as ConfigError).problems.join('\n')).toMatch(/PORT/);
    }
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/SESSION_SECRET/);
      expect(problems).toMatch(/PII_KEY/);
      expect(problems).toMatch(/DATABASE_URL/);
    }
  });

  it('docker-compose ships no password: every secret, the processor and the message sender must be given', () => {
    const compose = fs.readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8');
    const required = (name: string) => new RegExp(`\\$\\{${name}:\\?`);
    for (const name of ['POSTGRES_PASSWORD', 'SESSION_SECRET', 'PII_KEY', 'PAYMENTS', 'NOTIFIER']) expect(compose).toMatch(required(name));
    // The mail server's URL (with its credentials) and sender pass through from the environment.
    for (const name of ['SMTP_URL', 'MAIL_FROM']) expect(compose).toMatch(new RegExp(`${name}: \\$\\{${name}:-\\}`));
    // Credentials inside the URL come from the same variable, never a literal.
    for (const url of compose.match(/postgres:\/\/[^\s]+/g) ?? []) expect(url).toMatch(/^postgres:\/\/\w+:\$\{POSTGRES_PASSWORD:\?/);
    expect(compose).not.toMatch(/POSTGRES_PASSWORD:\s+\w/);
  });

  it('stops the process with a readable message on bad configuration', async () => {
    const proc = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '-3' },
    });
    let err = '';
    proc.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(78);
    expect(err).toContain('Invalid configuration');
    expect(err).toContain('RATE_LIMIT_PER_MINUTE');
  });
});

describe('readiness and shutdown', () => {
  it('reports 503 when the database or Redis is unreachable', async () => {
    const node = await startTestNode({
      config: { databaseUrl: 'postgres://postgres@127.0.0.1:1/nothing', redisUrl: 'redis://127.0.0.1:1' },
    });
    try {
      const res = await client(node.url).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ ok: false, database: false, redis: false });
      expect((await client(node.url).get('/healthz')).status).toBe(200);
    } finally {
      await node.close();
    }
  });

  it('shuts down while a Redis connection is still being set up without an unhandled rejection', async () => {
    // A "Redis" that accepts connections and never answers: the adapter's SUBSCRIBE commands wait
    // in the client's offline queue, which closing the node flushes ("Connection is closed.").
    const connected: net.Socket[] = [];
    const silent = net.createServer((sock) => {
      connected.push(sock);
      sock.resume(); // read (and drop) what it sends, so its FIN is seen and answered
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const node = await startTestNode({ config: { redisUrl: `redis://127.0.0.1:${(silent.address() as net.AddressInfo).port}` } });
      await eventually(() => expect(connected.length).toBeGreaterThanOrEqual(2)); // pub and sub
      expect((await client(node.url).get('/readyz')).body.redis).toBe(false);
      await node.close();
      // The clients' connections close once our end answers their FIN; then ioredis flushes its
      // queue, and a rejection nobody handles is reported after that turn's microtasks.
      await eventually(() => expect(connected.every((sock) => sock.closed)).toBe(true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      for (const sock of connected) sock.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('goes unready, lets the request in flight finish, then closes', async () => {
    const node = await startTestNode({ drainMs: 300 });
    // A request whose body is still arriving when shutdown starts.
    const body = JSON.stringify({ email: 'nobody@test.example', password: 'x' });
    const sock = net.connect(node.port, '127.0.0.1');
    await new Promise((r) => sock.on('connect', r));
    let response = '';
    sock.on('data', (d) => (response += d));
    sock.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    sock.write(body.slice(0, 10));
    const closed = node.close();
    const ready = await client(node.url).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.accepting).toBe(false);
    sock.write(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 401/);
    expect(response).toContain('"unauthenticated"');
    sock.destroy();
  });
});

describe('migrations', () => {
  const dbName = `dinewire_migrations_${process.pid}`;
  afterAll(() => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));

  it('go up, all the way down, and up again', async () => {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${dbName}`)));
    const sequelize = createSequelize(databaseUrl(dbName), { poolMax: 2 });
    try {
      const migrator = createMigrator(sequelize);
      const up = await migrator.up();
      expect(up.length).toBeGreaterThan(0);
      await migrator.down({ to: 0 });
      const [tables] = await sequelize.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
      );
      expect(tables).toEqual([]);
      expect((await migrator.up()).map((m) => m.name)).toEqual(up.map((m) => m.name));
    } finally {
      await sequelize.close();
    }
  });
});
