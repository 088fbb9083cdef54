#!/usr/bin/env node
// `npm run cluster [-- options]`: several server nodes on this machine behind nginx, sharing one
// PostgreSQL and one Redis: the same proxy configuration (deploy/nginx/dinewire.conf) that
// docker-compose and the hotels run.
//
//   --nodes N     how many nodes (default 2); node i listens on PORT+i
//   --port P      the balancer's port (default $PORT, else 3000)
//   --no-build    do not build; fail if the server is not built
//   --quiet       node output only to .data/cluster/node-<i>.log (default: also to the terminal, prefixed)
//   --json        once ready, print one line {"balancer":URL,"nodes":[{"id","url","pid"}]} on stdout;
//                 every other line of this script then goes to stderr
//   --restart     restart a node that died, after 1 s (default: log it and carry on)
//
// DATABASE_URL unset: the embedded PostgreSQL of `npm start` (.data/pg, port 5439), run by this
// script. REDIS_URL unset: redis://127.0.0.1:6379 when it answers, else a redis-server of our own on
// a free port. nginx is installed with apt-get when missing (as root). Node pids are in
// .data/cluster/node-<i>.pid; logs and the generated nginx configuration under .data/cluster/.
// Ctrl-C or SIGTERM stops everything this script started: nodes (SIGTERM, SIGKILL after 10 s),
// nginx, the Redis it started, the embedded PostgreSQL; and removes the pid files.
//
// Two processes: this launcher, in the terminal's process group, and a detached supervisor that
// starts everything in a group of its own. A Ctrl-C therefore reaches the supervisor once (through
// the launcher) and never the embedded PostgreSQL or nginx directly, so they stop in order: nodes
// first, the database last. The supervisor stops everything as well when the launcher dies.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUPERVISOR = 'DINEWIRE_CLUSTER_SUPERVISOR';

// ---------------------------------------------------------------------------------------------
// Launcher: forwards signals, exits as the supervisor does.

