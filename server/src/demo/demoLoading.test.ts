import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Demo data stays out of a serving node: main.js and what it imports at load time never
 * load the demo data or its seeder (main imports them on demand, for an empty database).
 */
const DIST = path.resolve(__dirname, '../../dist');

it('is not among the modules a node loads at start-up', () => {
  const main = path.join(DIST, 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npx tsc -b server\` (npm test does) first`);
  // Record every module loaded while main.js and its static imports load; a production
  // start without secrets then stops at the configuration check, before any database.
  const probe = `
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
      const file = Module._resolveFilename(request, parent, isMain);
      if (file.includes('${path.sep}dist${path.sep}')) process.stdout.write(file + '\\n');
      return load.apply(this, arguments);
    };
    require(${JSON.stringify(main)});`;
  const run = spawnSync(process.execPath, ['-e', probe], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  expect(run.status).toBe(78);
  const loaded = run.stdout.split('\n').filter(Boolean);
  expect(loaded).toContain(path.join(DIST, 'node.js'));
  expect(loaded).toContain(path.join(DIST, 'demo', 'seedIfEmpty.js'));
  expect(loaded.filter((f) => /demo[\\/](demoData|demoSeeder)\.js$/.test(f))).toEqual([]);
});
