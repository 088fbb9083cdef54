import type { Router } from 'express';
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

export function clusterRoutes(r: Router, reporter: NodeReporter): void {
  r.get('/cluster/nodes', async (_req, res) => {
    res.json(await listClusterNodes(res.locals.actor, reporter));
  });
}
