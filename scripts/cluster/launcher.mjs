// The process in the terminal's group: starts the detached supervisor, forwards signals to it,
// and exits as it does. A Ctrl-C so reaches the supervisor once and never the embedded
// PostgreSQL or nginx directly, which it stops in order (nodes first, the database last).
import { spawn } from 'node:child_process';
import { exitCodeOf, forwardSignals, root } from '../lib/process.mjs';
import { parseClusterArgs } from './args.mjs';

export const SUPERVISOR_ENV = 'DINEWIRE_CLUSTER_SUPERVISOR';

export function launch(entry) {
  const argv = process.argv.slice(2);
  parseClusterArgs(argv); // --help and a bad command line answer here, before anything starts
  const child = spawn(process.execPath, [entry, ...argv], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: { ...process.env, [SUPERVISOR_ENV]: '1' },
  });
  forwardSignals(child);
  child.on('error', (err) => {
    process.stderr.write(`[cluster] could not start: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
}
