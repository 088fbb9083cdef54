import type { RoomLock as RoomLockView } from '@dinewire/protocol';
import { Op, type Transaction } from 'sequelize';
import { type Ctx, inTransaction, type Services } from '../../context';
import { notFound } from '../../errors';
import { models, type RoomLock } from '../../models';
import { authorize } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { countRoomMiss } from './hotel.sql';
import { normalisedRoom } from './hotelStays';

/**
 * A room number that misses this often within ROOM_LOCK_WINDOW_HOURS is locked for self-service room
 * charges until a host or manager unlocks it. Against a 4-digit PIN (the shortest allowed) ten
 * guesses a day give a stranger who already knows the guest's name a 1-in-1,000 chance before the
 * lock, and a guest who mistypes has nine tries; the throttle (roomChargeThrottle) spreads even those.
 */
export const ROOM_LOCK_MISSES = 10;
export const ROOM_LOCK_WINDOW_HOURS = 24;

/** Whether guests' devices may no longer charge this room. */
export async function isRoomLocked(services: Pick<Services, 'sequelize'>, roomNumber: string, t?: Transaction): Promise<boolean> {
  const lock = await models(services.sequelize).RoomLock.findOne({
    attributes: ['roomNumber'],
    where: { roomNumber: normalisedRoom(roomNumber), lockedAt: { [Op.ne]: null } },
    transaction: t,
  });
  return lock !== null;
}

/**
 * Counts a miss against the room in its own transaction (the order's own rolled back); the miss that
 * locks it tells the staff of the restaurant it was made at (`room.locked`, staff scope only).
 */
export async function recordRoomMiss(services: Services, m: { roomNumber: string; restaurantId: string }): Promise<void> {
  await inTransaction(services, async (t, emit) => {
    const counted = await countRoomMiss(services.sequelize, t, {
      roomNumber: normalisedRoom(m.roomNumber),
      restaurantId: m.restaurantId,
      limit: ROOM_LOCK_MISSES,
      windowHours: ROOM_LOCK_WINDOW_HOURS,
    });
    if (!counted.justLocked) return;
    const data: RoomLockView = {
      roomNumber: normalisedRoom(m.roomNumber),
      misses: counted.misses,
      lockedAt: counted.lockedAt!.toISOString(),
      restaurantId: m.restaurantId,
    };
    emit(await appendEvent(services.sequelize, t, { restaurantId: m.restaurantId, type: 'room.locked', data }));
  });
}

function present(l: RoomLock): RoomLockView {
  return { roomNumber: l.roomNumber, misses: l.misses, lockedAt: l.lockedAt!.toISOString(), restaurantId: l.restaurantId };
}

/** The hotel's locked rooms (a room is the hotel's, whichever restaurant it was locked at), for its staff. */
export async function listLockedRooms(ctx: Ctx, restaurantId: string): Promise<RoomLockView[]> {
  authorize(ctx.actor, 'room.locks', { restaurantId });
  const locks = await models(ctx.sequelize).RoomLock.findAll({ where: { lockedAt: { [Op.ne]: null } }, order: [['lockedAt', 'DESC']] });
  return locks.map(present);
}

/** Unlocks a room (and forgets its misses); its staff are told (`room.unlocked`). */
export async function unlockRoom(ctx: Ctx, props: { restaurantId: string; roomNumber: string }): Promise<{ roomNumber: string }> {
  authorize(ctx.actor, 'room.locks', { restaurantId: props.restaurantId });
  const roomNumber = normalisedRoom(props.roomNumber);
  return inTransaction(ctx, async (t, emit) => {
    const removed = await models(ctx.sequelize).RoomLock.destroy({ where: { roomNumber, lockedAt: { [Op.ne]: null } }, transaction: t });
    if (removed === 0) throw notFound('Locked room');
    emit(await appendEvent(ctx.sequelize, t, { restaurantId: props.restaurantId, type: 'room.unlocked', data: { roomNumber } }));
    return { roomNumber };
  });
}
