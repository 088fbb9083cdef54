import path from 'node:path';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

/** Secrets a data migration may need, e.g. PII_KEY to encrypt rows that were stored in plain text. */
export interface MigrationSecrets {
  piiKey?: Buffer;
}

export type MigrationFn = (params: { name: string; path?: string; context: QueryInterface; secrets: MigrationSecrets }) => Promise<void>;

/** Migrations are timestamped files in db/migrations, each with `up` and `down`; never sync(). */
export function createMigrator(sequelize: Sequelize, log?: (msg: string) => void, secrets: MigrationSecrets = {}) {
  return new Umzug<QueryInterface>({
    migrations: {
      // .js once compiled, .ts under ts-jest. The pre-release core migration was split by
      // concern; tsc leaves its compiled file in a dist/ built before the split, so skip it.
      glob: ['migrations/*.{js,ts}', { cwd: __dirname, ignore: ['**/*.d.ts', '**/*.map', '**/20261125000100-core.*'] }],
      resolve: ({ name, path: file, context }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file!) as { up: MigrationFn; down: MigrationFn };
        const base = path.basename(name, path.extname(name));
        return {
          name: base,
          up: async () => mod.up({ name: base, path: file, context, secrets }),
          down: async () => mod.down({ name: base, path: file, context, secrets }),
        };
      },
    },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: log
      ? { info: (m) => log(typeof m === 'string' ? m : JSON.stringify(m)), warn: () => {}, error: () => {}, debug: () => {} }
      : undefined,
  });
}

/** Several nodes may boot at once: one migrates, the others wait on the lock. */
export async function migrate(sequelize: Sequelize, log?: (msg: string) => void, secrets: MigrationSecrets = {}): Promise<void> {
  const migrator = createMigrator(sequelize, log, secrets);
  await sequelize.transaction(async (t) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(727000)', { transaction: t });
    await refusePreSplitSchema(sequelize);
    // Umzug uses its own queries outside this transaction; the lock is what matters.
    await migrator.up();
  });
}

/**
 * Before its first release the one core migration was split by concern (same tables). A
 * database migrated by the old one would fail on "relation already exists"; say why instead.
 */
async function refusePreSplitSchema(sequelize: Sequelize): Promise<void> {
  const [found] = await sequelize.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'schema_migrations'`,
  );
  if (found.length === 0) return;
  const [old] = await sequelize.query(`SELECT 1 FROM schema_migrations WHERE name = '20261125000100-core'`);
  if (old.length > 0) {
    throw new Error(
      'this database was migrated by a pre-release schema (migration 20261125000100-core, since split by concern); ' +
        'recreate it: delete .data/pg for the embedded database, or drop and create the database named in DATABASE_URL',
    );
  }
}
