#!/usr/bin/env node
// Builds what is not built or is stale.
//   node scripts/build.mjs [server|apps|all] [--force]     (default: all)
// server: `tsc -b protocol server loadtest` (incremental by itself).
// apps:   `npm run build -w <app>` only when <app>/dist/index.html is missing or older than
//         its sources (the app's src/, index.html, vite config, public/, and protocol/src),
//         then a `.br` and a `.gz` beside each compressible file (scripts/lib/precompress.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, UsageError } from './lib/cli.mjs';
import { precompressDir } from './lib/precompress.mjs';
import { root, run, seconds, tscCommand } from './lib/process.mjs';

const APPS = ['kiosk', 'dashboard'];
const TS_PROJECTS = ['protocol', 'server', 'loadtest'];
const TARGETS = ['server', 'apps', 'all'];

const USAGE = `usage: node scripts/build.mjs [server|apps|all] [--force]   (npm run build -- ...)

  server      tsc -b protocol server loadtest
  apps        the kiosk and dashboard apps, when their dist is missing or older than their sources
  all         both (the default)
  --force     build even what is up to date
  -h, --help  this text
`;

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
function appStaleReason(app) {
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
    const sizes = await precompressDir(path.join(root, app, 'dist'));
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    say(`${app}: ${sizes.files} files precompressed, ${kb(sizes.raw)} → ${kb(sizes.gzip)} gzip, ${kb(sizes.br)} brotli`);
    say(`${app}: done in ${seconds(started)}`);
  }
}

/** Apps import @dinewire/protocol, so the server step (which builds protocol) runs first. */
export async function build(target = 'all', options = {}) {
  if (target === 'server' || target === 'all') await buildServer(options);
  if (target === 'apps' || target === 'all') await buildApps(options);
}

async function main(argv) {
  const { values, positionals } = parseCommandLine({
    name: 'build',
    usage: USAGE,
    argv,
    options: { force: { type: 'boolean' } },
    allowPositionals: true,
    check: (_values, targets) => {
      if (targets.length > 1) throw new UsageError(`one target at most (got ${targets.join(', ')})`);
      if (targets[0] && !TARGETS.includes(targets[0])) throw new UsageError(`unknown target ${targets[0]}: one of ${TARGETS.join(', ')}`);
    },
  });
  const target = positionals[0] ?? 'all';
  const force = Boolean(values.force);
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
