import type { User } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import type { Ctx } from '../../context';
import { unauthenticated } from '../../errors';
import { emailLookupHash } from '../../lib/pii';
import { models } from '../../models';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { signIn } from './sessions';
import { presentUser } from './user.presenter';

/** The restaurants a staff member works in, in listing order (empty for guests). */
export async function restaurantIdsOf(sequelize: Sequelize, userId: string): Promise<string[]> {
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

/** Email and password to a session; the same answer and about the same time whether or not the account exists. */
export async function login(ctx: Ctx, props: { email: string; password: string }): Promise<{ user: User; token: string }> {
  // By the address's keyed hash (users_email_hash): emails are stored encrypted; any case matches.
  const u = await models(ctx.sequelize).User.findOne({ where: { emailHash: emailLookupHash(ctx.config.piiKey, props.email) } });
  const ok = await verifyPassword(u?.passwordHash ?? (await dummyPasswordHash()), props.password);
  if (!u || !ok) throw unauthenticated('Wrong email or password.');
  const [{ token }, restaurantIds] = await Promise.all([signIn(ctx, u.id), restaurantIdsOf(ctx.sequelize, u.id)]);
  return { user: presentUser(u, restaurantIds, ctx.config.piiKey), token };
}
