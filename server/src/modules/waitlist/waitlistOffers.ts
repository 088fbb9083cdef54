import crypto from 'node:crypto';
import type { Locale } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { inTransaction, type Services } from '../../context';
import type { QueuePolicy } from '../../jobs/queue';
import { models, type WaitlistEntry as EntryRow } from '../../models';
import { appendEvent } from '../events/eventLog';
import type { StoredEvent } from '../events/storedEvent';
import { enqueueMessage } from '../notifications/outbox';
import { freeCandidates, withinPacing } from '../reservations/availability';
import { bookingPolicyOf, ruleSlots, type Slot } from '../reservations/bookingRules';
import { localDate, minutesOf, zonedInstant } from '../reservations/localTime';
import { newConfirmationCode } from '../reservations/reservationSecrets';
import { readBookingDay } from '../reservations/reservations.sql';
import { entryOfRow } from './waitlist.presenter';
import { insertHold, lockLine, positionInLine, releaseHold } from './waitlist.sql';
import { sealEntry } from './waitlistSecrets';

export const WAITLIST_OFFER = 'waitlist.offer';
export const WAITLIST_EXPIRE = 'waitlist.expire';

export interface OfferJob {
  restaurantId: string;
  date: string;
}
export interface ExpireJob {
  entryId: string;
}

/** Offers are cheap and retried a few times; an expiry run early (clock skew) is retried shortly after. */
const OFFER_POLICY: QueuePolicy = { expireInSeconds: 60, retryDelaySeconds: 2, retryLimit: 10, concurrency: 2 };
const EXPIRE_POLICY: QueuePolicy = { expireInSeconds: 60, retryDelaySeconds: 2, retryLimit: 20, concurrency: 2 };

const DEFAULT_OFFER_MINUTES = 15;
/** A confirmation code already taken in the restaurant is drawn again, this many times at most. */
const CODE_ATTEMPTS = 3;

type JobServices = Pick<Services, 'jobs'>;
type Emit = (e: StoredEvent) => void;

/**
 * For other modules, in the transaction that frees a table (cancel, no-show, early completion,
 * a change): the line of that date is offered what is free once it commits.
 */
export async function enqueueWaitlistOffer(s: JobServices, t: Transaction, job: OfferJob): Promise<void> {
  await s.jobs.enqueue(t, WAITLIST_OFFER, job);
}

/** The same, for a stay given up that started at `startsAt`: its line is the restaurant's local day of it. */
export async function offerFreedStay(
  s: Pick<Services, 'jobs' | 'sequelize'>,
  t: Transaction,
  stay: { restaurantId: string; startsAt: Date },
): Promise<void> {
  const restaurant = await models(s.sequelize).Restaurant.findByPk(stay.restaurantId, { attributes: ['timeZone'], transaction: t });
  if (restaurant)
    await enqueueWaitlistOffer(s, t, { restaurantId: stay.restaurantId, date: localDate(stay.startsAt, restaurant.timeZone) });
}

export async function workWaitlistJobs(s: Services): Promise<void> {
  await s.jobs.work<OfferJob>(WAITLIST_OFFER, OFFER_POLICY, async (job) => {
    await runOfferJob(s, job);
  });
  await s.jobs.work<ExpireJob>(WAITLIST_EXPIRE, EXPIRE_POLICY, (job) => runExpireJob(s, job));
}

/** The `waitlist.offer` job: idempotent, as a second run finds the line already offered what was free. */
export async function runOfferJob(s: Services, job: OfferJob, now = new Date()): Promise<number> {
  return inTransaction(s, async (t, emit) => {
    await lockLine(s.sequelize, t, job);
    return offerFreeTables(s, t, emit, job, now);
  });
}

/**
 * The `waitlist.expire` job, at the offer's expiresAt: an offer still standing lapses (its hold is
 * released) and what is free goes to the next in line. Run again, it finds the entry no longer
 * offered and does nothing.
 */
