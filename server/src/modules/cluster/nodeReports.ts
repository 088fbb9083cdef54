import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize';
import type { Logger } from '../../logger';
import { metrics } from '../../metrics';

/** What each node says about itself every few seconds (GET /api/v1/cluster/nodes). */
export interface NodeReport {
  id: string;
  url: string;
  pid: number;
  startedAt: string;
  /** Socket.IO sockets connected to this node (not the whole cluster). */
  sockets: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** p99 event-loop delay over the last reporting interval (the same as eventLoopLagP99Ms). */
  eventLoopLagMs: number;
  eventLoopLagP50Ms: number;
  eventLoopLagP99Ms: number;
  /** This node's database pool now; null when the reporter was given none. */
  dbPool: DbPoolFigures | null;
  /** When this report was made; a report older than LIVE_MS is a node that is gone. */
  at: string;
}

export interface DbPoolFigures {
  size: number;
  available: number;
  using: number;
  waiting: number;
  max: number;
}

/** Redis hash of the reports, field = node id. */
export const NODES_KEY = 'dinewire:nodes';
/** A node whose last report is older than this is not listed (it crashed or was cut off). */
export const LIVE_MS = 10_000;
/** Reports older than this are deleted from the hash when someone lists the nodes. */
const FORGET_MS = 10 * 60_000;
/**
 * The histogram samples the loop with a timer of this period and records the whole period
 * between ticks, so an idle loop reads about this much: the lag is what exceeds it.
 */
const LAG_RESOLUTION_MS = 10;

export interface ReporterOptions {
  nodeId: string;
  /** Shared store; without it (a single node) the report is kept in memory only. */
  redis: Redis | null;
  logger: Logger;
  intervalMs?: number;
  /** The node's database pool figures (sequelize's pool), read at each report. */
  dbPool?: () => DbPoolFigures;
}

/**
 * Each node writes its report into Redis every `intervalMs` (HSET dinewire:nodes <id> <json>);
 * any node lists the live ones. Stopping removes this node's report at once.
 */
export class NodeReporter {
  private readonly intervalMs: number;
  private readonly startedAt = new Date().toISOString();
  private readonly lag: IntervalHistogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  private timer: NodeJS.Timeout | null = null;
  private self: { url: string; sockets: () => number } | null = null;
  private latest: NodeReport | null = null;
  private redisFailing = false;
  private stopped = false;

  constructor(private readonly opts: ReporterOptions) {
    this.intervalMs = opts.intervalMs ?? 2000;
  }

  /** Begins reporting once the node listens (its URL is known); reports at once, then every interval. */
  start(self: { url: string; sockets: () => number }): void {
    if (this.timer) return;
    this.self = self;
    this.lag.enable();
    const redis = this.opts.redis;
    // The shared client connects in the background and queues nothing meanwhile.
    if (redis && redis.status !== 'ready') redis.once('ready', () => void this.report());
    else void this.report();
    this.timer = setInterval(() => void this.report(), this.intervalMs);
    this.timer.unref();
  }

  /** This node's figures now; the event-loop figure covers the time since the previous report. */
  snapshot(): NodeReport {
    const memory = process.memoryUsage();
    // No sample yet (the first report right after start): the histogram holds nothing.
    const lagAt = (p: number) => (this.lag.count > 0 ? Math.max(0, this.lag.percentile(p) / 1e6 - LAG_RESOLUTION_MS) : 0);
    const p50 = lagAt(50);
    const p99 = lagAt(99);
    this.lag.reset();
    const ms = (n: number) => Math.round(n * 100) / 100;
    return {
      id: this.opts.nodeId,
      url: this.self?.url ?? '',
      pid: process.pid,
      startedAt: this.startedAt,
      sockets: this.self?.sockets() ?? 0,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      eventLoopLagMs: ms(p99),
      eventLoopLagP50Ms: ms(p50),
      eventLoopLagP99Ms: ms(p99),
      dbPool: this.opts.dbPool?.() ?? null,
      at: new Date().toISOString(),
    };
  }

  private async report(): Promise<void> {
    if (this.stopped) return;
    const report = this.snapshot();
    this.latest = report;
    const labels = { node: report.id };
    metrics.nodeSockets.set(labels, report.sockets);
    metrics.nodeRssBytes.set(labels, report.rssBytes);
    metrics.nodeHeapUsedBytes.set(labels, report.heapUsedBytes);
    metrics.nodeEventLoopLagSeconds.set(labels, report.eventLoopLagMs / 1000);
    if (!this.opts.redis) return;
    // Redis away: the node logs that already; the next report after it is back fills the list in.
    if (this.opts.redis.status !== 'ready') return;
    try {
      await this.opts.redis.hset(NODES_KEY, report.id, JSON.stringify(report));
      if (this.redisFailing) this.opts.logger.info('node report written to Redis again');
      this.redisFailing = false;
    } catch (err) {
      if (!this.redisFailing) this.opts.logger.warn({ err: (err as Error).message }, 'could not write the node report to Redis');
      this.redisFailing = true;
    }
  }

  /** This node's last report (without taking a new sample); null before the first. */
  snapshotLatest(): NodeReport | null {
    return this.latest;
  }

  /** The live nodes (reported within LIVE_MS), by id. Rejects when Redis cannot be read. */
  async list(now = Date.now()): Promise<NodeReport[]> {
    if (!this.opts.redis) return this.latest ? [this.latest] : [];
    const all = await this.opts.redis.hgetall(NODES_KEY);
    const live: NodeReport[] = [];
    const forgotten: string[] = [];
    for (const [id, json] of Object.entries(all)) {
      let report: NodeReport;
      try {
        report = JSON.parse(json) as NodeReport;
      } catch {
        forgotten.push(id);
        continue;
      }
      const age = now - Date.parse(report.at);
      if (!(age <= FORGET_MS)) forgotten.push(id);
      else if (age <= LIVE_MS) live.push(report);
    }
    if (forgotten.length) await this.opts.redis.hdel(NODES_KEY, ...forgotten).catch(() => 0);
    return live.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  }

  /** Stops reporting and takes this node off the list (a crashed node drops off after LIVE_MS). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lag.disable();
    const labels = { node: this.opts.nodeId };
    for (const gauge of [metrics.nodeSockets, metrics.nodeRssBytes, metrics.nodeHeapUsedBytes, metrics.nodeEventLoopLagSeconds]) {
      gauge.remove(labels);
    }
    if (this.opts.redis && this.latest) {
      await this.opts.redis.hdel(NODES_KEY, this.opts.nodeId).catch(() => 0);
    }
  }
}

interface SequelizePool {
  size: number;
  available: number;
  using: number;
  waiting: number;
  maxSize: number;
}

/** The figures of sequelize's connection pool (sequelize-pool); zeros before the pool exists. */
export function poolFigures(sequelize: Sequelize): DbPoolFigures {
  const pool = (sequelize.connectionManager as unknown as { pool?: SequelizePool }).pool;
  if (!pool) return { size: 0, available: 0, using: 0, waiting: 0, max: 0 };
  return { size: pool.size, available: pool.available, using: pool.using, waiting: pool.waiting, max: pool.maxSize };
}
