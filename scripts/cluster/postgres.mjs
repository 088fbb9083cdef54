// PostgreSQL for the nodes: DATABASE_URL when set, else the embedded PostgreSQL of `npm start`
// (.data/pg, port EMBEDDED_PG_PORT or 5439), run by the supervisor and stopped last.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { redactUrl } from '../lib/net.mjs';
import { root } from '../lib/process.mjs';
import { clusterDir, dataDir, rel } from './paths.mjs';

/** `{url, label}` of the database, or null when a shutdown began while it started. */
export async function ensurePostgres({ state, say }) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, label: redactUrl(process.env.DATABASE_URL) };
  const pgPort = Number(process.env.EMBEDDED_PG_PORT || 5439);
  const pgDir = path.join(dataDir, 'pg');
  const logFile = path.join(clusterDir, 'postgres.log');
  const pgLog = fs.createWriteStream(logFile, { flags: 'a' });
  say(`no DATABASE_URL: starting the embedded PostgreSQL (${rel(pgDir)}, port ${pgPort}; log ${rel(logFile)})`);
  const embeddedModule = path.join(root, 'server', 'dist', 'db', 'embedded.js');
  const { startEmbeddedPostgres } = await import(pathToFileURL(embeddedModule).href);
  state.embeddedStarting = startEmbeddedPostgres({
    dataDir: pgDir,
    port: pgPort,
    log: (msg) => pgLog.write(`${new Date().toISOString()} ${msg}\n`),
  });
  state.embedded = await state.embeddedStarting;
  if (state.stopping) return null;
  return { url: state.embedded.url, label: `embedded, 127.0.0.1:${pgPort} (${rel(pgDir)})` };
}
