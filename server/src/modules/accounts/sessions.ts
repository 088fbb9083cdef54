import crypto from 'node:crypto';
import { fn, literal, Op, type Sequelize, type Transaction } from 'sequelize';
import type { Config } from '../../config';
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

/** What signing in needs (a narrow view of Services, which itself depends on this module). */
interface SignInServices {
  sequelize: Sequelize;
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxPerUser'>;
  revoked: (r: { sessionIds: string[] }) => void;
}

/**
 * Signs a user in: a new session, and the user's oldest live sessions beyond
 * SESSION_MAX_PER_USER ended through the `revoked` path after commit (evicted from every node's
 * cache, their sockets disconnected). The user's row is locked so concurrent sign-ins count right.
 */
export async function signIn(s: SignInServices, userId: string, t?: Transaction): Promise<{ token: string; sessionId: string }> {
  const run = async (tx: Transaction) => {
    const { User, Session } = models(s.sequelize);
    await User.findByPk(userId, { attributes: ['id'], lock: tx.LOCK.UPDATE, transaction: tx });
    const created = await createSession(s.sequelize, { userId }, tx);
    const beyond = await Session.findAll({
      attributes: ['id'],
      where: {
        userId,
        revokedAt: null,
        expiresAt: { [Op.gt]: fn('now') },
        lastUsedAt: { [Op.gt]: literal(`now() - make_interval(mins => ${Math.trunc(s.config.sessionIdleMinutes)})`) },
      },
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      offset: s.config.sessionMaxPerUser,
      transaction: tx,
    });
    const ended = beyond.map((b) => b.id).filter((id) => id !== created.sessionId);
    if (ended.length > 0) {
      await Session.update({ revokedAt: fn('now') }, { where: { id: ended }, transaction: tx });
      tx.afterCommit(() => s.revoked({ sessionIds: ended }));
    }
    return created;
  };
  return t ? run(t) : s.sequelize.transaction(run);
}

export async function revokeSession(sequelize: Sequelize, sessionId: string): Promise<void> {
  await models(sequelize).Session.update({ revokedAt: fn('now') }, { where: { id: sessionId, revokedAt: null } });
}

/** The actor a bearer token stands for, or null when it is unknown, expired, idle too long or revoked. */
export async function resolveToken(sequelize: Sequelize, token: string, idleMinutes: number): Promise<Actor | null> {
  if (!/^dw_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const r = await findSessionOwner(sequelize, sha256(token), idleMinutes);
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