function launcher() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: { ...process.env, [SUPERVISOR]: '1' },
  });
  // npm and the terminal may both deliver one Ctrl-C; forward a repeat only after a pause (a
  // second, deliberate Ctrl-C makes the supervisor kill the nodes without waiting).
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
  child.on('error', (err) => {
    process.stderr.write(`[cluster] could not start: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1)));
}

// ---------------------------------------------------------------------------------------------
// Supervisor

function usage() {
  return 'usage: npm run cluster -- [--nodes N] [--port P] [--no-build] [--quiet] [--json] [--restart]\n';
}

function parseArgs(argv) {
  const o = { nodes: 2, port: Number(process.env.PORT || 3000), build: true, quiet: false, json: false, restart: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--nodes':
        o.nodes = Number(value());
        break;
      case '--port':
        o.port = Number(value());
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--quiet':
        o.quiet = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--restart':
        o.restart = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(usage());
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!Number.isInteger(o.nodes) || o.nodes < 1 || o.nodes > 32) throw new Error('--nodes must be a whole number from 1 to 32');
  if (!Number.isInteger(o.port) || o.port < 1 || o.port + o.nodes > 65535) throw new Error(`--port must leave room for ${o.nodes} node ports below 65536`);
  return o;
}

async function supervisor() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`[cluster] ${err.message}\n${usage()}`);
    process.exit(2);
  }
  const jsonOut = process.stdout;
  // With --json, stdout carries the one JSON line; everything else goes to stderr.
  const out = opts.json ? process.stderr : process.stdout;
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {}); // a closed pipe must not kill us
  const say = (line) => out.write(`[cluster] ${line}\n`);
  const warn = (line) => process.stderr.write(`[cluster] ${line}\n`);

  const clusterDir = path.join(root, '.data', 'cluster');
  const nginxDir = path.join(clusterDir, 'nginx');
  const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(root, '.data');
  const lockFile = path.join(clusterDir, 'cluster.pid');
  const redisPidFile = path.join(clusterDir, 'redis.pid');
  const nodePidFile = (i) => path.join(clusterDir, `node-${i}.pid`);
  const nodeLogFile = (i) => path.join(clusterDir, `node-${i}.log`);
  const rel = (p) => path.relative(process.cwd(), p) || '.';

  /** Everything started so far, stopped in reverse dependency order by shutdown(). */
  const state = {
    stopping: false,
    nodes: [], // { index, id, port, url, child, startedAt, exited: Promise, restartTimer, quickDeaths }
    nginx: null, // ChildProcess
    redis: null, // ChildProcess, when we started it
    embedded: null, // { url, stop() }
    embeddedStarting: null, // its start, which shutdown waits for
    locked: false,
    killNow: false,
  };

  let shutdownPromise = null;
  const shutdown = (reason, code = 0) => {
    shutdownPromise ??= (async () => {
      state.stopping = true;
      say(`stopping (${reason})`);
      for (const n of state.nodes) clearTimeout(n.restartTimer);
      // Nodes first: they drain and close their sockets, then the balancer and the stores go.
      await Promise.all(
        state.nodes.map(async (n) => {
          if (!alive(n.child)) return;
          n.child.kill('SIGTERM');
          const stopped = await Promise.race([n.exited.then(() => true), waitUntil(() => state.killNow, 10_000).then(() => false)]);
          if (!stopped) {
            warn(`${n.id} (pid ${n.child.pid}) did not stop in time: SIGKILL`);
            n.child.kill('SIGKILL');
            await n.exited;
          }
        }),
      );
      if (state.nginx && alive(state.nginx)) await stopProcess(state.nginx, 'SIGTERM', 5000, true);
      if (state.redis && alive(state.redis)) await stopProcess(state.redis, 'SIGTERM', 5000);
      rmQuiet(redisPidFile);
      if (state.embeddedStarting && !state.embedded) state.embedded = await state.embeddedStarting.catch(() => null);
      if (state.embedded) {
        try {
          await state.embedded.stop();
        } catch (err) {
          warn(`embedded PostgreSQL: ${err.message}`);
        }
      }
      for (const n of state.nodes) rmQuiet(nodePidFile(n.index));
      if (state.locked) rmQuiet(lockFile);
      say('stopped');
      process.exit(code);
    })();
    return shutdownPromise;
  };
  const onSignal = (signal) => {
    if (shutdownPromise) {
      // A second, deliberate Ctrl-C: no more waiting for the nodes to drain.
      state.killNow = true;
      return;
    }
    void shutdown(signal, 0);
  };
  // Installed before the embedded PostgreSQL starts: its module then leaves shutdown to us
  // (it stops the database and exits only when nobody else handles the signal).
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGHUP', () => onSignal('SIGHUP'));
  // The launcher is gone (killed, or its terminal closed): nobody can stop us any more.
  process.on('disconnect', () => onSignal('the launcher exited'));

  const fail = async (message) => {
    warn(`FAILED: ${message}`);
    await shutdown('start-up failed', 1);
  };

  try {
    fs.mkdirSync(clusterDir, { recursive: true });
    takeLock();
    state.locked = true;
    await removeLeftovers();

    // 1. Build
    if (opts.build) {
      say('building what is not built (scripts/build.mjs)');
      await runChild(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'all'], opts.json ? ['ignore', 2, 2] : 'inherit');
    } else if (!fs.existsSync(path.join(root, 'server', 'dist', 'main.js'))) {
      throw new Error('server/dist/main.js is missing: run without --no-build, or `npm run build` first');
    }

    // 2. Ports and nginx, before starting anything slow
    for (let i = 0; i <= opts.nodes; i++) await assertPortFree(opts.port + i, i === 0 ? 'the balancer' : `node-${i}`);
    const nginxBin = await ensureNginx();

    // 3. Redis
    const redisUrl = await ensureRedis();

    // 4. PostgreSQL
    let databaseUrl = process.env.DATABASE_URL;
    let databaseLabel;
    if (databaseUrl) {
      databaseLabel = redactUrl(databaseUrl);
    } else {
      const pgPort = Number(process.env.EMBEDDED_PG_PORT || 5439);
      const pgDir = path.join(dataDir, 'pg');
      const pgLog = fs.createWriteStream(path.join(clusterDir, 'postgres.log'), { flags: 'a' });
      say(`no DATABASE_URL: starting the embedded PostgreSQL (${rel(pgDir)}, port ${pgPort}; log ${rel(path.join(clusterDir, 'postgres.log'))})`);
      const embeddedModule = path.join(root, 'server', 'dist', 'db', 'embedded.js');
      const { startEmbeddedPostgres } = await import(pathToFileURL(embeddedModule).href);
      state.embeddedStarting = startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, log: (msg) => pgLog.write(`${new Date().toISOString()} ${msg}\n`) });
      state.embedded = await state.embeddedStarting;
      if (state.stopping) return;
      databaseUrl = state.embedded.url;
      databaseLabel = `embedded, 127.0.0.1:${pgPort} (${rel(pgDir)})`;
    }

    // 5. Nodes: node 1 alone first (it migrates and seeds an empty database, and creates the demo
    // secrets in .data/secrets.json), then the others together.
    const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
    delete env[SUPERVISOR];
    delete env.NODE_CHANNEL_FD;
    delete env.NODE_CHANNEL_SERIALIZATION_MODE;
    for (let i = 1; i <= opts.nodes; i++) {
      const port = opts.port + i;
      state.nodes.push({ index: i, id: `node-${i}`, port, url: `http://127.0.0.1:${port}`, env: { ...env, NODE_ID: `node-${i}`, PORT: String(port) }, quickDeaths: 0 });
    }
    const [first, ...rest] = state.nodes;
    startNode(first, 'w');
    await waitForNode(first, 180_000);
    if (state.stopping) return;
    rest.forEach((n) => startNode(n, 'w'));
    await Promise.all(rest.map((n) => waitForNode(n, 90_000)));
    if (state.stopping) return;

    // 6. nginx
    const balancer = `http://127.0.0.1:${opts.port}`;
    writeNginxConfig();
    await startNginx(nginxBin);
    if (state.stopping) return;
    await waitForHttp(`${balancer}/readyz`, 30_000, () => (alive(state.nginx) ? null : 'nginx exited'));
    if (state.stopping) return;

    // 7. Ready
    if (opts.json) {
      const line = JSON.stringify({ balancer, nodes: state.nodes.map((n) => ({ id: n.id, url: n.url, pid: n.child.pid })) });
      jsonOut.write(`${line}\n`);
    }
    const redisLabel = state.redis ? `${redisUrl} (started here, pid ${state.redis.pid})` : redactUrl(redisUrl);
    out.write(
      [
        '',
        `  Dinewire cluster: ${opts.nodes} node${opts.nodes > 1 ? 's' : ''} behind nginx (hash $remote_addr consistent)`,
        `  Balancer:    http://localhost:${opts.port}   (/kiosk/, /dashboard/, /api/v1/, /socket.io/)`,
        ...state.nodes.map((n) => `  ${n.id.padEnd(11)}  ${n.url}   pid ${n.child.pid}`),
        `  PostgreSQL:  ${databaseLabel}`,
        `  Redis:       ${redisLabel}`,
        `  Logs:        ${rel(clusterDir)}/ (node-<i>.log, nginx/access.log, nginx/error.log)`,
        `  Ctrl-C stops everything.${opts.restart ? ' Dead nodes are restarted after 1 s.' : ''}`,
        '',
      ].join('\n') + '\n',
    );
  } catch (err) {
    await fail(err.message);
  }

  // ---- helpers (closures over opts/state) ----------------------------------------------------

  function takeLock() {
    const pid = readPid(lockFile);
    if (pid && pid !== process.pid && isAlive(pid) && procText(pid, 'cmdline').includes('cluster.mjs')) {
      throw new Error(`another cluster of this checkout is running (pid ${pid}); stop it first (kill ${pid})`);
    }
    fs.writeFileSync(lockFile, `${process.pid}\n`);
  }

  /** A previous cluster that was killed outright may have left its nodes, nginx or Redis running. */
  async function removeLeftovers() {
    const leftovers = [];
    for (const name of fs.readdirSync(clusterDir)) {
      const m = /^node-\d+\.pid$/.exec(name);
      if (m) leftovers.push([path.join(clusterDir, name), path.join(root, 'server', 'dist', 'main.js')]);
    }
    leftovers.push([redisPidFile, 'redis-server']);
    leftovers.push([path.join(nginxDir, 'nginx.pid'), path.join(nginxDir, 'nginx.conf')]);
    for (const [file, marker] of leftovers) {
      const pid = readPid(file);
      if (pid && isAlive(pid) && procText(pid, 'cmdline').includes(marker)) {
        say(`stopping pid ${pid}, left running by an earlier cluster (${path.basename(file)})`);
        process.kill(pid, 'SIGTERM');
        if (!(await waitUntil(() => !isAlive(pid), 10_000))) {
          for (const c of childPids(pid)) signalQuiet(c, 'SIGKILL');
          signalQuiet(pid, 'SIGKILL');
          await waitUntil(() => !isAlive(pid), 2000);
        }
      }
      rmQuiet(file);
    }
  }

  async function ensureNginx() {
    const found = which('nginx', ['/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin']);
    if (found) return found;
    if (process.getuid?.() !== 0 || !which('apt-get')) {
      throw new Error('nginx is not installed; install it (Debian/Ubuntu: sudo apt-get install -y nginx) and run again');
    }
    say('nginx is not installed: running `apt-get install -y nginx` (as root)');
    // Debian's package would start a system nginx on port 80; a policy-rc.d that says no keeps
    // it from doing so (only while installing, and only when there is none already).
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !fs.existsSync(policy);
    if (ownPolicy) {
      say(`  writing ${policy} (exit 101) while installing, so the package starts no service`);
      fs.writeFileSync(policy, '#!/bin/sh\n# written by dinewire scripts/cluster.mjs during apt-get install nginx\nexit 101\n', { mode: 0o755 });
    }
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const stdio = opts.json ? ['ignore', 2, 2] : 'inherit';
    try {
      try {
        await runChild('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], stdio, aptEnv);
      } catch {
        say('  apt-get install failed; running `apt-get update` and trying again');
        await runChild('apt-get', ['update'], stdio, aptEnv);
        await runChild('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], stdio, aptEnv);
      }
    } finally {
      if (ownPolicy) rmQuiet(policy);
    }
    const installed = which('nginx', ['/usr/sbin']);
    if (!installed) throw new Error('apt-get installed nginx, but no nginx binary was found');
    say(`  installed ${installed}`);
    return installed;
  }

  async function ensureRedis() {
    if (process.env.REDIS_URL) {
      const u = new URL(process.env.REDIS_URL);
      const problem = await tcpCheck(u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', Number(u.port) || 6379);
      if (problem) throw new Error(`REDIS_URL ${redactUrl(process.env.REDIS_URL)} does not answer (${problem})`);
      return process.env.REDIS_URL;
    }
    if (await redisPing(6379)) {
      say('no REDIS_URL: using the Redis on 127.0.0.1:6379');
      return 'redis://127.0.0.1:6379';
    }
    const bin = which('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
    if (!bin) {
      throw new Error('no REDIS_URL, nothing answers on 127.0.0.1:6379 and redis-server is not installed (apt-get install redis-server), or set REDIS_URL');
    }
    const port = await freePort();
    const dir = path.join(clusterDir, 'redis');
    fs.mkdirSync(dir, { recursive: true });
    say(`no REDIS_URL and none on 6379: starting redis-server on 127.0.0.1:${port} (no persistence)`);
    const log = fs.openSync(path.join(clusterDir, 'redis.log'), 'w');
    const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], {
      cwd: dir,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    state.redis = child;
    child.on('error', () => {});
    child.on('exit', (code, signal) => {
      if (!state.stopping) {
        warn(`redis-server exited unexpectedly (${signal ?? `code ${code}`}); see ${rel(path.join(clusterDir, 'redis.log'))}`);
        void shutdown('Redis is gone', 1);
      }
    });
    fs.writeFileSync(redisPidFile, `${child.pid}\n`);
    if (!(await waitUntil(() => redisPing(port), 10_000))) throw new Error(`redis-server did not answer on port ${port}`);
    return `redis://127.0.0.1:${port}`;
  }

  function startNode(n, logMode) {
    if (state.stopping) return;
    const logFd = fs.openSync(nodeLogFile(n.index), logMode);
    const child = spawn(process.execPath, [path.join(root, 'server', 'dist', 'main.js')], {
      cwd: root,
      env: n.env,
      // Quiet: straight into the file, nothing passes through this process (it stays cheap under load).
      stdio: opts.quiet ? ['ignore', logFd, logFd] : ['ignore', 'pipe', 'pipe'],
    });
    if (opts.quiet) fs.closeSync(logFd);
    else {
      const file = fs.createWriteStream(nodeLogFile(n.index), { fd: logFd });
      const terminal = lineSplitter((line) => out.write(`${`[${n.id}]`.padEnd(10)} ${pretty(line)}\n`));
      for (const stream of [child.stdout, child.stderr]) {
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
          file.write(chunk);
          terminal(chunk);
        });
      }
      child.on('close', () => file.end());
    }
    n.child = child;
    n.startedAt = Date.now();
    n.exited = new Promise((resolve) => child.once('exit', resolve));
    child.on('error', (err) => warn(`${n.id}: ${err.message}`));
    fs.writeFileSync(nodePidFile(n.index), `${child.pid}\n`);
    child.once('exit', (code, signal) => {
      if (n.child === child) rmQuiet(nodePidFile(n.index));
      // Before it was ever ready, the start-up (waitForNode) reports it.
      if (state.stopping || !n.everReady) return;
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      warn(`${n.id} (pid ${child.pid}) died: ${how}; the balancer sends its clients to the other nodes`);
      if (!signal) warn(`  last lines of ${rel(nodeLogFile(n.index))}:\n    ${tailLines(nodeLogFile(n.index), 10).join('\n    ')}`);
      if (!opts.restart) return;
      n.quickDeaths = Date.now() - n.startedAt < 10_000 ? n.quickDeaths + 1 : 0;
      if (n.quickDeaths >= 5) {
        warn(`${n.id} died 5 times within 10 s of starting; not restarting it again (see ${rel(nodeLogFile(n.index))})`);
        return;
      }
      n.restartTimer = setTimeout(() => {
        if (state.stopping) return;
        startNode(n, 'a');
        if (!n.child || n.child === child) return;
        say(`${n.id} restarted (pid ${n.child.pid})`);
        waitForNode(n, 90_000).then(
          () => {
            say(`${n.id} ready again`);
            if (opts.json) {
              const line = JSON.stringify({ balancer: `http://127.0.0.1:${opts.port}`, nodes: state.nodes.map((x) => ({ id: x.id, url: x.url, pid: x.child.pid })) });
              jsonOut.write(`${line}\n`);
            }
          },
          (err) => warn(err.message),
        );
      }, 1000);
    });
  }

  async function waitForNode(n, timeoutMs) {
    const child = n.child;
    if (!child) return;
    await waitForHttp(`${n.url}/readyz`, timeoutMs, () => (alive(child) ? null : `it exited (${child.signalCode ?? `code ${child.exitCode}`})`), n);
    if (!state.stopping) n.everReady = true;
  }

  async function waitForHttp(url, timeoutMs, deadReason, node) {
    const deadline = Date.now() + timeoutMs;
    let lastProblem = 'no answer';
    while (Date.now() < deadline) {
      if (state.stopping) return;
      const dead = deadReason();
      if (dead) break;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
        lastProblem = `${res.status} ${(await res.text()).slice(0, 200)}`;
      } catch (err) {
        lastProblem = err.cause?.code ?? err.message;
      }
      await sleep(250);
    }
    if (state.stopping) return;
    const dead = deadReason();
    const what = node ? node.id : url;
    const tail = node ? `\n  last lines of ${rel(nodeLogFile(node.index))}:\n    ${tailLines(nodeLogFile(node.index), 15).join('\n    ')}` : '';
    throw new Error(`${what} is not ready: ${dead ?? `${url} answered ${lastProblem} after ${timeoutMs / 1000} s`}${tail}`);
  }

  function writeNginxConfig() {
    const tmp = path.join(nginxDir, 'tmp');
    const includes = path.join(nginxDir, 'dinewire');
    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
    fs.mkdirSync(includes, { recursive: true });
    const hard = hardFileLimit();
    const rlimit = Math.min(65535, hard);
    // Each proxied socket holds two connections (client and node); keep some for logs and listeners.
    const connections = Math.max(1024, Math.min(16384, rlimit - 64));
    const q = (p) => `"${p.replace(/(["\\])/g, '\\$1')}"`;
    const asRoot = process.getuid?.() === 0;
    const header = '# Generated by scripts/cluster.mjs on every start; edits are overwritten.\n';
    // Fresh logs for each run (a benchmark writes a lot of access log).
    for (const log of ['access.log', 'error.log']) fs.writeFileSync(path.join(nginxDir, log), '');
    fs.writeFileSync(path.join(includes, 'listen.conf'), `${header}listen ${opts.port};\n`);
    fs.writeFileSync(
      path.join(includes, 'upstream.conf'),
      header +
        '# The local nodes; otherwise as deploy/nginx/upstream.conf (docker-compose).\n' +
        'upstream dinewire_nodes {\n' +
        '  # Stickiness by client address: Socket.IO long-polling needs every request of a session\n' +
        "  # on the node that opened it. Consistent hashing moves only the failed node's clients.\n" +
        '  hash $remote_addr consistent;\n' +
        state.nodes.map((n) => `  server 127.0.0.1:${n.port} max_fails=1 fail_timeout=5s;\n`).join('') +
        '  keepalive 64;\n' +
        '}\n',
    );
    const shared = path.join(root, 'deploy', 'nginx', 'dinewire.conf');
    fs.writeFileSync(
      path.join(nginxDir, 'nginx.conf'),
      header +
        '# The local cluster\'s counterpart of deploy/nginx.conf: process settings and paths under\n' +
        '# .data/cluster/nginx/, then the same shared deploy/nginx/dinewire.conf (relative includes\n' +
        '# resolve against this folder: dinewire/listen.conf and dinewire/upstream.conf are generated).\n' +
        'daemon off;\n' +
        // As root, workers would otherwise run as nobody, who may not reach the temp folders here;
        // the nodes themselves run as root in that case too.
        (asRoot ? 'user root;\n' : '') +
        'worker_processes auto;\n' +
        `worker_rlimit_nofile ${rlimit};\n` +
        `pid ${q(path.join(nginxDir, 'nginx.pid'))};\n` +
        `error_log ${q(path.join(nginxDir, 'error.log'))} warn;\n` +
        '\n' +
        'events {\n' +
        `  worker_connections ${connections};\n` +
        '  multi_accept on;\n' +
        '}\n' +
        '\n' +
        'http {\n' +
        '  default_type application/octet-stream;\n' +
        '  server_tokens off;\n' +
        '  sendfile on;\n' +
        '  tcp_nodelay on;\n' +
        '  keepalive_timeout 65s;\n' +
        `  client_body_temp_path ${q(path.join(tmp, 'body'))};\n` +
        `  proxy_temp_path ${q(path.join(tmp, 'proxy'))};\n` +
        `  fastcgi_temp_path ${q(path.join(tmp, 'fastcgi'))};\n` +
        `  uwsgi_temp_path ${q(path.join(tmp, 'uwsgi'))};\n` +
        `  scgi_temp_path ${q(path.join(tmp, 'scgi'))};\n` +
        '\n' +
        '  include dinewire/upstream.conf;\n' +
        `  include ${q(shared)};\n` +
        `  access_log ${q(path.join(nginxDir, 'access.log'))} dinewire buffer=64k flush=1s;\n` +
        '}\n',
    );
  }

  async function startNginx(bin) {
    const conf = path.join(nginxDir, 'nginx.conf');
    const args = ['-p', `${nginxDir}/`, '-c', conf];
    if (nginxVersionAtLeast(bin, [1, 19, 5])) args.push('-e', 'stderr'); // early errors to us, not /var/log
    try {
      execFileSync(bin, [...args, '-t', '-q'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      throw new Error(`nginx refused the configuration ${rel(conf)}:\n${String(err.stderr ?? err.message).trim()}`);
    }
    const child = spawn(bin, args, { cwd: nginxDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = lineSplitter((line) => warn(`[nginx] ${line}`));
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', (err) => warn(`nginx: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (!state.stopping) {
        warn(`nginx exited unexpectedly (${signal ?? `code ${code}`}); see ${rel(path.join(nginxDir, 'error.log'))}`);
        void shutdown('the balancer is gone', 1);
      }
    });
    state.nginx = child;
  }

  async function stopProcess(child, signal, timeoutMs, withChildren = false) {
    const pid = child.pid;
    const kids = withChildren ? childPids(pid) : [];
    const exited = new Promise((resolve) => (alive(child) ? child.once('exit', resolve) : resolve()));
    child.kill(signal);
    const done = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!done) {
      warn(`pid ${pid} did not stop in time: SIGKILL`);
      child.kill('SIGKILL');
      await exited;
    }
    // nginx workers leave with their master; make sure of it.
    for (const k of kids) if (isAlive(k)) signalQuiet(k, 'SIGKILL');
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

function alive(child) {
  return Boolean(child) && child.exitCode === null && child.signalCode === null;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function signalQuiet(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // gone
  }
}

function procText(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Direct children of a process, from /proc (nginx's workers). */
function childPids(pid) {
  const kids = [];
  let entries = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return kids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const stat = procText(Number(e), 'stat');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) kids.push(Number(e));
  }
  return kids;
}

function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function rmQuiet(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing to remove
  }
}

function which(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function runChild(command, args, stdio, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio, env });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

function hardFileLimit() {
  try {
    const text = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
    return text === 'unlimited' ? 1_048_576 : Number.parseInt(text, 10) || 1024;
  } catch {
    return 1024;
  }
}

function nginxVersionAtLeast(bin, wanted) {
  // `nginx -v` prints its version on stderr.
  const { stdout = '', stderr = '' } = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${stdout}${stderr}`);
  if (!m) return false;
  const v = m.slice(1).map(Number);
  for (let i = 0; i < 3; i++) if (v[i] !== wanted[i]) return v[i] > wanted[i];
  return true;
}

function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err) =>
      reject(new Error(`port ${port} (${what}) is ${err.code === 'EADDRINUSE' ? 'already in use' : `not usable: ${err.code}`}; choose another with --port`)),
    );
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve()));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tcpCheck(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.once('connect', () => done(null));
    socket.once('error', (err) => done(err.code ?? err.message));
  });
}

/** True when a Redis without a password answers PING on 127.0.0.1:port. */
function redisPing(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      text += d;
      if (text.includes('\r\n')) done(text.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function tailLines(file, n) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    return lines.slice(-n).map((l) => pretty(l));
  } catch {
    return ['(no log)'];
  }
}

/** Calls `onLine` with each complete line of a stream of chunks. */
function lineSplitter(onLine) {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line.replace(/\r$/, ''));
  };
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const SKIP = new Set(['level', 'time', 'msg', 'node', 'pid', 'hostname', 'req', 'res', 'responseTime', 'reqId']);

/** A node's pino line, shortened for the terminal; other lines unchanged. */
function pretty(line) {
  if (!line.startsWith('{')) return line;
  let rec;
  try {
    rec = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof rec !== 'object' || rec === null || typeof rec.level !== 'number') return line;
  const time = typeof rec.time === 'string' ? rec.time.slice(11, 19) : '';
  let text = `${time} ${LEVELS[rec.level] ?? rec.level} `;
  if (rec.req && rec.res) text += `${rec.req.method} ${rec.req.url} → ${rec.res.statusCode} (${rec.responseTime} ms)`;
  else text += rec.msg ?? '';
  const extra = Object.fromEntries(Object.entries(rec).filter(([k]) => !SKIP.has(k)));
  if (Object.keys(extra).length) {
    const json = JSON.stringify(extra);
    text += ` ${json.length > 400 ? `${json.slice(0, 400)}…` : json}`;
  }
  return text;
}

// Last, so that every module-level constant above is initialised.
if (process.env[SUPERVISOR] !== '1') launcher();
else await supervisor();
