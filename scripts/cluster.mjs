#!/usr/bin/env node
// `npm run cluster [-- options]`: several server nodes on this machine behind nginx, sharing one
// PostgreSQL and one Redis, with the same proxy configuration (deploy/nginx/dinewire.conf) that
// docker compose and the hotels run. Options: `npm run cluster -- --help`, or README.md's
// "Local cluster"; the parts are in scripts/cluster/.
//
// Two processes: this launcher, in the terminal's process group, and a detached supervisor (this
// same file, marked by an environment variable) that starts everything in a group of its own.
import { fileURLToPath } from 'node:url';
import { launch, SUPERVISOR_ENV } from './cluster/launcher.mjs';

if (process.env[SUPERVISOR_ENV] === '1') {
  const { supervise } = await import('./cluster/supervisor.mjs');
  await supervise();
} else {
  launch(fileURLToPath(import.meta.url));
}
