import crypto from 'node:crypto';
import type { DeviceKind, Role } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import type { Actor } from '../../policies/actor';
import { exec, one } from '../../db/sql';

const USER_TTL_DAYS = 14;
const DEVICE_TTL_DAYS = 365;

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** Tokens are random; only their hash is stored, so a leaked table holds no usable token. */
export function newToken(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
}

export async function createSession(
  sequelize: Sequelize,
  owner: { userId: string } | { deviceId: string },
  t?: Transaction,
): Promise<{ token: string; sessionId: string }> {
  const token = newToken('dw');
  const isUser = 'userId' in owner;
  const row = await one<{ id: string }>(
    sequelize,
    `INSERT INTO sessions (token_hash, user_id, device_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING id`,
    [sha256(token), isUser ? owner.userId : null, isUser ? null : owner.deviceId, isUser ? USER_TTL_DAYS : DEVICE_TTL_DAYS],
    t,
  );
  return { token, sessionId: row!.id };
}

export async function revokeSession(sequelize: Sequelize, sessionId: string): Promise<void> {
  await exec(sequelize, 'UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
}

interface SessionRow {
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

/** The actor a bearer token stands for, or null when it is unknown, expired or revoked. */
export async function resolveToken(sequelize: Sequelize, token: string): Promise<Actor | null> {
  if (!/^dw_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const r = await one<SessionRow>(
    sequelize,
    `SELECT s.id AS session_id, u.id AS user_id, u.role, u.name,
            (SELECT coalesce(array_agg(sr.restaurant_id), '{}') FROM staff_restaurants sr WHERE sr.user_id = u.id) AS restaurant_ids,
            d.id AS device_id, d.restaurant_id AS device_restaurant_id, d.kind AS device_kind, d.station_id
       FROM sessions s
       LEFT JOIN users u ON u.id = s.user_id
       LEFT JOIN devices d ON d.id = s.device_id AND d.revoked_at IS NULL
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [sha256(token)],
  );
  if (!r) return null;
  if (r.user_id && r.role) {
    return { kind: 'user', id: r.user_id, sessionId: r.session_id, role: r.role, name: r.name ?? '', restaurantIds: r.restaurant_ids ?? [] };
  }
  if (r.device_id && r.device_restaurant_id && r.device_kind) {
    return {
      kind: 'device',
      id: r.device_id,
      sessionId: r.session_id,
      restaurantId: r.device_restaurant_id,
      deviceKind: r.device_kind,
      stationId: r.station_id,
    };
  }
  return null;
}
