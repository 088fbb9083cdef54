import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { DinewireEvent, SubscribeRequest } from '@dinewire/protocol';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Cluster } from '../lib/cluster';
import { collectGarbage, rssBytes } from '../lib/cluster';
import type { BenchHotel } from '../lib/fixtures';
import { log, Progress } from '../lib/progress';
import { closeScreens, openScreens } from '../lib/sockets';
import { round, Samples, sleep } from '../lib/stats';

export interface FanoutOptions {
  restaurants: number;
  kiosksPer: number;
  kitchensPer: number;
  dashboardsPer: number;
  ordersPerSec: number;
  seconds: number;
  redisUrl: string;
}

export interface FanoutResult {
  sockets: number;
  nodes: number;
  eventsPerSec: number;
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  baselineMaxMs: number;
  rssPerSocketKb: number;
  baselineRssPerSocketKb: number;
}

/** One emission to replay on the baseline: when, to which room, what. */
interface Emission {
  offsetMs: number;
  room: string;
  event: Omit<DinewireEvent, 'at' | 'publishedAt'>;
}

function screenSpecs(hotel: BenchHotel, o: FanoutOptions, urls: string[]) {
  const specs: { url: string; token?: string; request: SubscribeRequest; room: string }[] = [];
  let n = 0;
  for (const r of hotel.restaurants.slice(0, o.restaurants)) {
    const add = (count: number, scope: 'menu' | 'kitchen' | 'staff', token?: string) => {
      for (let i = 0; i < count; i++) {
        specs.push({ url: urls[n++ % urls.length], token, request: { restaurantId: r.id, scope }, room: `restaurant:${r.id}:${scope}` });
      }
    };
    add(o.kiosksPer, 'menu');
    add(o.kitchensPer, 'kitchen', hotel.chefToken);
    add(o.dashboardsPer, 'staff', hotel.managerToken);
  }
  return specs;
}

/**
 * Thousands of screens over the nodes, orders flowing and being bumped; latency from commit (the
 * event row's clock_timestamp) to each screen. Then the same sockets' worth of bare Socket.IO with
 * the Redis adapter, replaying the same payloads to the same rooms at the same times.
 */
export async function fanout(cluster: Cluster, hotel: BenchHotel, o: FanoutOptions): Promise<FanoutResult> {
  const urls = cluster.nodes.map((n) => n.url);
  const specs = screenSpecs(hotel, o, urls);

  // ---- Dinewire (warmed as the baseline is, below)
  const warm = Array.from({ length: 100 }, (_, i) => ioClient(urls[i % urls.length], { transports: ['websocket'] }));
  await Promise.all(warm.map((s) => new Promise<void>((resolve) => s.on('connect', () => resolve()))));
  for (const s of warm) s.close();
  await sleep(500);
  await collectGarbage(cluster.nodes.map((n) => n.pid));
  const rssBefore = cluster.nodes.reduce((s, n) => s + rssBytes(n.pid), 0);
  const connecting = new Progress('fan-out: connect');
  const latency = new Samples();
  const emissions: Emission[] = [];
  const seen = new Set<string>();
  let t0 = 0;
  let recording = false;
  const screens = await openScreens(
    specs.map((s) => ({ url: s.url, token: s.token, request: s.request })),
    (screen, e) => {
      if (!recording) return;
      // From commit (the moment the committing node sends it) to this screen.
      latency.add(Date.now() - Date.parse(e.publishedAt ?? e.at));
      const r = screen.request as { restaurantId: string; scope: string };
      const key = `${r.restaurantId}:${e.seq}:${r.scope}`;
      if (!seen.has(key)) {
        seen.add(key);
        const { at, publishedAt, ...rest } = e;
        emissions.push({ offsetMs: Date.parse(publishedAt ?? at) - t0, room: `restaurant:${r.restaurantId}:${r.scope}`, event: rest });
      }
    },
    (done) => connecting.update(done, specs.length, `${done} screens subscribed`),
  );
  connecting.done(`${screens.length} screens subscribed over ${urls.length} nodes`);
  await sleep(1500);
  await collectGarbage(cluster.nodes.map((n) => n.pid));
  const rssPerSocketKb = (cluster.nodes.reduce((s, n) => s + rssBytes(n.pid), 0) - rssBefore) / 1024 / screens.length;

  const orders = new Progress('fan-out: orders');
  const restaurants = hotel.restaurants.slice(0, o.restaurants);
  let placed = 0;
  t0 = Date.now();
  recording = true;
  const producer = new Worker(path.resolve(__dirname, 'fanoutProducer.js'), {
    workerData: {
      balancer: cluster.balancer,
      restaurants,
      chefToken: hotel.chefToken,
      ratePerSec: o.ordersPerSec,
      seconds: o.seconds,
      runId: String(t0),
    },
  });
  await new Promise<void>((resolve, reject) => {
    producer.on('message', (m: { placed: number; done?: boolean }) => {
      placed = m.placed;
      orders.update((Date.now() - t0) / 1000, o.seconds, `${placed} orders, ${latency.count} deliveries`);
      if (m.done) resolve();
    });
    producer.on('error', reject);
  });
  await producer.terminate();
  await sleep(1500);
  recording = false;
  const elapsed = (Date.now() - t0) / 1000;
  const distinctEvents = new Set(emissions.map((e) => e.event.seq + ':' + e.event.restaurantId)).size;
  orders.done(`${placed} orders, ${distinctEvents} events, ${latency.count} deliveries`);
  await closeScreens(screens, urls);

  // ---- Baseline: bare Socket.IO + Redis adapter, two processes, same sockets, same emissions.
  const baseline = await runBaseline(specs, emissions, o);
  log(
    `  fan-out            p50 ${round(latency.percentile(50))} ms, p99 ${round(latency.percentile(99))} ms; ` +
      `baseline p50 ${round(baseline.latency.percentile(50))} ms, p99 ${round(baseline.latency.percentile(99))} ms`,
  );
  return {
    sockets: screens.length,
    nodes: urls.length,
    eventsPerSec: round(distinctEvents / elapsed),
    deliveries: latency.count,
    p50Ms: round(latency.percentile(50)),
    p99Ms: round(latency.percentile(99)),
    maxMs: round(latency.max),
    baselineP50Ms: round(baseline.latency.percentile(50)),
    baselineP99Ms: round(baseline.latency.percentile(99)),
    baselineMaxMs: round(baseline.latency.max),
    rssPerSocketKb: round(rssPerSocketKb),
    baselineRssPerSocketKb: round(baseline.rssPerSocketKb),
  };
}

