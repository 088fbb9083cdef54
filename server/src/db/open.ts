import path from 'node:path';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createSequelize } from './connection';

export interface OpenDatabase {
  sequelize: Sequelize;
  /** DATABASE_URL, or the embedded cluster's address. */
  url: string;
  /** Closes the pool, then stops the embedded cluster if this process started it. */
  close(): Promise<void>;
}

/** The database at DATABASE_URL, or (demo mode, none given) the embedded PostgreSQL under the data folder. */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    const { startEmbeddedPostgres } = await import('./embedded');
    const dataDir = path.join(config.dataDir, 'pg');
    logger.info({ dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.embeddedPgPort,
      log: (msg: string) => logger.debug({ pg: msg }),
    });
    url = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  const sequelize = createSequelize(url, { poolMax: config.dbPoolMax });
  return {
    sequelize,
    url,
    close: async () => {
      await sequelize.close();
      await stopEmbedded?.();
    },
  };
}
