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

/** The live session with this token hash: not revoked, not expired; its device only if not revoked. */
export async function findSessionOwner(sequelize: Sequelize, tokenHash: string): Promise<SessionOwner | null> {
  return one<SessionOwner>(
    sequelize,
    `SELECT s.id AS session_id, u.id AS user_id, u.role, u.name,
            (SELECT coalesce(array_agg(sr.restaurant_id), '{}') FROM staff_restaurants sr WHERE sr.user_id = u.id) AS restaurant_ids,
            d.id AS device_id, d.restaurant_id AS device_restaurant_id, d.kind AS device_kind, d.station_id
       FROM sessions s
       LEFT JOIN users u ON u.id = s.user_id
       LEFT JOIN devices d ON d.id = s.device_id AND d.revoked_at IS NULL
      WHERE s.token_hash = $tokenHash AND s.revoked_at IS NULL AND s.expires_at > now()`,
    { tokenHash },
  );
}
