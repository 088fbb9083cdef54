// Redis for the nodes: REDIS_URL when set (it must answer), else 127.0.0.1:6379 when it answers
// PING, else a redis-server of our own on a free port, without persistence.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, hostAndPort, redactUrl, redisPing, tcpCheck } from '../lib/net.mjs';
import { clusterDir, redisPidFile, rel } from './paths.mjs';
import { waitUntil, which } from './processes.mjs';

/** The Redis URL the nodes share. */
export async function ensureRedis({ state, say, warn, shutdown }) {
  if (process.env.REDIS_URL) {
    const { host, port } = hostAndPort(process.env.REDIS_URL, 6379);
    const problem = await tcpCheck(host, port);
    if (problem) throw new Error(`REDIS_URL ${redactUrl(process.env.REDIS_URL)} does not answer (${problem})`);
    return process.env.REDIS_URL;
  }
  if (await redisPing(6379)) {
    say('no REDIS_URL: using the Redis on 127.0.0.1:6379');
    return 'redis://127.0.0.1:6379';
  }
  const bin = which('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  if (!bin) {
    throw new Error(
      'no REDIS_URL, nothing answers on 127.0.0.1:6379 and redis-server is not installed (apt-get install redis-server), or set REDIS_URL',
    );
  }
  const port = await freePort();
  const dir = path.join(clusterDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  say(`no REDIS_URL and none on 6379: starting redis-server on 127.0.0.1:${port} (no persistence)`);
  const log = fs.openSync(path.join(clusterDir, 'redis.log'), 'w');
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
    {
      cwd: dir,
      stdio: ['ignore', log, log],
    },
  );
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
