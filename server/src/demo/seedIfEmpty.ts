import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { models } from '../models';

/**
 * Start-up's demo seeding: only outside production, only into a database with no
 * restaurant. The demo data (and its seeder) is imported here, on demand, so a node
 * serving a real hotel never loads it. seedDemo checks again under its lock.
 */
export async function seedDemoIfEmpty(sequelize: Sequelize, config: Config, log: (msg: string) => void): Promise<boolean> {
  if (config.env === 'production') return false;
  if (await models(sequelize).Restaurant.findOne({ attributes: ['id'] })) return false;
  const { seedDemo } = await import('./demoSeeder');
  return (await seedDemo(sequelize, { piiKey: config.piiKey, log })).seeded;
}
