import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { emailLookupHash } from '../../lib/pii';
import { models } from '../../models';
import { emailColumns, phoneColumns } from './accountEmail';
import { passwordProblem } from './passwordPolicy';
import { hashPassword } from './passwords';

/**
 * The first manager of a real hotel's database (production seeds no demo accounts): a manager
 * of every restaurant there is, so whoever installs the system can sign in and set it up.
 * Refuses an email that already has an account and a password a sign-up would refuse;
 * everything happens in one transaction.
 */
export async function createManager(
  sequelize: Sequelize,
  config: Config,
  props: { email: string; name: string; password: string; phone?: string },
): Promise<{ userId: string; restaurantIds: string[] }> {
  const { Restaurant, StaffRestaurant, User } = models(sequelize);
  const problem = await passwordProblem(props.password);
  if (problem) throw new Error(`password: ${problem}`);
  const passwordHash = await hashPassword(props.password);
  return sequelize.transaction(async (t) => {
    if (await User.findOne({ where: { emailHash: emailLookupHash(config.piiKey, props.email) }, transaction: t })) {
      throw new Error(`an account with the email ${props.email} already exists`);
    }
    const user = await User.create(
      {
        ...emailColumns(config.piiKey, props.email),
        name: props.name.trim(),
        ...phoneColumns(config.piiKey, props.phone),
        passwordHash,
        role: 'manager',
      },
      { transaction: t },
    );
    const restaurants = await Restaurant.findAll({ attributes: ['id'], transaction: t });
    await StaffRestaurant.bulkCreate(
      restaurants.map((r) => ({ userId: user.id, restaurantId: r.id })),
      { transaction: t },
    );
    return { userId: user.id, restaurantIds: restaurants.map((r) => r.id) };
  });
}
