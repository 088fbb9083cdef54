import crypto from 'node:crypto';
import pino from 'pino';
import type { Sequelize } from 'sequelize';
import { loadConfig, type Config } from '../config';
import { createSequelize } from '../db/connection';
import { startNode, type DinewireNode, type NodeOptions } from '../node';
import { testDatabaseUrl, testRedisUrl } from './env';

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: testDatabaseUrl(),
    SESSION_SECRET: 'test-session-secret-test-session-secret',
    PII_KEY: '11'.repeat(32),
    RATE_LIMIT_PER_MINUTE: '0',
    SYNC_INTERVAL_MS: '500',
    SHUTDOWN_TIMEOUT_MS: '2000',
    DB_POOL_MAX: '10',
    LOG_LEVEL: 'silent',
  });
  return { ...base, nodeId: `test-${crypto.randomBytes(3).toString('hex')}`, ...overrides };
}

export function testSequelize(poolMax = 5): Sequelize {
  return createSequelize(testDatabaseUrl(), { poolMax });
}

/** A real node on a free port; with `redis`, joined to the others through the Redis adapter. */
export async function startTestNode(opts: { redis?: boolean; config?: Partial<Config> } & NodeOptions = {}): Promise<DinewireNode> {
  const config = testConfig({ redisUrl: opts.redis ? testRedisUrl() : undefined, ...opts.config });
  // Pruning on a cron would delete rows other suites sharing the database still read.
  return startNode(config, { logger: silentLogger, maintenance: false, ...opts });
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client for tests. */
export function client(baseUrl: string, token?: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON; the assertion will show the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body ?? {}, headers),
    delete: <T = any>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
    raw: call,
  };
}

export function idempotencyKey(): string {
  return `test-${crypto.randomUUID()}`;
}

/** Waits until `check` passes, polling; for effects that arrive asynchronously (events). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
