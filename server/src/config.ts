import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { retirePiiKeys } from './lib/pii';

/**
 * The only reader of process.env. A bad configuration stops the boot with a readable list.
 * In demo mode (not production) missing secrets are generated once and kept under `.data/`.
 */

/**
 * The card processors a node can run: `sandbox` (test cards, its own ledger; for demos and
 * tests) and `none` (card payments switched off: card orders are declined, counter and room
 * charges still work). A real processor's adapter joins this list.
 */
export const PAYMENT_PROCESSORS = ['sandbox', 'none'] as const;
export type PaymentsChoice = (typeof PAYMENT_PROCESSORS)[number];

/**
 * Where the outbox's messages go: `sandbox` (a mailbox table in our database that tests and the
 * demo read; nobody outside receives anything) or `smtp` (a real mail server, SMTP_URL, sending
 * as MAIL_FROM).
 */
export const NOTIFIERS = ['sandbox', 'smtp'] as const;
export type NotifierChoice = (typeof NOTIFIERS)[number];

// `addr@host` or `Name <addr@host>`: the sender of every message.
const MAIL_FROM_FORMAT = /^([^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;
/** smtp:// or smtps:// with a host, parseable as the sender will parse it. */
function isSmtpUrl(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const u = new URL(v);
  return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
}
// Compose passes an unset variable through as an empty string.
const unsetWhenEmpty = (v: unknown) => (v === '' ? undefined : v);

const TRUST_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// URL')
    .optional(),
  NODE_ID: z.string().min(1).max(100).optional(),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  PII_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '64 hex digits (a 256-bit key)')
    .optional(),
  /** Keys PII_KEY replaced, comma-separated: what they sealed still decrypts (lib/pii key ids). */
  PII_RETIRED_KEYS: z
    .string()
    .regex(/^[0-9a-fA-F]{64}(,[0-9a-fA-F]{64})*$/, 'comma-separated keys of 64 hex digits')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_ORIGIN: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  // Socket limits (each 0 = off; all off with RATE_LIMIT_PER_MINUTE=0).
  SOCKET_EMITS_PER_SECOND: z.coerce.number().int().min(0).default(5),
  SOCKET_EMIT_BURST: z.coerce.number().int().min(1).default(20),
  SOCKET_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(100),
  SOCKET_CONNECTS_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  SOCKET_BLOCK_SECONDS: z.coerce.number().int().min(1).default(300),
  // The balancers whose X-Forwarded-For is believed: addresses, CIDRs or Express's keywords.
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .refine(
      (v) => v.split(',').every((part) => TRUST_ENTRY.test(part.trim())),
      'a comma list of addresses, CIDRs or loopback/linklocal/uniquelocal',
    ),
  DATA_DIR: z.string().default(path.resolve(__dirname, '../../.data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5439),
  SYNC_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  // The card processor. No default in production: a hotel names the one it runs.
  PAYMENTS: z.enum(PAYMENT_PROCESSORS).optional(),
  // The message sender. No default in production: a hotel names the mail server it runs.
  NOTIFIER: z.enum(NOTIFIERS).optional(),
  SMTP_URL: z.preprocess(
    unsetWhenEmpty,
    z.string().refine(isSmtpUrl, 'an smtp:// or smtps:// URL (smtps://user:password@host:465)').optional(),
  ),
  MAIL_FROM: z.preprocess(unsetWhenEmpty, z.string().regex(MAIL_FROM_FORMAT, 'an address, or Name <address>').optional()),
  // A signed-in user's session ends after this long without a request (devices have no idle limit).
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(20_160).default(720),
  // Signing in beyond this many live sessions ends the user's oldest one.
  SESSION_MAX_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  // Events older than this are pruned; a screen whose cursor is older reloads its state.
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // How long a payment job stays locked to a node that went silent before another node retries it.
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // A slow or hanging sandbox processor, for benchmarks and tests; refused in production.
  SANDBOX_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  SANDBOX_CAPTURE_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  nodeId: string;
  sessionSecret: string;
  piiKey: Buffer;
  logLevel: string;
  publicOrigin: string | undefined;
  /** Bearer token that opens /metrics from addresses other than loopback. */
  metricsToken?: string;
  rateLimitPerMinute: number;
  /** Socket limits; ignored (all off) when rateLimitPerMinute is 0. */
  socketLimits: SocketLimits;
  /** Express's `trust proxy` list: only these peers' X-Forwarded-For is believed. */
  trustProxy: string[];
  dataDir: string;
  embeddedPgPort: number;
  syncIntervalMs: number;
  shutdownTimeoutMs: number;
  dbPoolMax: number;
  /** The card processor (PAYMENTS): chosen explicitly in production, `sandbox` elsewhere by default. */
  payments: PaymentsChoice;
  /** The message sender (NOTIFIER): chosen explicitly in production, `sandbox` elsewhere by default. */
  notifier: NotifierChoice;
  /** The mail server and sender address, when NOTIFIER=smtp. The URL holds its credentials. */
  smtp: { url: string; from: string } | null;
  /** Minutes without a request after which a user's session ends. */
  sessionIdleMinutes: number;
  /** Live sessions a user may hold; signing in beyond it ends the oldest. */
  sessionMaxPerUser: number;
  /** Days the event log keeps an event (catch-up from an older cursor answers `reset`). */
  eventRetentionDays: number;
  /** How long a payment job stays locked to a node that went silent before another node retries it. */
  jobExpireSeconds: number;
  /** The sandbox processor's answer delays (benchmarks and tests; zero in production). */
  sandbox: { delayMs: number; captureDelayMs: number };
}

export interface SocketLimits {
  /** How fast a socket's emit budget (a token bucket) refills, per second (0: no budget per socket). */
  emitsPerSecond: number;
  /** The bucket's size; a socket refused as many times again, net of refills, is disconnected. */
  emitBurst: number;
  /** Live sockets per client address, across nodes (0: no cap). */
  connectionsPerAddress: number;
  /** Handshakes per client address per minute (0: no limit). */
  connectsPerMinute: number;
  /** How long the caller (credential, or address when anonymous) of a socket disconnected for flooding is refused. */
  blockSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production) {
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET: required when NODE_ENV=production');
    if (!e.PII_KEY) problems.push('PII_KEY: required when NODE_ENV=production (64 hex digits)');
    if (!e.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
    if (!e.PAYMENTS) {
      problems.push(`PAYMENTS: required when NODE_ENV=production (${PAYMENT_PROCESSORS.join(' or ')}; sandbox accepts test cards only)`);
    }
    if (e.SANDBOX_DELAY_MS || e.SANDBOX_CAPTURE_DELAY_MS) {
      problems.push('SANDBOX_DELAY_MS, SANDBOX_CAPTURE_DELAY_MS: for benchmarks and tests only, refused when NODE_ENV=production');
    }
  }
  if (production && !e.NOTIFIER) {
    problems.push(`NOTIFIER: required when NODE_ENV=production (${NOTIFIERS.join(' or ')}; sandbox sends nothing to anyone)`);
  }
  if (e.NOTIFIER === 'smtp') {
    if (!e.SMTP_URL) problems.push('SMTP_URL: required when NOTIFIER=smtp (smtps://user:password@host:465)');
    if (!e.MAIL_FROM) problems.push('MAIL_FROM: required when NOTIFIER=smtp (the address messages come from)');
  }
  if (problems.length) throw new ConfigError(problems);

  const secrets = production ? null : demoSecrets(e.DATA_DIR);
  const piiKey = Buffer.from(e.PII_KEY ?? secrets!.piiKey, 'hex');
  if (e.PII_RETIRED_KEYS)
    retirePiiKeys(
      piiKey,
      e.PII_RETIRED_KEYS.split(',').map((k) => Buffer.from(k, 'hex')),
    );
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    nodeId: e.NODE_ID ?? `${os.hostname()}:${e.PORT}`,
    sessionSecret: e.SESSION_SECRET ?? secrets!.sessionSecret,
    piiKey,
    logLevel: e.LOG_LEVEL,
    publicOrigin: e.PUBLIC_ORIGIN,
    metricsToken: e.METRICS_TOKEN,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    socketLimits: {
      emitsPerSecond: e.SOCKET_EMITS_PER_SECOND,
      emitBurst: e.SOCKET_EMIT_BURST,
      connectionsPerAddress: e.SOCKET_CONNECTIONS_PER_ADDRESS,
      connectsPerMinute: e.SOCKET_CONNECTS_PER_MINUTE,
      blockSeconds: e.SOCKET_BLOCK_SECONDS,
    },
    trustProxy: e.TRUST_PROXY.split(',').map((part) => part.trim()),
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    syncIntervalMs: e.SYNC_INTERVAL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    dbPoolMax: e.DB_POOL_MAX,
    payments: e.PAYMENTS ?? 'sandbox',
    notifier: e.NOTIFIER ?? 'sandbox',
    smtp: e.NOTIFIER === 'smtp' ? { url: e.SMTP_URL!, from: e.MAIL_FROM! } : null,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxPerUser: e.SESSION_MAX_PER_USER,
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    jobExpireSeconds: e.JOB_EXPIRE_SECONDS,
    sandbox: { delayMs: e.SANDBOX_DELAY_MS, captureDelayMs: e.SANDBOX_CAPTURE_DELAY_MS },
  };
}

/** Demo mode: secrets generated on first start and kept, so sessions and encrypted data survive restarts. */
function demoSecrets(dataDir: string): { sessionSecret: string; piiKey: string } {
  const file = path.join(dataDir, 'secrets.json');
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { sessionSecret: string; piiKey: string };
    if (stored.sessionSecret && /^[0-9a-f]{64}$/.test(stored.piiKey)) return stored;
  } catch {
    // first start
  }
  const secrets = {
    sessionSecret: crypto.randomBytes(32).toString('hex'),
    piiKey: crypto.randomBytes(32).toString('hex'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  // wx: when two nodes start at once, the first one's secrets win
  try {
    fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { sessionSecret: string; piiKey: string };
  }
}

/** For the process entry points: the configuration, or a readable list of problems and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
