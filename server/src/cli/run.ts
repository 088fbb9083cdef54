import { loadConfigOrExit, type Config } from '../config';
import { openDatabase, type OpenDatabase } from '../db/open';
import { createLogger, type Logger } from '../logger';

/**
 * What the command-line tools share: the server's own configuration (the same
 * environment as `npm start`, embedded PostgreSQL included), a logger, and an exit code.
 */
export async function runCli(task: (ctx: { config: Config; logger: Logger; db: OpenDatabase }) => Promise<void>): Promise<never> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, config.nodeId);
  let db: OpenDatabase | null = null;
  let code = 0;
  try {
    db = await openDatabase(config, logger);
    await task({ config: { ...config, databaseUrl: db.url }, logger, db });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    code = 1;
  } finally {
    await db?.close();
  }
  process.exit(code);
}

/** A message for the person at the terminal (logs go to the logger). */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
