// One cluster per checkout (a lock file with the supervisor's pid), and the clean-up of what a
// cluster that was killed outright left running: its nodes, nginx, its Redis.
import fs from 'node:fs';
import path from 'node:path';
import { clusterDir, lockFile, nginxDir, redisPidFile, serverMain } from './paths.mjs';
import { childPids, isAlive, procText, readPid, rmQuiet, signalQuiet, waitUntil } from './processes.mjs';

export function takeLock() {
  const pid = readPid(lockFile);
  if (pid && pid !== process.pid && isAlive(pid) && procText(pid, 'cmdline').includes('cluster.mjs')) {
    throw new Error(`another cluster of this checkout is running (pid ${pid}); stop it first (kill ${pid})`);
  }
  fs.writeFileSync(lockFile, `${process.pid}\n`);
}

/** Stops each process a pid file names, when its command line shows it is still ours. */
export async function removeLeftovers(say) {
  const leftovers = [];
  for (const name of fs.readdirSync(clusterDir)) {
    if (/^node-\d+\.pid$/.test(name)) leftovers.push([path.join(clusterDir, name), serverMain]);
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
