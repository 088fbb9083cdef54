#!/usr/bin/env node
// `npm start`: build what is stale, then run the server (which starts the embedded
// PostgreSQL when DATABASE_URL is unset, migrates, seeds and prints its URLs).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { build, root } from './build.mjs';

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

// npm and the terminal may both deliver the same Ctrl-C; forward a repeat only after a
// pause (a second, deliberate Ctrl-C lets the server skip its graceful drain).
let lastForwarded = 0;
const forward = (signal) => {
  const now = Date.now();
  if (now - lastForwarded < 500) return;
  lastForwarded = now;
  if (server.exitCode === null && server.signalCode === null) server.kill(signal);
};
process.on('SIGINT', () => forward('SIGINT'));
process.on('SIGTERM', () => forward('SIGTERM'));
process.on('SIGHUP', () => forward('SIGTERM')); // terminal closed: the detached server would survive it

server.on('error', (err) => {
  process.stderr.write(`[start] could not start the server: ${err.message}\n`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
});
