import crypto from 'node:crypto';
import type { Reservation, WalkInCreate } from '@dinewire/protocol';
import { fn, type Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { fieldError, invalidTransition, notFound, slotUnavailable, versionConflict } from '../../errors';
import { encryptPii } from '../../lib/pii';
import { models, type Reservation as ReservationRow } from '../../models';
import { authorize } from '../../policies';
import { appendEvent, type StoredEvent } from '../events/eventLog';
import { freeCandidates } from './availability';
import { bookingPolicyOf, stayMinutesFor } from './bookingRules';
import { firePreorder } from './preorder';
import { reservationOfRow } from './reservation.presenter';
import { holdFirstFree } from './reservationBooker';
import { reservationTokenHash, sealReservation } from './reservationSecrets';
import { endHoldsNow, readBookingDay } from './reservations.sql';
import { offerFreedStay } from '../waitlist/waitlistOffers';

/**
 * The host stand's transitions: seating a booked party (its pre-order goes to the kitchen then),
 * finishing a seated stay (its tables are free from that moment), and seating a walk-in. Each is one
 * transaction on the booking's locked row: version + 1 and its `reservation.updated` (or, for a
 * walk-in, `reservation.created`) event, contact sealed, committed with it.
 */

/** How long a walk-in holds its tables when the restaurant has no booking rules to say. */
const WALK_IN_STAY_MINUTES = 90;

export async function seatReservation(ctx: Ctx, props: { reservationId: string; version?: number }): Promise<Reservation> {
  return inTransaction(ctx, async (t, emit) => {
    const r = await lockedFor(ctx, t, props.reservationId, 'reservation.seat', props.version);
    if (r.status !== 'booked') throw invalidTransition(`Only a booked party can be seated; this booking is ${r.status}.`);
    await models(ctx.sequelize).Reservation.update(
      { status: 'seated', version: r.version + 1, updatedAt: fn('now') },
      { where: { id: r.id }, transaction: t },
    );
    const tableIds = await activeTables(ctx, t, r.id);
    await firePreorder(ctx, t, emit, { restaurantId: r.restaurantId, preorderOrderId: r.preorderOrderId ?? null, tableIds });
    return commitReservationChange(ctx, t, r.id, emit);
  });
}

export async function completeReservation(ctx: Ctx, props: { reservationId: string; version?: number }): Promise<Reservation> {
  return inTransaction(ctx, async (t, emit) => {
    const r = await lockedFor(ctx, t, props.reservationId, 'reservation.complete', props.version);
    if (r.status !== 'seated') throw invalidTransition(`Only a seated party's stay can be completed; this booking is ${r.status}.`);
    await models(ctx.sequelize).Reservation.update(
      { status: 'completed', version: r.version + 1, updatedAt: fn('now') },
      { where: { id: r.id }, transaction: t },
    );
    // The rest of the stay is bookable again, and offered to the day's waitlist by a job after commit.
    await endHoldsNow(ctx.sequelize, t, { reservationId: r.id });
    await offerFreedStay(ctx, t, r);
    return commitReservationChange(ctx, t, r.id, emit);
  });
}

/**
 * A party seated now without a booking, for the stay its size gets (the booking rules', else 90
 * minutes), at the tables the host chose or the best free ones (tableChoice's order). Whether the
 * tables are free is the exclusion constraint's to decide, as for a booking: 409 slot_unavailable
 * when none can take the party. The guest may give no contact: the booking's contact columns keep
 * an encrypted empty value and the booking shows empty strings.
 */
export async function seatWalkIn(ctx: Ctx, props: { restaurantId: string; body: WalkInCreate }, now = new Date()): Promise<Reservation> {
  const { restaurantId, body } = props;
  return inTransaction(ctx, async (t, emit) => {
    authorize(ctx.actor, 'walkIn.create', { restaurantId });
    const probe = await readBookingDay(ctx.sequelize, { restaurantId, from: now, to: now }, t);
    if (!probe) throw notFound('Restaurant');
    const policy = bookingPolicyOf(probe.policy);
    const stay = policy ? stayMinutesFor(policy, body.partySize) : WALK_IN_STAY_MINUTES;
    const slot = { startsAt: now, endsAt: new Date(now.getTime() + stay * 60_000) };
    const day = await readBookingDay(ctx.sequelize, { restaurantId, from: slot.startsAt, to: slot.endsAt }, t);
    if (!day) throw notFound('Restaurant');
    let candidates: string[][];
    if (body.tableIds) {
      const known = new Set(day.tables.map((d) => d.id));
      const i = body.tableIds.findIndex((id) => !known.has(id));
      if (i >= 0) throw fieldError(`tableIds.${i}`, 'no such table in this restaurant');
      if (new Set(body.tableIds).size !== body.tableIds.length) throw fieldError('tableIds', 'a table is given twice');
      candidates = [body.tableIds];
    } else {
      candidates = freeCandidates(day.tables, day.holds, body.partySize, slot);
    }
    const id = crypto.randomUUID();
    const key = ctx.config.piiKey;
    const held = await holdFirstFree(
      ctx,
      t,
      {
        id,
        restaurantId,
        partySize: body.partySize,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        nameEnc: encryptPii(key, body.name ?? '')!,
        phoneEnc: encryptPii(key, '')!,
        emailEnc: encryptPii(key, '')!,
        notes: body.notes || null,
        userId: null,
        // No guest holds a token for a walk-in: the hash of one nobody was given.
        tokenHash: reservationTokenHash(ctx.config.sessionSecret, `rt_${crypto.randomBytes(32).toString('base64url')}`),
        walkIn: true,
      },
      candidates,
    );
    if (!held) throw slotUnavailable(body.tableIds ? 'These tables are not free now.' : 'No free table can take this party now.');
    const reservation = await readReservation(ctx, t, id);
    emit(await appendEvent(ctx.sequelize, t, { restaurantId, type: 'reservation.created', data: sealReservation(key, reservation) }));
    return reservation;
  });
}

/** The booking's row, locked, once the caller may act on it (else 404, as for a booking that does not exist). */
async function lockedFor(
  ctx: Ctx,
  t: Transaction,
  id: string,
  action: 'reservation.seat' | 'reservation.complete',
  version: number | undefined,
): Promise<ReservationRow> {
  const r = await models(ctx.sequelize).Reservation.findByPk(id, { transaction: t, lock: t.LOCK.UPDATE });
  // A waitlist offer's hold is not a booking until accepted.
  if (!r || (r.status as string) === 'held') throw notFound('Reservation');
  authorize(ctx.actor, action, { restaurantId: r.restaurantId });
  if (version !== undefined && version !== r.version) {
    throw versionConflict('booking', r.version);
  }
  return r;
}

async function activeTables(ctx: Ctx, t: Transaction, reservationId: string): Promise<string[]> {
  const holds = await models(ctx.sequelize).ReservationTable.findAll({
    attributes: ['tableId'],
    where: { reservationId, active: true },
    transaction: t,
  });
  return holds.map((h) => h.tableId).sort();
}

/** The booking as it stands in this transaction, with every table it holds or held. */
async function readReservation(ctx: Pick<Ctx, 'sequelize' | 'config'>, t: Transaction, id: string) {
  const m = models(ctx.sequelize);
  const row = await m.Reservation.findByPk(id, {
    include: [{ model: m.ReservationTable, as: 'holds', attributes: ['tableId'] }],
    transaction: t,
  });
  if (!row) throw notFound('Reservation');
  return reservationOfRow(
    ctx.config.piiKey,
    row,
    (row.holds ?? []).map((h) => h.tableId),
  );
}

/** Writes the changed booking's `reservation.updated` (staff only, contact sealed); returns the booking. */
export async function commitReservationChange(
  ctx: Pick<Ctx, 'sequelize' | 'config'>,
  t: Transaction,
  id: string,
  emit: (e: StoredEvent) => void,
): Promise<Reservation> {
  const reservation = await readReservation(ctx, t, id);
  emit(
    await appendEvent(ctx.sequelize, t, {
      restaurantId: reservation.restaurantId,
      type: 'reservation.updated',
      data: sealReservation(ctx.config.piiKey, reservation),
    }),
  );
  return reservation;
}
