import crypto from 'node:crypto';
import { fn, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../../policies/actor';
import { models } from '../../models';
import { findSessionOwner } from './accounts.sql';

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
  const days = isUser ? USER_TTL_DAYS : DEVICE_TTL_DAYS;
  const session = await models(sequelize).Session.create(
    {
      tokenHash: sha256(token),
      userId: isUser ? owner.userId : null,
      deviceId: isUser ? null : owner.deviceId,
      expiresAt: new Date(Date.now() + days * 24 * 3600 * 1000),
    },
    { transaction: t },
  );
  return { token, sessionId: session.id };
}

export async function revokeSession(sequelize: Sequelize, sessionId: string): Promise<void> {
  await models(sequelize).Session.update({ revokedAt: fn('now') }, { where: { id: sessionId, revokedAt: null } });
}

/** The actor a bearer token stands for, or null when it is unknown, expired or revoked. */
export async function resolveToken(sequelize: Sequelize, token: string): Promise<Actor | null> {
  if (!/^dw_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const r = await findSessionOwner(sequelize, sha256(token));
  if (!r) return null;
  if (r.user_id && r.role) {
    return {
      kind: 'user',
      id: r.user_id,
      sessionId: r.session_id,
      role: r.role,
      name: r.name ?? '',
      restaurantIds: r.restaurant_ids ?? [],
    };
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
