// Running commands from the repository root, and handing a terminal's signals to a child.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a command from the repository root (inherited output by default); rejects on a non-zero exit. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** The TypeScript compiler of this repository, run by this Node (no npx round trip). */
export function tscCommand(args) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  return fs.existsSync(tsc) ? [process.execPath, [tsc, ...args]] : ['npx', ['tsc', ...args]];
}

export function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}

/** The exit code a shell reports for a child that ended this way. */
export function exitCodeOf(code, signal) {
  return code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1);
}

/**
 * Forwards SIGINT, SIGTERM and SIGHUP (as SIGTERM: a detached child would outlive the
 * terminal) to a child started in its own process group. npm and the terminal may both
 * deliver one Ctrl-C; a repeat within 500 ms is dropped, so only a second, deliberate Ctrl-C
 * reaches the child (which then skips its graceful drain).
 */
export function forwardSignals(child) {
  let last = 0;
  const forward = (signal) => {
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGHUP', () => forward('SIGTERM'));
}
