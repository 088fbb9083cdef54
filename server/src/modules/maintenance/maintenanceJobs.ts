import type { Services } from '../../context';
import { deliverMessages } from '../notifications/outbox';
import { refreshPairings } from '../recommendations/pairings';
import { pruneOnce } from './prune';

/** Recurring work on the durable queue: one run per tick across the cluster, whichever node takes it. */
export const PRUNE = 'maintenance.prune';
export const DELIVER_MESSAGES = 'notifications.deliver';
export const REFRESH_RECOMMENDATIONS = 'recommendations.refresh';

/** Hourly (off the hour, away from other hourly jobs): what is kept no longer is deleted in batches. */
const PRUNE_CRON = '17 * * * *';
/** Every minute: outbox messages whose first send failed (a greylisting mail server, a network blip) are sent again. */
const DELIVER_CRON = '* * * * *';
/** Every 15 minutes: "goes well with" from the last 30 days of orders (one statement per run, off the hot path). */
const RECOMMENDATIONS_CRON = '*/15 * * * *';

/** Schedules pruning, the outbox's retry run and the recommendations' refresh; what each did is logged, a failure retried by the queue. */
export async function scheduleMaintenance(s: Services): Promise<void> {
  await s.jobs.schedule(PRUNE, PRUNE_CRON, async () => {
    const counts = await pruneOnce(s);
    s.logger.info({ pruned: counts }, 'pruned what is kept no longer');
  });
  await s.jobs.schedule(DELIVER_MESSAGES, DELIVER_CRON, async () => {
    const sent = await deliverMessages(s);
    if (sent) s.logger.info({ sent }, 'outbox messages sent on retry');
  });
  await s.jobs.schedule(REFRESH_RECOMMENDATIONS, RECOMMENDATIONS_CRON, async () => {
    const pairs = await refreshPairings(s);
    s.logger.info({ pairs }, 'dish pairings refreshed');
  });
}
