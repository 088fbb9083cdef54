// The detached process that owns the cluster: starts PostgreSQL, Redis, the nodes and nginx
// in order, and on Ctrl-C, SIGTERM or the launcher's death stops them in reverse (nodes with
// SIGTERM, SIGKILL after 10 s or at a second Ctrl-C; then nginx, our Redis, the database).
import fs from 'node:fs';
import path from 'node:path';
import { assertPortFree, redactUrl } from '../lib/net.mjs';
import { root, run } from '../lib/process.mjs';
import { parseClusterArgs } from './args.mjs';
import { SUPERVISOR_ENV } from './launcher.mjs';
import { removeLeftovers, takeLock } from './leftovers.mjs';
import { ensureNginx, startNginx } from './nginx.mjs';
import { writeNginxConfig } from './nginxConfig.mjs';
import { planNodes, readyLine, startNode, waitForHttp, waitForNode } from './nodes.mjs';
import { clusterDir, lockFile, nodePidFile, redisPidFile, rel, serverMain } from './paths.mjs';
import { ensurePostgres } from './postgres.mjs';
import { alive, rmQuiet, stopProcess, waitUntil } from './processes.mjs';
import { ensureRedis } from './redis.mjs';

export async function supervise() {
  const opts = parseClusterArgs(process.argv.slice(2));
  // With --json, stdout carries the one JSON line; everything else goes to stderr.
  const out = opts.json ? process.stderr : process.stdout;
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {}); // a closed pipe must not kill us
  const ctx = {
    opts,
    out,
    jsonOut: process.stdout,
    say: (line) => out.write(`[cluster] ${line}\n`),
    warn: (line) => process.stderr.write(`[cluster] ${line}\n`),
    /** Everything started so far, stopped in reverse dependency order by shutdown(). */
    state: {
      stopping: false,
      nodes: [], // { index, id, port, url, env, child, startedAt, exited, everReady, restartTimer, quickDeaths }
      nginx: null, // ChildProcess
      redis: null, // ChildProcess, when we started it
      embedded: null, // { url, stop() }
      embeddedStarting: null, // its start, which shutdown waits for
      locked: false,
      killNow: false,
    },
    shutdown: null,
  };
  ctx.shutdown = shutdownOnce(ctx);
  const { state, say, warn } = ctx;

  const onSignal = (signal) => {
    // A second, deliberate Ctrl-C: no more waiting for the nodes to drain.
    if (state.stopping) state.killNow = true;
    else void ctx.shutdown(signal, 0);
  };
  // Installed before the embedded PostgreSQL starts: its module then leaves shutdown to us
  // (it stops the database and exits only when nobody else handles the signal).
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGHUP', () => onSignal('SIGHUP'));
  // The launcher is gone (killed, or its terminal closed): nobody can stop us any more.
  process.on('disconnect', () => onSignal('the launcher exited'));

  try {
    fs.mkdirSync(clusterDir, { recursive: true });
    takeLock();
    state.locked = true;
    await removeLeftovers(say);

    // 1. Build
    if (opts.build) {
      say('building what is not built (scripts/build.mjs)');
      await run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'all'], { stdio: opts.json ? ['ignore', 2, 2] : 'inherit' });
    } else if (!fs.existsSync(serverMain)) {
      throw new Error('server/dist/main.js is missing: run without --no-build, or `npm run build` first');
    }

    // 2. Ports and nginx, before starting anything slow
    for (let i = 0; i <= opts.nodes; i++) await assertPortFree(opts.port + i, i === 0 ? 'the balancer' : `node-${i}`);
    const nginxBin = await ensureNginx(ctx);

    // 3. Redis, 4. PostgreSQL
    const redisUrl = await ensureRedis(ctx);
    const database = await ensurePostgres(ctx);
    if (!database) return;

    // 5. Nodes: node 1 alone first (it migrates and seeds an empty database, and creates the demo
    // secrets in .data/secrets.json), then the others together.
    const env = { ...process.env, DATABASE_URL: database.url, REDIS_URL: redisUrl };
    for (const name of [SUPERVISOR_ENV, 'NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE']) delete env[name];
    state.nodes.push(...planNodes(opts, env));
    const [first, ...rest] = state.nodes;
    startNode(ctx, first, 'w');
    await waitForNode(ctx, first, 180_000);
    if (state.stopping) return;
    rest.forEach((n) => startNode(ctx, n, 'w'));
    await Promise.all(rest.map((n) => waitForNode(ctx, n, 90_000)));
    if (state.stopping) return;

    // 6. nginx
    writeNginxConfig(ctx);
    await startNginx(ctx, nginxBin);
    if (state.stopping) return;
    await waitForHttp(ctx, `http://127.0.0.1:${opts.port}/readyz`, 30_000, () => (alive(state.nginx) ? null : 'nginx exited'));
    if (state.stopping) return;

    // 7. Ready
    if (opts.json) ctx.jsonOut.write(`${readyLine(ctx)}\n`);
    out.write(banner(ctx, database.label, state.redis ? `${redisUrl} (started here, pid ${state.redis.pid})` : redactUrl(redisUrl)));
  } catch (err) {
    warn(`FAILED: ${err.message}`);
    await ctx.shutdown('start-up failed', 1);
  }
}

/** What the terminal shows once the cluster answers. */
function banner({ opts, state }, databaseLabel, redisLabel) {
  return (
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
    ].join('\n') + '\n'
  );
}

/** `shutdown(reason, code)`: stops everything once (later calls share the first), then exits. */
function shutdownOnce({ state, say, warn }) {
  let stopping = null;
  return (reason, code = 0) => {
    stopping ??= (async () => {
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
      if (state.nginx && alive(state.nginx)) await stopProcess(state.nginx, 'SIGTERM', 5000, warn, true);
      if (state.redis && alive(state.redis)) await stopProcess(state.redis, 'SIGTERM', 5000, warn);
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
    return stopping;
  };
}
