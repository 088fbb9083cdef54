import crypto from 'node:crypto';
import type { Ctx } from '../../context';
import type { Reservation as ReservationRow } from '../../models';
import type { ReservationWithToken } from '../../policies';
import { reservationTokenHash } from './reservationSecrets';

/** What the policies decide a booking's access on: its restaurant, its account, and whether the caller's token is its own. */
export function accessOf(ctx: Ctx, row: ReservationRow, token: string | undefined): ReservationWithToken {
  return { reservation: { restaurantId: row.restaurantId, userId: row.userId ?? null }, tokenValid: tokenMatches(ctx, row, token) };
}

function tokenMatches(ctx: Ctx, row: ReservationRow, token: string | undefined): boolean {
  if (!token) return false;
  const given = Buffer.from(reservationTokenHash(ctx.config.sessionSecret, token), 'hex');
  const stored = Buffer.from(row.tokenHash, 'hex');
  return given.length === stored.length && crypto.timingSafeEqual(given, stored);
}