export async function runExpireJob(s: Services, job: ExpireJob, now = new Date()): Promise<void> {
  const first = await models(s.sequelize).WaitlistEntry.findByPk(job.entryId, { attributes: ['id', 'restaurantId', 'date'] });
  if (!first) return;
  await inTransaction(s, async (t, emit) => {
    await lockLine(s.sequelize, t, { restaurantId: first.restaurantId, date: first.date });
    const entry = await models(s.sequelize).WaitlistEntry.findByPk(job.entryId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!entry || entry.status !== 'offered') return;
    // pg-boss starts it at expiresAt; a node whose clock runs behind retries shortly.
    if (entry.offerExpiresAt!.getTime() > now.getTime()) throw new Error('waitlist offer not expired yet');
    await endOffer(s, t, emit, entry, 'expired');
    await offerFreeTables(s, t, emit, { restaurantId: entry.restaurantId, date: entry.date }, now);
  });
}

/** Ends an offer (expired, or cancelled by its guest): the hold is released, the entry changes, staff are told. */
export async function endOffer(s: Services, t: Transaction, emit: Emit, entry: EntryRow, status: 'expired' | 'cancelled'): Promise<void> {
  const hold = entry.reservationId;
  // The entry first: while it is offered it must point at its hold (a CHECK).
  await entry.update({ status, reservationId: null, version: entry.version + 1, updatedAt: new Date() }, { transaction: t });
  if (hold) await releaseHold(s.sequelize, t, hold);
  await emitEntry(s, t, emit, entry);
}

/** Appends 'waitlist.updated' (contact sealed) for the entry as it now is, with its place in line. */
export async function emitEntry(s: Pick<Services, 'sequelize' | 'config'>, t: Transaction, emit: Emit, entry: EntryRow): Promise<void> {
  const position = entry.status === 'waiting' ? await positionOf(s, t, entry) : null;
  const data = sealEntry(s.config.piiKey, entryOfRow(s.config.piiKey, entry, { position }));
  emit(await appendEvent(s.sequelize, t, { restaurantId: entry.restaurantId, type: 'waitlist.updated', data }));
}

/** 1 for the first still waiting in its line (join order). */
export async function positionOf(s: Pick<Services, 'sequelize'>, t: Transaction | undefined, entry: EntryRow): Promise<number> {
  return positionInLine(s.sequelize, t, entry.id);
}

/** Whether a slot starts within the entry's local window (the whole day when it has none). */
export function inWindow(entry: Pick<EntryRow, 'date' | 'fromTime' | 'toTime'>, slot: Slot, timeZone: string): boolean {
  const start = slot.startsAt.getTime();
  if (entry.fromTime && start < zonedInstant(entry.date, minutesOf(entry.fromTime), timeZone).getTime()) return false;
  if (entry.toTime && start > zonedInstant(entry.date, minutesOf(entry.toTime), timeZone).getTime()) return false;
  return true;
}

/**
 * Offers what is free to the line, first come first served: each waiting entry in join order gets
 * the earliest slot in its window that the booking rules, pacing and the free tables allow
 * (the same rules and table order as availability and booking), held for it by a `held`
 * reservation until the offer expires. An entry nothing fits keeps its place; one behind it may
 * fit (a smaller party, another window). Runs with the line locked; returns how many were offered.
 */
