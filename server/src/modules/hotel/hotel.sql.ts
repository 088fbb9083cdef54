import type { Sequelize, Transaction } from 'sequelize';
import { one } from '../../db/sql';

/**
 * One miss of a self-service room charge, counted in one statement so that racing misses all count:
 * a window older than `windowHours` (and not locked) starts again at one; the room locks when the
 * count reaches `limit`. `justLocked` is true for the one miss that locked it.
 */
export async function countRoomMiss(
  sequelize: Sequelize,
  t: Transaction,
  b: { roomNumber: string; restaurantId: string; limit: number; windowHours: number },
): Promise<{ misses: number; lockedAt: Date | null; justLocked: boolean }> {
  const r = await one<{ misses: number; locked_at: Date | null; just_locked: boolean }>(
    sequelize,
    `INSERT INTO room_locks AS l (room_number, misses, window_started_at, restaurant_id, locked_at)
       VALUES ($roomNumber, 1, now(), $restaurantId::uuid, CASE WHEN $limit::int <= 1 THEN now() END)
       ON CONFLICT (room_number) DO UPDATE SET
         misses = CASE WHEN l.locked_at IS NULL AND l.window_started_at < now() - make_interval(hours => $windowHours::int) THEN 1 ELSE l.misses + 1 END,
         window_started_at = CASE WHEN l.locked_at IS NULL AND l.window_started_at < now() - make_interval(hours => $windowHours::int)
           THEN now() ELSE l.window_started_at END,
         locked_at = CASE WHEN l.locked_at IS NOT NULL THEN l.locked_at
           WHEN l.window_started_at >= now() - make_interval(hours => $windowHours::int) AND l.misses + 1 >= $limit::int THEN now() END,
         restaurant_id = EXCLUDED.restaurant_id
       -- misses stop counting once locked (a locked room is refused before any match), so the miss that
       -- reached the limit is the one that locked it
       RETURNING misses, locked_at, locked_at IS NOT NULL AND misses = $limit::int AS just_locked`,
    b,
    t,
  );
  return { misses: r!.misses, lockedAt: r!.locked_at, justLocked: r!.just_locked };
}
