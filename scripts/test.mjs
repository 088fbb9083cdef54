#!/usr/bin/env node
// `npm test [-- <jest args>]`: services reachable → typecheck and build → apps build and
// check → jest. Each step prints its name and duration; the first failure stops the run.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildApps, root, run, seconds, tscCommand } from './build.mjs';

const jestArgs = process.argv.slice(2);

const SERVICES = [
  {
    name: 'PostgreSQL',
    variable: 'DATABASE_URL',
    url: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    defaultPort: 5432,
    howToStart:
      'start it (Debian: `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) ' +
      'or point DATABASE_URL at one',
  },
  {
    name: 'Redis',
    variable: 'REDIS_URL',
    url: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    defaultPort: 6379,
    howToStart:
      'start it (`redis-server --daemonize yes --bind 127.0.0.1 --save ""`) or point REDIS_URL at one',
  },
];

function canConnect(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (error) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.once('connect', () => done(null));
    socket.once('error', (err) => done(err.code ?? err.message));
  });
}

async function checkServices() {
  const problems = [];
  for (const service of SERVICES) {
    let host;
    let port;
    try {
      const url = new URL(service.url);
      host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
      port = Number(url.port) || service.defaultPort;
    } catch {
      problems.push(`${service.name}: ${service.variable} is not a valid URL`);
      continue;
    }
    const error = await canConnect(host, port);
    const source = process.env[service.variable] ? service.variable : 'the default';
    if (error) {
      problems.push(`${service.name} is not reachable at ${host}:${port} (${source}; ${error}): ${service.howToStart}.`);
    } else {
      console.log(`  ${service.name}: ${host}:${port} accepts connections`);
    }
  }
  if (problems.length) {
    throw new Error(`the tests need PostgreSQL and Redis.\n  ${problems.join('\n  ')}`);
  }
}

function workspacesWithScript(names, script) {
  return names.filter((name) => {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8'));
      return Boolean(pkg.scripts?.[script]);
    } catch {
      return false;
    }
  });
}

async function checkApps() {
  await buildApps();
  const checked = workspacesWithScript(['kiosk', 'dashboard'], 'check');
  if (checked.length === 0) {
    console.log('  no app has a check script');
    return;
  }
  await run('npm', ['run', 'check', ...checked.flatMap((name) => ['-w', name])]);
}

function jest() {
  const bin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  return fs.existsSync(bin) ? run(process.execPath, [bin, ...jestArgs]) : run('npx', ['jest', ...jestArgs]);
}

const steps = [
  ['services: PostgreSQL and Redis', checkServices],
  ['typecheck and build: tsc -b protocol server loadtest', () => run(...tscCommand(['-b', 'protocol', 'server', 'loadtest']))],
  ['k6 scripts: tsc -p loadtest/tsconfig.k6.json (against @types/k6)', () => run(...tscCommand(['-p', 'loadtest/tsconfig.k6.json']))],
  ['apps: build and check (kiosk, dashboard)', checkApps],
  [`jest${jestArgs.length ? ` ${jestArgs.join(' ')}` : ''}`, jest],
  ['lint: eslint, prettier --check, import cycles (npm run lint)', () => run('npm', ['run', '--silent', 'lint'])],
];

const results = [];
const startedAll = performance.now();
let failed = false;
for (const [name, step] of steps) {
  console.log(`\n[test] ▶ ${name}`);
  const started = performance.now();
  try {
    await step();
    results.push(`  ok    ${seconds(started).padStart(7)}  ${name}`);
    console.log(`[test] ✔ ${name} (${seconds(started)})`);
  } catch (err) {
    results.push(`  FAIL  ${seconds(started).padStart(7)}  ${name}`);
    console.error(`[test] ✘ ${name} (${seconds(started)}): ${err.message}`);
    failed = true;
    break;
  }
}

console.log(`\n[test] summary (${seconds(startedAll)} in all)\n${results.join('\n')}`);
if (failed) {
  const skipped = steps.slice(results.length).map(([name]) => `  skip           ${name}`);
  if (skipped.length) console.log(skipped.join('\n'));
  process.exitCode = 1;
}
