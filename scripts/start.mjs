#!/usr/bin/env node
// `npm start`: build what is stale, then run the server (which starts the embedded
// PostgreSQL when DATABASE_URL is unset, migrates, seeds and prints its URLs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from './build.mjs';
import { parseCommandLine } from './lib/cli.mjs';
import { exitCodeOf, forwardSignals, root } from './lib/process.mjs';

parseCommandLine({
  name: 'start',
  usage: `usage: npm start

Builds what is stale, then serves everything on PORT (default 3000). Configuration comes from
the environment (CONTRACT.md): DATABASE_URL (else an embedded PostgreSQL under .data/),
REDIS_URL (else a single node), SESSION_SECRET, PII_KEY, LOG_LEVEL, ...
`,
});

try {
  await build('all');
} catch (err) {
  process.stderr.write(`[start] build failed: ${err.message}\n`);
  process.exit(1);
}

// The server runs in its own process group, so a Ctrl-C in the terminal reaches it once,
// through us, and not its embedded PostgreSQL directly: the server drains, then stops it.
const server = spawn(process.execPath, [path.join(root, 'server', 'dist', 'main.js')], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
});
forwardSignals(server);

server.on('error', (err) => {
  process.stderr.write(`[start] could not start the server: ${err.message}\n`);
  process.exit(1);
});
server.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
