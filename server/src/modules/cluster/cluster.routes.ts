import type { ClusterHealth, ServiceHealth } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize';
import { unavailable } from '../../errors';
import { type Actor, authorize } from '../../policies';
import type { NodeReport, NodeReporter } from './nodeReports';

/** Managers only: the live nodes of the cluster, as each last reported itself. */
export async function listClusterNodes(actor: Actor, reporter: NodeReporter): Promise<{ nodes: NodeReport[] }> {
  authorize(actor, 'cluster.nodes', {});
  try {
    return { nodes: await reporter.list() };
  } catch {
    throw unavailable('The node list (in Redis) is not reachable; try again shortly.');
  }
}

const PING_TIMEOUT_MS = 1000;

async function timed(ping: () => Promise<unknown>): Promise<ServiceHealth> {
  const start = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, configured: true, pingMs: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100 };
  } catch {
    return { ok: false, configured: true, pingMs: null };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Managers only: every live node, and the database and Redis as the answering node finds them
 * now (one ping each). The node list needs Redis; with Redis down the answer still comes, with
 * this node alone and Redis failing, so the manager sees what is wrong rather than an error.
 */
export async function clusterHealth(
  actor: Actor,
  deps: { reporter: NodeReporter; sequelize: Sequelize; redis: Redis | null; nodeId: string },
): Promise<ClusterHealth> {
  authorize(actor, 'cluster.nodes', {});
  const [database, redis, nodes] = await Promise.all([
    timed(() => deps.sequelize.query('SELECT 1')),
    deps.redis
      ? deps.redis.status === 'ready'
        ? timed(() => deps.redis!.ping())
        : Promise.resolve<ServiceHealth>({ ok: false, configured: true, pingMs: null })
      : Promise.resolve<ServiceHealth>({ ok: true, configured: false, pingMs: null }),
    deps.reporter.list().catch(() => [deps.reporter.snapshotLatest()].filter((n): n is NodeReport => n !== null)),
  ]);
  return { nodes, database, redis, answeredBy: deps.nodeId, at: new Date().toISOString() };
}

export function clusterRoutes(
  r: Router,
  reporter: NodeReporter,
  deps: { sequelize: Sequelize; redis: Redis | null; nodeId: string },
): void {
  r.get('/cluster/nodes', async (_req, res) => {
    res.json(await listClusterNodes(res.locals.actor, reporter));
  });
  r.get('/cluster/health', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await clusterHealth(res.locals.actor, { reporter, ...deps }));
  });
}