export async function offerFreeTables(s: Services, t: Transaction, emit: Emit, line: OfferJob, now: Date): Promise<number> {
  const m = models(s.sequelize);
  const waiting = await m.WaitlistEntry.findAll({
    where: { restaurantId: line.restaurantId, date: line.date, status: 'waiting' },
    order: [
      ['createdAt', 'ASC'],
      ['id', 'ASC'],
    ],
    transaction: t,
    lock: t.LOCK.UPDATE,
  });
  if (waiting.length === 0) return 0;
  const day = await readBookingDay(s.sequelize, line, t);
  const policy = day && bookingPolicyOf(day.policy);
  if (!day || !policy) return 0;
  const restaurant = await m.Restaurant.findByPk(line.restaurantId, { attributes: ['id', 'names'], transaction: t });
  const holds = [...day.holds];
  const booked = [...day.booked];
  const offerMs = (policy.waitlistOfferMinutes ?? DEFAULT_OFFER_MINUTES) * 60_000;
  let offered = 0;
  for (const entry of waiting) {
    if (entry.partySize < policy.minPartySize || entry.partySize > policy.maxPartySize) continue;
    const slots = ruleSlots({ policy, openingHours: day.openingHours, timeZone: day.timeZone }, line.date, entry.partySize, now).filter(
      (slot) => inWindow(entry, slot, day.timeZone) && withinPacing(policy, booked, entry.partySize, slot.startsAt),
    );
    for (const slot of slots) {
      const held = await holdFirstFree(s, t, entry, slot, freeCandidates(day.tables, holds, entry.partySize, slot));
      if (!held) continue;
      for (const tableId of held.tableIds) holds.push({ tableId, from: slot.startsAt, to: slot.endsAt });
      booked.push({ startsAt: slot.startsAt, partySize: entry.partySize });
      // Never past the slot's own start: an offer is for a table the guest can still reach.
      const expiresAt = new Date(Math.min(now.getTime() + offerMs, slot.startsAt.getTime()));
      await entry.update(
        {
          status: 'offered',
          reservationId: held.reservationId,
          offerStartsAt: slot.startsAt,
          offerEndsAt: slot.endsAt,
          offerExpiresAt: expiresAt,
          offerTableIds: held.tableIds,
          version: entry.version + 1,
          updatedAt: now,
        },
        { transaction: t },
      );
      const guest = entryOfRow(s.config.piiKey, entry).guest;
      await enqueueMessage(s, t, {
        to: guest.email,
        template: 'waitlist.offered',
        payload: {
          lang: entry.lang,
          name: guest.name,
          restaurant: restaurant?.names[entry.lang as Locale] ?? restaurant?.names.en ?? '',
          partySize: entry.partySize,
          date: line.date,
          startsAt: hhmm(slot.startsAt, day.timeZone),
          expiresAt: hhmm(expiresAt, day.timeZone),
          minutes: Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000)),
        },
      });
      await s.jobs.enqueue(t, WAITLIST_EXPIRE, { entryId: entry.id } satisfies ExpireJob, {
        startAfter: expiresAt,
        singletonKey: entry.id,
      });
      await emitEntry(s, t, emit, entry);
      offered++;
      break;
    }
  }
  return offered;
}

/** The local `HH:MM` of an instant (its date is the line's, or the next day's past midnight). */
function hhmm(at: Date, timeZone: string): string {
  const day = localDate(at, timeZone);
  const minutes = Math.round((at.getTime() - zonedInstant(day, 0, timeZone).getTime()) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Holds the first candidate still free for the entry, each try under a savepoint: a table taken
 * since the read (23P01: a booking committed meanwhile) moves on to the next candidate.
 */
async function holdFirstFree(
  s: Services,
  t: Transaction,
  entry: EntryRow,
  slot: Slot,
  candidates: string[][],
): Promise<{ reservationId: string; tableIds: string[] } | null> {
  for (const tableIds of candidates) {
    for (let attempt = 1; ; attempt++) {
      const reservationId = crypto.randomUUID();
      try {
        await s.sequelize.transaction({ transaction: t }, (sp) =>
          insertHold(s.sequelize, sp, {
            id: reservationId,
            restaurantId: entry.restaurantId,
            code: newConfirmationCode(),
            partySize: entry.partySize,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            nameEnc: entry.nameEnc,
            phoneEnc: entry.phoneEnc,
            emailEnc: entry.emailEnc,
            notes: entry.notes ?? null,
            userId: entry.userId ?? null,
            walkIn: entry.walkIn,
            tableIds,
          }),
        );
        return { reservationId, tableIds: [...tableIds].sort() };
      } catch (err) {
        const state = (err as { original?: { code?: string; constraint?: string } }).original;
        if (state?.code === '23P01') break;
        if (state?.code === '23505' && state.constraint === 'reservations_restaurant_id_code_key' && attempt < CODE_ATTEMPTS) continue;
        throw err;
      }
    }
  }
  return null;
}
