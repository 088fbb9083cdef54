import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DinewireEvent, Order } from '@dinewire/protocol';
import { SENT_NOTE, type BenchHotel } from '../lib/fixtures';
import { log, Progress } from '../lib/progress';
import { closeScreens, openScreens } from '../lib/sockets';
import { round, Samples, sleep } from '../lib/stats';
import { until } from '../lib/wait';

export interface FloodOptions {
  listeners: number;
  ordersPerSec: number;
  /** Seconds of calm, then as many of flood. */
  seconds: number;
  emits: number;
  port: number;
  databaseUrl: string;
  redisUrl: string;
}

/** The flooder's own tally (flooder.ts). */
export interface FlooderTally {
  sent: number;
  accepted: number;
  refused: number;
  connects: number;
  handshakesRefused: number;
  disconnectedAtMs: number | null;
  answeredAtMs: number | null;
}

/** Latencies in one window: commit to screen (every event), and kiosk to screen (each new order). */
export interface FloodWindow {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  orderP50Ms: number;
  orderP99Ms: number;
  orderMaxMs: number;
  deliveries: number;
}

export interface FloodPhase {
  calm: FloodWindow;
  flood: FloodWindow;
  ordersPlaced: number;
  ordersFailed: number;
  /** Distinct events (seqs) the screens got in the phase. */
  events: number;
  flooder: FlooderTally | null;
}

export interface FloodResult {
  listeners: number;
  nodes: number;
  eventsPerSec: number;
  emits: number;
  limitsOff: FloodPhase;
  limitsOn: FloodPhase;
}

const ROOT = path.resolve(__dirname, '../../..');

/**
 * One node, kitchen screens of one restaurant (each from its own address), orders flowing at a
 * steady rate; latency to each screen while calm, then while one anonymous socket (a child
 * process) sends `emits` subscribes. Twice: with the limits off (the code path before socket
 * limits existed) and on (the default socket limits; the HTTP limit raised so that the bench's
 * own producer is not throttled).
 */
export async function flood(hotel: BenchHotel, o: FloodOptions): Promise<FloodResult> {
  const limitsOff = await phase('limits-off', { RATE_LIMIT_PER_MINUTE: '0' }, hotel, o);
  const limitsOn = await phase('limits-on', { RATE_LIMIT_PER_MINUTE: '1000000' }, hotel, o);
  const f = (p: FloodPhase) =>
    `kiosk→screen p99 calm ${p.calm.orderP99Ms} / flood ${p.flood.orderP99Ms} ms, commit→screen p99 calm ${p.calm.p99Ms} / flood ${p.flood.p99Ms} ms`;
  log(`  flood              limits off: ${f(limitsOff)}`);
  log(`                     limits on:  ${f(limitsOn)}`);
  return { listeners: o.listeners, nodes: 1, eventsPerSec: round(limitsOn.events / (2 * o.seconds)), emits: o.emits, limitsOff, limitsOn };
}

class Window {
  readonly commit = new Samples();
  readonly order = new Samples();

  summary(): FloodWindow {
    const r = (s: Samples, p: number) => round(s.percentile(p));
    return {
      p50Ms: r(this.commit, 50),
      p99Ms: r(this.commit, 99),
      maxMs: round(this.commit.max),
      orderP50Ms: r(this.order, 50),
      orderP99Ms: r(this.order, 99),
      orderMaxMs: round(this.order.max),
      deliveries: this.commit.count,
    };
  }
}

/** When a new order was sent, from the note the producer put on its first item. */
function sentAt(e: DinewireEvent): number | null {
  if (e.type !== 'order.created') return null;
  const note = (e.data as Order).items?.[0]?.note;
  return note?.startsWith(SENT_NOTE) ? Number(note.slice(SENT_NOTE.length)) : null;
}

