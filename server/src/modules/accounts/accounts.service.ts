import type { User } from '@dinewire/protocol';
import { UniqueConstraintError, type Sequelize } from 'sequelize';
import type { Ctx } from '../../context';
import { equalsIgnoringCase } from '../../db/search';
import { AppError, unauthenticated } from '../../errors';
import { authorize } from '../../policies';
import { encryptPii } from '../../lib/pii';
import { models } from '../../models';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { presentUser } from './user.presenter';

/** The restaurants a staff member works in, in listing order (empty for guests). */
async function restaurantIdsOf(sequelize: Sequelize, userId: string): Promise<string[]> {
  const { Restaurant, StaffRestaurant } = models(sequelize);
  const list = await Restaurant.findAll({
    attributes: ['id'],
    include: [{ model: StaffRestaurant, as: 'staffLinks', attributes: [], where: { userId } }],
    order: [
      ['sort', 'ASC'],
      ['slug', 'ASC'],
    ],
  });
  return list.map((r) => r.id);
}

export async function login(ctx: Ctx, props: { email: string; password: string }): Promise<{ user: User; token: string }> {
  // lower(email): the users_email index, and addresses match whatever their case
  const u = await models(ctx.sequelize).User.findOne({ where: equalsIgnoringCase('email', props.email) });
  const ok = await verifyPassword(u?.passwordHash ?? (await dummyPasswordHash()), props.password);
  if (!u || !ok) throw unauthenticated('Wrong email or password.');
  const [{ token }, restaurantIds] = await Promise.all([
    createSession(ctx.sequelize, { userId: u.id }),
    restaurantIdsOf(ctx.sequelize, u.id),
  ]);
  return { user: presentUser(u, restaurantIds), token };
}

export async function register(
  ctx: Ctx,
  props: { name: string; email: string; phone: string; password: string },
): Promise<{ user: User; token: string }> {
  const passwordHash = await hashPassword(props.password);
  try {
    return await ctx.sequelize.transaction(async (t) => {
      const u = await models(ctx.sequelize).User.create(
        {
          email: props.email.toLowerCase(),
          name: props.name,
          phoneEnc: encryptPii(ctx.config.piiKey, props.phone),
          passwordHash,
          role: 'guest',
        },
        { transaction: t },
      );
      const { token } = await createSession(ctx.sequelize, { userId: u.id }, t);
      return { user: presentUser(u, []), token };
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
  const u = ctx.actor.kind === 'user' ? await models(ctx.sequelize).User.findByPk(ctx.actor.id) : null;
  if (!u) throw unauthenticated();
  return presentUser(u, await restaurantIdsOf(ctx.sequelize, u.id));
}
