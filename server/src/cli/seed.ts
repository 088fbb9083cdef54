import { parseArgs } from 'node:util';
import { migrate } from '../db/migrator';
import { seedDemo } from '../demo/demoSeeder';
import { runCli, say } from './run';

const USAGE = `Usage: npm run seed:demo

Migrates, then writes the demo hotel (restaurants, menus, stock, demo accounts with the
password dinewire-demo) into a database that has no restaurant yet. Does nothing to a
database that has one. Refused in production (NODE_ENV=production).`;

const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  say(USAGE);
  process.exit(0);
}

void runCli(async ({ config, db }) => {
  // Demo accounts share a published password: never in a real hotel's database.
  if (config.env === 'production') throw new Error('seed:demo is refused in production (NODE_ENV=production)');
  await migrate(db.sequelize, undefined, { piiKey: config.piiKey });
  const { seeded } = await seedDemo(db.sequelize, { piiKey: config.piiKey, log: say });
  if (!seeded) say('nothing seeded: the database already has restaurants');
});