async function phase(label: string, env: Record<string, string>, hotel: BenchHotel, o: FloodOptions): Promise<FloodPhase> {
  const node = await startServer(o, env, `flood-${label}`);
  let flooder: ChildProcess | null = null;
  try {
    const r = hotel.restaurants[0];
    const calm = new Window();
    const flooded = new Window();
    let floodFrom = Infinity;
    let floodUntil = Infinity;
    const windowOf = (t: number) => (t < floodFrom ? calm : t < floodUntil ? flooded : null);
    let recording = false;
    const seqs = new Set<number>();
    const connecting = new Progress(`flood (${label}): connect`);
    const screens = await openScreens(
      Array.from({ length: o.listeners }, () => ({
        url: node.url,
        token: hotel.chefToken,
        request: { restaurantId: r.id, scope: 'kitchen' as const },
        spreadAddress: true,
      })),
      (_screen, e) => {
        if (!recording) return;
        const now = Date.now();
        seqs.add(e.seq);
        const published = Date.parse(e.publishedAt ?? e.at);
        windowOf(published)?.commit.add(now - published);
        const sent = sentAt(e);
        if (sent !== null) windowOf(sent)?.order.add(now - sent);
      },
      (done) => connecting.update(done, o.listeners),
    );
    connecting.done(`${screens.length} kitchen screens subscribed`);

    const progress = new Progress(`flood (${label})`);
    recording = true;
    const started = Date.now();
    let placed = 0;
    let failed = 0;
    const producer = new Worker(path.resolve(__dirname, 'floodProducer.js'), {
      workerData: { url: node.url, restaurant: r, ratePerSec: o.ordersPerSec, seconds: 2 * o.seconds, runId: `${label}-${started}` },
    });
    const produced = new Promise<void>((resolve, reject) => {
      producer.on('message', (m: { placed: number; failed: number; done?: boolean }) => {
        ({ placed, failed } = m);
        const phaseName = Date.now() < floodFrom ? 'calm' : 'flood';
        progress.update(
          Math.min(2 * o.seconds, (Date.now() - started) / 1000),
          2 * o.seconds,
          `${phaseName}: ${placed} orders, ${failed} failed`,
        );
        if (m.done) resolve();
      });
      producer.on('error', reject);
    });
    await sleep(o.seconds * 1000);

    floodFrom = Date.now();
    floodUntil = floodFrom + o.seconds * 1000;
    let tally: FlooderTally | null = null;
    // A fresh address each run: a block from an earlier run would otherwise meet it at the door.
    const from = `127.0.${10 + Math.floor(Math.random() * 200)}.${2 + Math.floor(Math.random() * 250)}`;
    flooder = spawn(process.execPath, [path.resolve(__dirname, 'flooder.js'), node.url, r.id, String(o.emits), from], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    flooder.stdout!.setEncoding('utf8');
    flooder.stdout!.on('data', (d: string) => {
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      if (lines.length) tally = JSON.parse(lines[lines.length - 1]) as FlooderTally;
    });
    await produced;
    await producer.terminate();
    await sleep(1000);
    recording = false;
    flooder.kill('SIGTERM');
    flooder = null;
    progress.done(`${placed} orders (${failed} failed); flooder ${JSON.stringify(tally)}`);
    await closeScreens(screens, [node.url]);
    return {
      calm: calm.summary(),
      flood: flooded.summary(),
      ordersPlaced: placed,
      ordersFailed: failed,
      events: seqs.size,
      flooder: tally,
    };
  } finally {
    flooder?.kill('SIGKILL');
    await node.stop();
  }
}

/** One server node on its own (no balancer), on the bench database, until `stop`. */
async function startServer(o: FloodOptions, env: Record<string, string>, id: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = o.port;
  const proc = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: o.databaseUrl, REDIS_URL: o.redisUrl, LOG_LEVEL: 'warn', NODE_ID: id, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((r) => proc.once('exit', r));
  const ready = await until(async () => {
    try {
      return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  }, 60_000);
  if (!ready) {
    proc.kill('SIGKILL');
    throw new Error(`flood: node ${id} did not become ready on ${url}`);
  }
  return {
    url,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}
