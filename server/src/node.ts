import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize';
import { createApp } from './app';
import type { TrustFn } from './http/clientAddress';
import type { Config } from './config';
import type { Services } from './context';
import { createSequelize } from './db/connection';
import { createLogger, type Logger } from './logger';
import { NodeReporter, poolFigures } from './modules/cluster/nodeReports';
import type { PaymentProcessor } from './modules/payments/processor';
import { openPaymentProcessor } from './modules/payments/processors';
import type { Notifier } from './modules/notifications/notifier';
import { openNotifier } from './modules/notifications/notifiers';
import { scheduleMaintenance } from './modules/maintenance/maintenanceJobs';
import { scheduleCounterReleases } from './modules/orders/counterPayments';
import { SocketBroadcaster } from './realtime/broadcaster';
import { createRealtime, type Realtime } from './realtime/socketServer';
import { SessionCache, type Revocation } from './modules/accounts/sessionCache';
import { JobQueue } from './jobs/queue';
import { workDepositJobs } from './modules/reservations/depositWorker';
import { workReservationJobs } from './modules/reservations/reservationJobs';
import { workWaitlistJobs } from './modules/waitlist/waitlistOffers';
import { workPaymentJobs } from './modules/orders/paymentWorker';

export interface DinewireNode {
  url: string;
  port: number;
  services: Services;
  realtime: Realtime;
  server: http.Server;
  /** Graceful stop: readiness goes 503, sockets close, in-flight requests finish, connections close. */
  close(): Promise<void>;
}

export interface NodeOptions {
  logger?: Logger;
  /** Share a database pool (tests); otherwise the node opens and closes its own. */
  sequelize?: Sequelize;
  payments?: PaymentProcessor;
  /** Where the outbox's messages go (tests); otherwise the sender NOTIFIER names. */
  notifier?: Notifier;
  /** Schedule pruning and the outbox's retries (every node does; tests that share a database leave it off). */
  maintenance?: boolean;
  appsDir?: string;
  /** How long readiness reports 503 before sockets are closed, so a balancer stops sending traffic. */
  drainMs?: number;
  /** Tests: this suite's own job queues (see JobQueue). */
  jobNamespace?: string;
}

function redisClient(url: string, logger: Logger, role: 'pub' | 'sub'): Redis {
  const client = new Redis(url, {
    // Keep retrying forever, at most every 2 s: a Redis restart must heal by itself.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    // The adapter's subscriptions wait for Redis however long it is away (a flushed SUBSCRIBE is never retried).
    maxRetriesPerRequest: role === 'sub' ? null : 2,
    // Publishing while Redis is away fails at once instead of queueing stale broadcasts; the
    // sync heartbeat and catch-up deliver what was lost. Subscriptions must queue until connected.
    enableOfflineQueue: role === 'sub',
    connectionName: `dinewire-${role}`,
  });
  let down = false;
  client.on('error', (err) => {
    if (!down) logger.warn({ err: err.message, role }, 'redis connection error');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info({ role }, 'redis connection restored');
    down = false;
  });
  if (role === 'sub') {
    // The adapter (un)subscribes without handling a rejection; queued while Redis is away, those
    // commands reject with "Connection is closed." when the node disconnects at shutdown.
    for (const name of ['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'] as const) {
      const command = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as unknown as Record<typeof name, typeof command>)[name] = (...args) =>
        command(...args).catch((err: Error) => {
          logger.debug({ err: err.message, command: name }, 'redis subscription command failed');
          return 0;
        });
    }
  }
  if (role === 'pub') {
    // The Redis adapter does not handle a failed publish; a rejection must not take the node down.
    const publish = client.publish.bind(client) as (channel: string, message: string) => Promise<number>;
    (client as unknown as { publish: typeof publish }).publish = (channel, message) =>
      publish(channel, message).catch((err: Error) => {
        logger.debug({ err: err.message }, 'publish failed; subscribers will catch up');
        return 0;
      });
  }
  return client;
}

/** Starts one server node: database pool, Redis, HTTP and Socket.IO, listening on config.port. */
export async function startNode(config: Config, opts: NodeOptions = {}): Promise<DinewireNode> {
  const logger = opts.logger ?? createLogger(config.logLevel, config.nodeId);
  const ownSequelize = !opts.sequelize;
  const sequelize = opts.sequelize ?? createSequelize(config.databaseUrl!, { poolMax: config.dbPoolMax });
  const redis = config.redisUrl
    ? { pub: redisClient(config.redisUrl, logger, 'pub'), sub: redisClient(config.redisUrl, logger, 'sub') }
    : null;
  const broadcaster = new SocketBroadcaster(logger, config.piiKey);
  const processor = opts.payments ? null : openPaymentProcessor(config, logger);
  const payments = opts.payments ?? processor!.processor;
  // Every node works the job queue (pg-boss on the same database, its own small pool).
  const jobs = new JobQueue({ databaseUrl: config.databaseUrl!, sequelize, logger, namespace: opts.jobNamespace });
  const sessions = new SessionCache(sequelize, config.sessionIdleMinutes);
  const sender = opts.notifier ? null : openNotifier(config, logger);
  const notifier = opts.notifier ?? sender!.notifier;
  let realtime: Realtime | null = null;
  const revoked = (r: Revocation) => {
    sessions.evict(r);
    realtime?.revoke(r);
  };
  const services: Services = { config, sequelize, logger, broadcaster, payments, jobs, sessions, notifier, revoked };
  await workPaymentJobs(services);
  await workDepositJobs(services);
  await workReservationJobs(services);
  await workWaitlistJobs(services);
  await scheduleCounterReleases(services);
  if (opts.maintenance ?? true) await scheduleMaintenance(services);
  await jobs.start();

  let accepting = true;
  const nodeReporter = new NodeReporter({ nodeId: config.nodeId, redis: redis?.pub ?? null, logger, dbPool: () => poolFigures(sequelize) });
  const app = createApp({
    ...services,
    redis: redis?.pub ?? null,
    isAccepting: () => accepting,
    appsDir: opts.appsDir,
    nodeReporter,
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  realtime = createRealtime(server, { ...services, broadcaster, redis, trustProxy: app.get('trust proxy fn') as TrustFn });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  nodeReporter.start({ url, sockets: () => realtime!.socketCount() });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      accepting = false;
      await nodeReporter.stop();
      if (opts.drainMs) await new Promise((r) => setTimeout(r, opts.drainMs));
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await realtime!.close();
      // In-flight requests finish; keep-alive connections are closed as soon as they are idle.
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, config.shutdownTimeoutMs);
      });
      await Promise.race([httpClosed, timeout]);
      clearInterval(idle);
      clearTimeout(timer);
      // Running jobs finish (or go back to the queue for another node) before the pools close.
      await jobs.stop(config.shutdownTimeoutMs);
      if (redis) {
        redis.pub.disconnect();
        redis.sub.disconnect();
      }
      if (ownSequelize) await sequelize.close();
      await processor?.close();
      await sender?.close();
    })();
    return closing;
  };

  return { url, port, services, realtime, server, close };
}
