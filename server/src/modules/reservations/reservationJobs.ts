import type { BookingPolicy } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { inTransaction, type Services } from '../../context';
import { decryptPii } from '../../lib/pii';
import { UNTIL_DONE, type QueuePolicy } from '../../jobs/queue';
import { models } from '../../models';
import { enqueueMessage } from '../notifications/outbox';
import { DEFAULT_NO_SHOW_GRACE_MINUTES, DEFAULT_REMINDER_HOURS } from './bookingRules';
import { markNoShowBy } from './reservationLifecycle';

/**
 * A booking's own jobs, queued in the transaction that sets its time (booking, change): the
 * guest's reminder and the automatic no-show. Each carries the start it was queued for, so a job
 * of a time since changed does nothing (the change queued its own), and each does its work by a
 * conditional update of the locked booking: run twice, even at once on two nodes, it works once.
 */
export const RESERVATION_REMIND = 'reservation.remind';
export const RESERVATION_NO_SHOW = 'reservation.noShow';

export interface BookingJob {
  reservationId: string;
  startsAt: string;
}

/** A reminder due already is still sent at once while the booking is more than this far off; nearer, it would only be noise. */
const LATE_REMINDER_MS = 60 * 60_000;

const POLICY = (expireSeconds: number): QueuePolicy => ({
  expireInSeconds: expireSeconds,
  retryDelaySeconds: 5,
  retryLimit: UNTIL_DONE,
  concurrency: 1,
});

export async function workReservationJobs(s: Services): Promise<void> {
  await s.jobs.work<BookingJob>(RESERVATION_REMIND, POLICY(s.config.jobExpireSeconds), (job) => remindGuest(s, job));
  await s.jobs.work<BookingJob>(RESERVATION_NO_SHOW, POLICY(s.config.jobExpireSeconds), (job) => noShowIfAbsent(s, job));
}

/** Queues the reminder (at startsAt − reminderHours, or now when that passed and the start is over an hour away) and the no-show check. */
export async function scheduleBookingJobs(
  s: Pick<Services, 'jobs'>,
  t: Transaction,
  b: { reservationId: string; startsAt: Date; policy: BookingPolicy },
  now = new Date(),
): Promise<void> {
  const data: BookingJob = { reservationId: b.reservationId, startsAt: b.startsAt.toISOString() };
  const remindAt = new Date(b.startsAt.getTime() - (b.policy.reminderHours ?? DEFAULT_REMINDER_HOURS) * 3_600_000);
  if (remindAt > now) {
    await s.jobs.enqueue(t, RESERVATION_REMIND, data, { singletonKey: b.reservationId, startAfter: remindAt });
  } else if (b.startsAt.getTime() - now.getTime() > LATE_REMINDER_MS) {
    await s.jobs.enqueue(t, RESERVATION_REMIND, data, { singletonKey: b.reservationId });
  }
  const grace = (b.policy.noShowGraceMinutes ?? DEFAULT_NO_SHOW_GRACE_MINUTES) * 60_000;
  await s.jobs.enqueue(t, RESERVATION_NO_SHOW, data, { singletonKey: b.reservationId, startAfter: new Date(b.startsAt.getTime() + grace) });
}

/**
 * Reminds the guest of a booking still ahead, once: `reminded_at` is set by a conditional update
 * and the message is written to the outbox in the same transaction (sent after commit, once:
 * the outbox claims its rows). A cancelled or moved booking is not reminded by this job.
 */
export async function remindGuest(s: Services, job: BookingJob): Promise<void> {
  const m = models(s.sequelize);
  await inTransaction(s, async (t) => {
    const [claimed, [row]] = await m.Reservation.update(
      { remindedAt: new Date() },
      {
        where: { id: job.reservationId, status: 'booked', remindedAt: null, startsAt: new Date(job.startsAt) },
        returning: true,
        transaction: t,
      },
    );
    if (claimed === 0 || !row || row.startsAt.getTime() <= Date.now()) return;
    const restaurant = await m.Restaurant.findByPk(row.restaurantId, { attributes: ['names', 'timeZone'], transaction: t });
    if (!restaurant) return;
    const when = new Intl.DateTimeFormat('en-GB', { timeZone: restaurant.timeZone, dateStyle: 'full', timeStyle: 'short' }).format(
      row.startsAt,
    );
    await enqueueMessage(s, t, {
      to: decryptPii(s.config.piiKey, row.emailEnc)!,
      template: 'reservation.reminder',
      payload: {
        name: decryptPii(s.config.piiKey, row.nameEnc)!,
        restaurant: restaurant.names.en,
        when,
        partySize: row.partySize,
        code: row.code,
      },
    });
  });
}

/** The party never came: still `booked` when its grace is over (for the start this job was queued for), it is a no-show. */
export async function noShowIfAbsent(s: Services, job: BookingJob): Promise<void> {
  await markNoShowBy(s, { reservationId: job.reservationId, startsAt: new Date(job.startsAt) });
}
