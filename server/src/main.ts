import { loadConfigOrExit } from './config';
import { migrate } from './db/migrator';
import { openDatabase } from './db/open';
import { seedDemoIfEmpty } from './demo/seedIfEmpty';
import { createLogger } from './logger';
import { models } from './models';
import { startNode } from './node';

/** Boot: config → database (embedded when none is given) → migrations → demo seed (empty database, not production) → http → realtime. */
async function main(): Promise<void> {
  let config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, config.nodeId);

  const db = await openDatabase(config, logger);
  config = { ...config, databaseUrl: db.url };
  const sequelize = db.sequelize;
  await migrate(sequelize, (msg) => logger.info({ migration: msg }, 'migrated'), { piiKey: config.piiKey });
  const seeded = await seedDemoIfEmpty(sequelize, config, (msg) => logger.info(msg));
  // A real hotel's empty database: no demo accounts, so say how the first one is made.
  const noManager = config.env === 'production' && (await models(sequelize).User.count({ where: { role: 'manager' } })) === 0;
  const node = await startNode(config, { logger, sequelize, drainMs: config.env === 'production' ? 2000 : 0 });

  const base = `http://localhost:${node.port}`;
  process.stdout.write(
    [
      '',
      `  Dinewire is running (node ${config.nodeId}${config.redisUrl ? ', clustered through Redis' : ', single node'})`,
      seeded ? '  The demo hotel was seeded into the empty database.' : '',
      `  Guest kiosk:      ${base}/kiosk/`,
      `  Staff dashboard:  ${base}/dashboard/`,
      `  API:              ${base}/api/v1/restaurants`,
      config.env === 'production'
        ? ''
        : '  Demo accounts (password dinewire-demo): manager@example.com, chef@example.com, host@example.com, guest@example.com',
      noManager ? '  No manager account yet: npm run create-manager -- --email <email> --name <name> (password on stdin)' : '',
      '',
    ]
      .filter((l, i, all) => l !== '' || i === 0 || i === all.length - 1)
      .join('\n') + '\n',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await node.close();
      await db.close();
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
    }
    process.exit(0);
  };
  // Benchmarks run nodes with --expose-gc and collect garbage before reading memory per socket.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) process.on('SIGUSR2', () => gc());
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Dinewire failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
