import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sleep } from './stats';

export interface ClusterNode {
  id: string;
  url: string;
  pid: number;
}

export interface Cluster {
  balancer: string;
  nodes: ClusterNode[];
  /** SIGKILL one node, as a crash would. */
  kill(id: string): void;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../../..');

/** Starts `npm run cluster` (nodes behind nginx, the same configuration hotels run) and waits until it is ready. */
export async function startCluster(opts: { nodes: number; port: number; env: Record<string, string> }): Promise<Cluster> {
  const proc: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts/cluster.mjs'), '--json', '--quiet', '--no-build', '--nodes', String(opts.nodes), '--port', String(opts.port)],
    { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const info = await new Promise<{ balancer: string; nodes: ClusterNode[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster did not start in 120 s:\n${out}\n${err}`)), 120_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      for (const line of out.split('\n')) {
        if (line.startsWith('{') && line.includes('"balancer"')) {
          clearTimeout(timer);
          resolve(JSON.parse(line));
        }
      }
    });
    proc.on('exit', (code) => reject(new Error(`cluster exited with ${code}:\n${out}\n${err}`)));
  });
  return {
    ...info,
    kill(id) {
      const node = info.nodes.find((n) => n.id === id);
      if (node) process.kill(node.pid, 'SIGKILL');
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

/** Asks processes started with --expose-gc to collect garbage, then waits for it to settle. */
export async function collectGarbage(pids: number[]): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch {
      // gone
    }
  }
  await sleep(1500);
}

/** Resident memory of a process, from /proc. */
export function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}
