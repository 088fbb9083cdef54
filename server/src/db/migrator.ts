import path from 'node:path';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug, type MigrationFn as UmzugMigrationFn } from 'umzug';

export type MigrationFn = UmzugMigrationFn<QueryInterface>;

/** Migrations are timestamped files in db/migrations, each with `up` and `down`; never sync(). */
export function createMigrator(sequelize: Sequelize, log?: (msg: string) => void) {
  return new Umzug<QueryInterface>({
    migrations: {
      // .js once compiled, .ts under ts-jest
      glob: ['migrations/*.{js,ts}', { cwd: __dirname, ignore: ['**/*.d.ts', '**/*.map'] }],
      resolve: ({ name, path: file, context }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file!) as { up: MigrationFn; down: MigrationFn };
        const base = path.basename(name, path.extname(name));
        return {
          name: base,
          up: async () => mod.up({ name: base, path: file, context }),
          down: async () => mod.down({ name: base, path: file, context }),
        };
      },
    },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: log ? { info: (m) => log(typeof m === 'string' ? m : JSON.stringify(m)), warn: () => {}, error: () => {}, debug: () => {} } : undefined,
  });
}

/** Several nodes may boot at once: one migrates, the others wait on the lock. */
export async function migrate(sequelize: Sequelize, log?: (msg: string) => void): Promise<void> {
  const migrator = createMigrator(sequelize, log);
  await sequelize.transaction(async (t) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(727000)', { transaction: t });
    // Umzug uses its own queries outside this transaction; the lock is what matters.
    await migrator.up();
  });
}
