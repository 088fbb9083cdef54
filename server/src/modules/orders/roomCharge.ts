import type { OrderCreate } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import type { Ctx } from '../../context';
import { AppError, fieldError, forbidden } from '../../errors';
import { can } from '../../policies';
import { matchStay } from '../hotel/hotelStays';
import { isRoomLocked, recordRoomMiss } from '../hotel/roomLocks';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';

/** The stay a room order is charged to, and whether the charge waits for staff to confirm it. */
export interface RoomCharge {
  stayId: string;
  held: boolean;
}

const MISS_MESSAGE = 'does not match an in-house guest';

/**
 * A room charge that matched no stay: one answer whatever did not match (room, name or PIN), naming
 * the room-charge fields the request gave. `selfService` misses (from a guest's own device) count
 * towards the room's lock once the order's transaction is gone.
 */
export class RoomChargeMiss extends AppError {
  constructor(
    readonly roomNumber: string,
    readonly selfService: boolean,
    fields: string[],
  ) {
    super(
      'validation',
      'The room charge could not be made: check the room number, the name and the PIN.',
      400,
      fields.map((field) => ({ field, message: MISS_MESSAGE })),
    );
  }
}

/**
 * After a request's rollback: a self-service miss counts towards its room's lock. Failing to count
 * leaves the throttle as it was, and the guest's answer (the request's own error) stands.
 */
export async function countRoomMiss(ctx: Ctx, err: unknown, restaurantId: string | undefined): Promise<void> {
  if (!(err instanceof RoomChargeMiss) || !err.selfService || !restaurantId) return;
  await recordRoomMiss(ctx, { roomNumber: err.roomNumber, restaurantId }).catch((e: unknown) =>
    ctx.logger.error({ err: e }, 'could not count a room-charge miss'),
  );
}

/**
 * Decides a room charge. Staff of the restaurant charge an in-house guest's room by name; a guest's
 * own device (anonymous, a guest account, a kiosk) also gives the stay's PIN, or, where the
 * restaurant holds such charges, gets its order held for staff to confirm. Self-service attempts are
 * throttled per room and per address, and refused for a locked room whatever they give.
 */
export async function decideRoomCharge(
  ctx: Ctx,
  t: Transaction,
  throttle: RoomChargeThrottle,
  // Only the room fields: a booking's deposit is charged to a room the same way.
  q: { body: Pick<OrderCreate, 'restaurantId' | 'roomNumber' | 'guestName' | 'roomPin'>; holdsRoomCharges: boolean; timeZone: string },
): Promise<RoomCharge> {
  const { body } = q;
  const roomNumber = body.roomNumber!;
  const guestName = body.guestName!;
  const pin = body.roomPin;
  if (can(ctx.actor, 'room.chargeWithoutPin', { restaurantId: body.restaurantId })) {
    const match = await matchStay(ctx.sequelize, t, ctx.config.piiKey, { roomNumber, guestName, timeZone: q.timeZone });
    if (!match) throw new RoomChargeMiss(roomNumber, false, ['roomNumber', 'guestName']);
    return { stayId: match.stayId, held: false };
  }
  if (!pin && !q.holdsRoomCharges) throw fieldError('roomPin', 'required when paying by room from a guest’s own device');
  await throttle.attempt(roomNumber, ctx.ip);
  if (await isRoomLocked(ctx, roomNumber, t)) {
    throw forbidden('Room charges for this room are paused after repeated failed attempts; please ask the staff.');
  }
  const match = await matchStay(ctx.sequelize, t, ctx.config.piiKey, { roomNumber, guestName, pin, timeZone: q.timeZone });
  if (!match || (pin !== undefined && !match.pinMatches)) {
    throw new RoomChargeMiss(roomNumber, true, pin !== undefined ? ['roomNumber', 'guestName', 'roomPin'] : ['roomNumber', 'guestName']);
  }
  await throttle.matched(roomNumber, ctx.ip);
  return { stayId: match.stayId, held: pin === undefined };
}
