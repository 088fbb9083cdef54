import type { DeviceKind, Role } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';

/**
 * Raw SQL of accounts: resolving a token to its session's user or device. It runs on every
 * session-cache miss (each token every few seconds, every socket handshake), so it stays one
 * round trip and no model hydration.
 */

export interface SessionOwner {
  session_id: string;
  user_id: string | null;
  role: Role | null;
  name: string | null;
  restaurant_ids: string[] | null;
  device_id: string | null;
  device_restaurant_id: string | null;
  device_kind: DeviceKind | null;
  station_id: string | null;
}

/**
 * The live session with this token hash: not revoked, not expired, a user's not idle past
 * `idleMinutes`; its device only if not revoked. In the same round trip it marks the session
 * used, at most once a minute, so a busy token does not write on every lookup.
 */
export async function findSessionOwner(sequelize: Sequelize, tokenHash: string, idleMinutes: number): Promise<SessionOwner | null> {
  return one<SessionOwner>(
    sequelize,
    `WITH live AS (
       SELECT id, user_id, device_id FROM sessions
        WHERE token_hash = $tokenHash AND revoked_at IS NULL AND expires_at > now()
          AND (user_id IS NULL OR last_used_at > now() - make_interval(mins => $idleMinutes::int))),
     touched AS (
       UPDATE sessions SET last_used_at = now()
        WHERE id = (SELECT id FROM live) AND last_used_at < now() - interval '1 minute')
     SELECT s.id AS session_id, u.id AS user_id, u.role, u.name,
            (SELECT coalesce(array_agg(sr.restaurant_id), '{}') FROM staff_restaurants sr WHERE sr.user_id = u.id) AS restaurant_ids,
            d.id AS device_id, d.restaurant_id AS device_restaurant_id, d.kind AS device_kind, d.station_id
       FROM live s
       LEFT JOIN users u ON u.id = s.user_id
       LEFT JOIN devices d ON d.id = s.device_id AND d.revoked_at IS NULL`,
    { tokenHash, idleMinutes },
  );
}
