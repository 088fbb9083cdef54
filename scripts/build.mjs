#!/usr/bin/env node
// Builds what is not built or is stale.
//   node scripts/build.mjs [server|apps|all] [--force]     (default: all)
// server: `tsc -b protocol server loadtest` (incremental by itself).
// apps:   `npm run build -w <app>` only when <app>/dist/index.html is missing or older than
//         its sources (the app's src/, index.html, vite config, public/, and protocol/src).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APPS = ['kiosk', 'dashboard'];
const TS_PROJECTS = ['protocol', 'server', 'loadtest'];

/** Runs a command from the repository root with inherited output; rejects on a non-zero exit. */
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

function say(line) {
  process.stdout.write(`[build] ${line}\n`);
}

export async function buildServer({ force = false } = {}) {
  const args = ['-b', ...TS_PROJECTS, ...(force ? ['--force'] : [])];
  say(`server: tsc ${args.join(' ')}`);
  const started = performance.now();
  const [command, commandArgs] = tscCommand(args);
  await run(command, commandArgs);
  say(`server: done in ${seconds(started)}`);
}

/** Newest modification time under the given files and folders (0 when none exist). */
function newestMtime(entries) {
  let newest = 0;
  const visit = (entry) => {
    let stat;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(entry, name));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  entries.forEach(visit);
  return newest;
}

/** Why an app needs building, or null when its dist is up to date. */
export function appStaleReason(app) {
  const dir = path.join(root, app);
  const built = path.join(dir, 'dist', 'index.html');
  if (!fs.existsSync(built)) return 'not built';
  const sources = [
    path.join(dir, 'src'),
    path.join(dir, 'index.html'),
    path.join(dir, 'vite.config.ts'),
    path.join(dir, 'vite.config.js'),
    path.join(dir, 'svelte.config.js'),
    path.join(dir, 'public'),
    path.join(root, 'protocol', 'src'),
    path.join(root, 'ui', 'src'),
  ];
  return newestMtime(sources) > fs.statSync(built).mtimeMs ? 'sources changed' : null;
}

export async function buildApps({ force = false } = {}) {
  // The apps bundle @dinewire/protocol from its compiled output.
  if (!fs.existsSync(path.join(root, 'protocol', 'dist', 'index.js'))) {
    say('protocol: not built, tsc -b protocol');
    const [command, commandArgs] = tscCommand(['-b', 'protocol']);
    await run(command, commandArgs);
  }
  for (const app of APPS) {
    const reason = force ? 'forced' : appStaleReason(app);
    if (!reason) {
      say(`${app}: up to date`);
      continue;
    }
    if (!fs.existsSync(path.join(root, app, 'index.html'))) {
      throw new Error(`${app}/index.html is missing: the ${app} app has no entry page to build`);
    }
    say(`${app}: ${reason}, npm run build -w ${app}`);
    const started = performance.now();
    await run('npm', ['run', 'build', '-w', app]);
    say(`${app}: done in ${seconds(started)}`);
  }
}

/** Apps import @dinewire/protocol, so the server step (which builds protocol) runs first. */
export async function build(target = 'all', options = {}) {
  if (target === 'server' || target === 'all') await buildServer(options);
  if (target === 'apps' || target === 'all') await buildApps(options);
}

async function main(argv) {
  const force = argv.includes('--force');
  const targets = argv.filter((a) => !a.startsWith('--'));
  const target = targets[0] ?? 'all';
  if (targets.length > 1 || !['server', 'apps', 'all'].includes(target)) {
    process.stderr.write('usage: node scripts/build.mjs [server|apps|all] [--force]\n');
    return 2;
  }
  const started = performance.now();
  try {
    await build(target, { force });
  } catch (err) {
    process.stderr.write(`[build] FAILED: ${err.message}\n`);
    return 1;
  }
  say(`${target}: built in ${seconds(started)}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
