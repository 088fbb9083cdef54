import type { Services } from '../../context';
import { deliverMessages } from '../notifications/outbox';
import { pruneOnce } from './prune';

/** Recurring work on the durable queue: one run per tick across the cluster, whichever node takes it. */
export const PRUNE = 'maintenance.prune';
export const DELIVER_MESSAGES = 'notifications.deliver';

/** Hourly (off the hour, away from other hourly jobs): what is kept no longer is deleted in batches. */
const PRUNE_CRON = '17 * * * *';
/** Every minute: outbox messages whose first send failed (a greylisting mail server, a network blip) are sent again. */
const DELIVER_CRON = '* * * * *';

/** Schedules pruning and the outbox's retry run; what each did is logged, a failure retried by the queue. */
export async function scheduleMaintenance(s: Services): Promise<void> {
  await s.jobs.schedule(PRUNE, PRUNE_CRON, async () => {
    const counts = await pruneOnce(s);
    s.logger.info({ pruned: counts }, 'pruned what is kept no longer');
  });
  await s.jobs.schedule(DELIVER_MESSAGES, DELIVER_CRON, async () => {
    const sent = await deliverMessages(s);
    if (sent) s.logger.info({ sent }, 'outbox messages sent on retry');
  });
}
