import { parseArgs } from 'node:util';
import { createMigrator, migrate } from '../db/migrator';
import { runCli, say } from './run';

const USAGE = `Usage: npm run migrate [-- --status]

Applies the pending migrations to DATABASE_URL (or the embedded database of demo mode).
  --status   list applied and pending migrations, change nothing`;

const { values } = parseArgs({ options: { status: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  say(USAGE);
  process.exit(0);
}

void runCli(async ({ config, db }) => {
  if (values.status) {
    const migrator = createMigrator(db.sequelize);
    for (const m of await migrator.executed()) say(`applied  ${m.name}`);
    for (const m of await migrator.pending()) say(`pending  ${m.name}`);
    return;
  }
  const before = new Set((await createMigrator(db.sequelize).executed()).map((m) => m.name));
  await migrate(db.sequelize, undefined, { piiKey: config.piiKey });
  const applied = (await createMigrator(db.sequelize).executed()).filter((m) => !before.has(m.name));
  say(applied.length ? applied.map((m) => `applied  ${m.name}`).join('\n') : 'the database is up to date');
});
