import type { User } from '@dinewire/protocol';
import { UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../context';
import { one } from '../../db/sql';
import { AppError, unauthenticated } from '../../errors';
import { authorize } from '../../policies';
import { encryptPii } from '../../lib/pii';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { createSession } from './sessions';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  password_hash: string;
  restaurant_ids: string[];
}

const USER_SELECT = `SELECT u.id, u.email, u.name, u.role, u.password_hash,
  (SELECT coalesce(array_agg(sr.restaurant_id ORDER BY r.sort, r.slug), '{}')
     FROM staff_restaurants sr JOIN restaurants r ON r.id = sr.restaurant_id WHERE sr.user_id = u.id) AS restaurant_ids
  FROM users u`;

export function presentUser(u: UserRow): User {
  return { id: u.id, name: u.name, email: u.email, role: u.role, restaurantIds: u.restaurant_ids };
}

export async function login(ctx: Ctx, props: { email: string; password: string }): Promise<{ user: User; token: string }> {
  const u = await one<UserRow>(ctx.sequelize, `${USER_SELECT} WHERE lower(u.email) = lower($1)`, [props.email]);
  const ok = await verifyPassword(u?.password_hash ?? (await dummyPasswordHash()), props.password);
  if (!u || !ok) throw unauthenticated('Wrong email or password.');
  const { token } = await createSession(ctx.sequelize, { userId: u.id });
  return { user: presentUser(u), token };
}

export async function register(
  ctx: Ctx,
  props: { name: string; email: string; phone: string; password: string },
): Promise<{ user: User; token: string }> {
  const passwordHash = await hashPassword(props.password);
  try {
    return await ctx.sequelize.transaction(async (t) => {
      const u = await one<{ id: string }>(
        ctx.sequelize,
        `INSERT INTO users (email, name, phone_enc, password_hash, role) VALUES ($1, $2, $3, $4, 'guest') RETURNING id`,
        [props.email.toLowerCase(), props.name, encryptPii(ctx.config.piiKey, props.phone), passwordHash],
        t,
      );
      const { token } = await createSession(ctx.sequelize, { userId: u!.id }, t);
      return {
        user: { id: u!.id, name: props.name, email: props.email.toLowerCase(), role: 'guest' as const, restaurantIds: [] },
        token,
      };
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) {
      throw new AppError('conflict', 'An account with this email already exists.', 409, [
        { field: 'email', message: 'already registered' },
      ]);
    }
    throw err;
  }
}

export async function me(ctx: Ctx): Promise<User> {
  authorize(ctx.actor, 'account.read', {});
  const u = await one<UserRow>(ctx.sequelize, `${USER_SELECT} WHERE u.id = $1`, [ctx.actor.kind === 'user' ? ctx.actor.id : null]);
  if (!u) throw unauthenticated();
  return presentUser(u);
}