async function runBaseline(
  specs: { room: string }[],
  emissions: Emission[],
  o: FanoutOptions,
): Promise<{ latency: Samples; rssPerSocketKb: number }> {
  const script = path.resolve(__dirname, '../baseline/server.js');
  const ports = [0, 1].map((i) => 3900 + i + Math.floor(Math.random() * 50) * 2);
  const procs = ports.map((p) =>
    spawn(process.execPath, ['--expose-gc', script, String(p), o.redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  await Promise.all(procs.map((p) => new Promise<void>((resolve) => p.stdout!.once('data', () => resolve()))));
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  // Warm the bare servers as ours are warm (code paths compiled, pools grown), so the two
  // memory figures compare sockets, not start-up.
  const warm = Array.from({ length: 100 }, (_, i) => ioClient(urls[i % urls.length], { transports: ['websocket'] }));
  await Promise.all(
    warm.map((s) => new Promise<void>((resolve) => s.on('connect', () => s.emit('subscribe', { room: 'warm-up' }, () => resolve())))),
  );
  for (const s of warm) s.close();
  await sleep(500);
  await collectGarbage(procs.map((p) => p.pid!));
  const rssBefore = procs.reduce((s, p) => s + rssBytes(p.pid!), 0);
  const latency = new Samples();
  let recording = false;
  const sockets: Socket[] = [];
  const connecting = new Progress('baseline: connect');
  for (let i = 0; i < specs.length; i += 40) {
    await Promise.all(
      specs.slice(i, i + 40).map(
        (spec, j) =>
          new Promise<void>((resolve) => {
            const s = ioClient(urls[(i + j) % urls.length], { transports: ['websocket'] });
            s.on('event', (e: { at: string }) => {
              if (recording) latency.add(Date.now() - Date.parse(e.at));
            });
            s.on('connect', () => s.emit('subscribe', { room: spec.room }, () => resolve()));
            sockets.push(s);
          }),
      ),
    );
    connecting.update(Math.min(specs.length, i + 40), specs.length);
  }
  connecting.done(`${sockets.length} bare sockets subscribed`);
  await sleep(1500);
  await collectGarbage(procs.map((p) => p.pid!));
  const rssPerSocketKb = (procs.reduce((s, p) => s + rssBytes(p.pid!), 0) - rssBefore) / 1024 / sockets.length;

  // Replay: emissions grouped by their commit instant, sent from alternating nodes as commits would be.
  const replay = new Progress('baseline: replay');
  const groups = new Map<number, Emission[]>();
  for (const e of emissions) {
    const k = e.offsetMs;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const ordered = [...groups.entries()].sort((a, b) => a[0] - b[0]);
  recording = true;
  const start = performance.now();
  let sent = 0;
  await Promise.all(
    ordered.map(async ([offset, group], i) => {
      const wait = offset - (performance.now() - start);
      if (wait > 0) await sleep(wait);
      await fetch(`${urls[i % urls.length]}/emit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ emits: group.map((g) => ({ room: g.room, event: g.event })) }),
      });
      sent++;
      if (sent % 20 === 0) replay.update(sent, ordered.length);
    }),
  );
  await sleep(1500);
  recording = false;
  replay.done(`${emissions.length} emissions replayed`);
  for (const s of sockets) s.close();
  for (const p of procs) p.kill('SIGTERM');
  return { latency, rssPerSocketKb };
}
