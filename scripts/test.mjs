#!/usr/bin/env node
// `npm test [-- <jest args>]`: services reachable → typecheck and build → apps build and
// check → jest. Each step prints its name and duration; the first failure stops the run.
import fs from 'node:fs';
import path from 'node:path';
import { buildApps } from './build.mjs';
import { parseCommandLine } from './lib/cli.mjs';
import { root, run, seconds, tscCommand } from './lib/process.mjs';
import { checkServices } from './lib/services.mjs';

const USAGE = `usage: npm test -- [pattern ...] [-t name] [-i] [-- <any jest arguments>]

  pattern               run only the test files whose path matches (jest's testPathPattern)
  -t, --testNamePattern run only the tests whose name matches
  -i, --runInBand       run the tests one at a time, in this process
  -- ...                everything after a further -- goes to jest as it is (npm test -- -- --ci)
  -h, --help            this text

Services: DATABASE_URL and REDIS_URL when set, else 127.0.0.1:5432 and 127.0.0.1:6379.
`;

/** Jest's arguments: the patterns, the two flags above, and whatever follows a `--`. */
function jestArguments() {
  const { values, positionals, tokens } = parseCommandLine({
    name: 'test',
    usage: USAGE,
    options: { testNamePattern: { type: 'string', short: 't' }, runInBand: { type: 'boolean', short: 'i' } },
    allowPositionals: true,
    tokens: true,
  });
  const terminator = tokens.find((t) => t.kind === 'option-terminator');
  const verbatim = terminator ? process.argv.slice(2).slice(terminator.index + 1) : [];
  const patterns = positionals.slice(0, positionals.length - verbatim.length);
  return [
    ...patterns,
    ...(values.testNamePattern !== undefined ? ['--testNamePattern', values.testNamePattern] : []),
    ...(values.runInBand ? ['--runInBand'] : []),
    ...verbatim,
  ];
}

const jestArgs = jestArguments();

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
  const checked = workspacesWithScript(['ui', 'kiosk', 'dashboard'], 'check');
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
  ['apps: build and check (ui, kiosk, dashboard)', checkApps],
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
