/** Where tests find PostgreSQL and Redis: DATABASE_URL / REDIS_URL, else the local services. */
export const TEST_DB_NAME = process.env.TEST_DB_NAME ?? 'dinewire_test';

export function adminDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function testDatabaseUrl(): string {
  const u = new URL(adminDatabaseUrl());
  u.pathname = `/${TEST_DB_NAME}`;
  return u.toString();
}

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}
