import crypto from 'node:crypto';
import type { DinewireEvent, Device, Order } from '@dinewire/protocol';
import { RealtimeClient } from '@dinewire/protocol';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Cluster } from '../lib/cluster';
import { orderBody, type BenchHotel, type BenchRestaurant } from '../lib/fixtures';
import { Http } from '../lib/http';
import { log, Progress } from '../lib/progress';
import { constantRate } from '../lib/run';
import { round, Samples, sleep } from '../lib/stats';
import { until } from '../lib/wait';

export interface ScreensResult {
  /** Open tickets on the station's rail when the measured orders began. */
  openTickets: number;
  ordersPerSec: number;
  seconds: number;
  /** From commit (the event's publishedAt) to the new ticket painted on the station screen. */
  ticketP50Ms: number;
  ticketP99Ms: number;
  ticketMaxMs: number;
  ticketsPainted: number;
  ticketsMissing: number;
  /** From the bump's commit to the item's new state painted, with the rail full. */
  bumpP50Ms: number;
  bumpP99Ms: number;
  bumpsPainted: number;
  /** Tickets on the rail at the end, against the open orders the database holds for the station. */
  railAtEnd: number;
  openAtEnd: number;
}

/** How the bench starts Chromium: the system's, as the browser tests do. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/**
 * Runs in the page before the app: stamps when rail tickets (`[data-order-id]`) appear and
 * when an item's `data-status` changes, at the first moment after the frame that shows them
 * (a message posted from requestAnimationFrame runs once that frame is painted).
 */
const PAINT_PROBE = `(() => {
  const probe = { added: [], changed: [] };
  window.__paints = probe;
  const seen = new Set();
  let pending = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const t = Date.now();
      for (const r of batch) (r.kind === 'added' ? probe.added : probe.changed).push({ ...r, t });
    };
    requestAnimationFrame(() => channel.port2.postMessage(0));
  };
  const note = (r) => {
    if (pending.length === 0) queueMicrotask(flush);
    pending.push(r);
  };
  const ticketsIn = (el) => {
    if (!(el instanceof Element)) return;
    const found = el.matches('[data-order-id]') ? [el] : [];
    found.push(...el.querySelectorAll('[data-order-id]'));
    for (const t of found) {
      const id = t.getAttribute('data-order-id');
      if (!seen.has(id)) { seen.add(id); note({ kind: 'added', id }); }
    }
  };
  new MutationObserver((records) => {
    for (const m of records) {
      if (m.type === 'childList') for (const n of m.addedNodes) ticketsIn(n);
      else if (m.target instanceof Element && m.target.hasAttribute('data-item-id'))
        note({ kind: 'changed', id: m.target.getAttribute('data-item-id'), status: m.target.getAttribute('data-status') });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
})();`;

interface Probe {
  added: { id: string; t: number }[];
  changed: { id: string; status: string; t: number }[];
}

/**
 * A station's kitchen screen in Chromium, paired as a kitchen device through the balancer,
 * holding `openTickets` open tickets while orders arrive at `ordersPerSec` through the cluster.
 * For each new order the oldest open one is bumped on (each item to cooking, then ready), so
 * the rail stays full. Measured: commit → the ticket painted, and commit → a bump painted.
 */
export async function screens(
  cluster: Cluster,
  hotel: BenchHotel,
  o: { openTickets: number; ordersPerSec: number; seconds: number },
): Promise<ScreensResult> {
  // A restaurant of its own: the other scenarios' orders are not on this rail.
  const r = hotel.restaurants[hotel.restaurants.length - 1];
  const http = new Http(cluster.balancer, { spread: 20 });
  const runId = crypto.randomBytes(4).toString('hex');
  let placed = 0;
  const place = async (): Promise<Order> => {
    const i = placed++;
    for (let attempt = 0; ; attempt++) {
      const res = await http.post<{ order: Order }>('/api/v1/orders', orderBody(r, i), {
        token: r.kioskToken,
        idempotencyKey: `screens-${runId}-${i}`,
      });
      if (res.status === 201) return res.body.order;
      if (attempt >= 5) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
      await sleep(200);
    }
  };

  // What the screen should show, as the server commits it.
  const published = new Map<string, number>(); // order id → its order.created publishedAt
  const bumpPublished = new Map<string, number>(); // `${itemId}:${status}` → first publishedAt with it
  const watcher = new RealtimeClient({ baseUrl: cluster.balancer, token: hotel.managerToken, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    watcher.subscribe(
      { restaurantId: r.id, scope: 'staff' },
      {
        onEvent: (e: DinewireEvent) => {
          if (e.type !== 'order.created' && e.type !== 'order.updated') return;
          const order = e.data as Order;
          const at = Date.parse(e.publishedAt ?? e.at);
          if (e.type === 'order.created') published.set(order.id, at);
          for (const item of order.items ?? []) {
            const key = `${item.id}:${item.status}`;
            if (!bumpPublished.has(key)) bumpPublished.set(key, at);
          }
        },
        onSubscribed: () => resolve(),
        onError: (err) => reject(new Error(`watcher refused: ${err.message}`)),
      },
    );
  });

  const preload = new Progress('screens: open tickets');
  const open: Order[] = [];
  for (let i = 0; i < o.openTickets; i += 10) {
    open.push(...(await Promise.all(Array.from({ length: Math.min(10, o.openTickets - i) }, place))));
    preload.update(open.length, o.openTickets);
  }
  preload.done(`${open.length} open orders at the station`);

  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(CHROMIUM);
    const page = await openStationScreen(browser, cluster, hotel, r);
    const railCount = () => page.locator('[data-order-id]').count();
    const filled = await until(async () => (await railCount()) >= o.openTickets, 60_000, 250);
    if (!filled) throw new Error(`the station screen shows ${await railCount()} of ${o.openTickets} tickets`);
    const openTickets = await railCount();
    await page.evaluate(() => {
      const p = (globalThis as unknown as { __paints: Probe }).__paints;
      p.added.length = 0;
      p.changed.length = 0;
    });

    const measuredOrders: string[] = [];
    const measuredBumps: string[] = [];
    const progress = new Progress('screens: orders');
    await constantRate(
      o.ordersPerSec,
      o.seconds,
      async () => {
        const order = await place();
        measuredOrders.push(order.id);
        const oldest = open.shift();
        open.push(order);
        if (!oldest) return;
        for (const item of oldest.items) {
          for (const step of ['cooking', 'ready']) {
            const res = await http.post(`/api/v1/kitchen/items/${item.id}/bump`, {}, { token: hotel.chefToken });
            if (res.status !== 200) throw new Error(`bump refused: ${res.status} ${JSON.stringify(res.body)}`);
            if (step === 'cooking') measuredBumps.push(`${item.id}:cooking`);
          }
        }
      },
      progress,
      () => `${measuredOrders.length} orders`,
    );
    progress.done(`${measuredOrders.length} orders, ${measuredBumps.length} items bumped`);

    // Everything painted that will be, then the figures.
    await until(async () => {
      const p = await page.evaluate(() => (globalThis as unknown as { __paints: Probe }).__paints.added.length);
      return p >= measuredOrders.length;
    }, 10_000);
    await sleep(500);
    const probe = await page.evaluate(() => (globalThis as unknown as { __paints: Probe }).__paints);
    const addedAt = new Map(probe.added.map((a) => [a.id, a.t]));
    const changedAt = new Map<string, number>();
    for (const c of probe.changed) if (!changedAt.has(`${c.id}:${c.status}`)) changedAt.set(`${c.id}:${c.status}`, c.t);

    const ticket = new Samples();
    let missing = 0;
    for (const id of measuredOrders) {
      const at = published.get(id);
      const painted = addedAt.get(id);
      if (at === undefined || painted === undefined) missing++;
      else ticket.add(painted - at);
    }
    const bump = new Samples();
    for (const key of measuredBumps) {
      const at = bumpPublished.get(key);
      const painted = changedAt.get(key);
      if (at !== undefined && painted !== undefined) bump.add(painted - at);
    }
    const railAtEnd = await railCount();
    const result: ScreensResult = {
      openTickets,
      ordersPerSec: o.ordersPerSec,
      seconds: o.seconds,
      ticketP50Ms: round(ticket.percentile(50)),
      ticketP99Ms: round(ticket.percentile(99)),
      ticketMaxMs: round(ticket.percentile(100)),
      ticketsPainted: ticket.count,
      ticketsMissing: missing,
      bumpP50Ms: round(bump.percentile(50)),
      bumpP99Ms: round(bump.percentile(99)),
      bumpsPainted: bump.count,
      railAtEnd,
      openAtEnd: open.length,
    };
    log(
      `  screens            ${openTickets} tickets on screen, ${o.ordersPerSec}/s: commit → ticket painted p50 ${result.ticketP50Ms} / p99 ${result.ticketP99Ms} ms ` +
        `(${missing} missing); bump painted p50 ${result.bumpP50Ms} / p99 ${result.bumpP99Ms} ms; rail ${railAtEnd} of ${open.length} open`,
    );
    return result;
  } finally {
    watcher.close();
    await browser?.close();
  }
}

/** Pairs a kitchen device for the station (as a manager would), and opens its screen with the device's token kept. */
async function openStationScreen(browser: Browser, cluster: Cluster, hotel: BenchHotel, r: BenchRestaurant): Promise<Page> {
  const http = new Http(cluster.balancer);
  const made = await http.post<{ device: Device; pairingCode: string }>(
    '/api/v1/devices',
    { restaurantId: r.id, kind: 'kitchen', stationId: r.stationId, name: 'Bench wok screen' },
    { token: hotel.managerToken },
  );
  if (made.status !== 201) throw new Error(`device not created: ${made.status} ${JSON.stringify(made.body)}`);
  const paired = await http.post<{ device: Device; token: string }>('/api/v1/devices/pair', { pairingCode: made.body.pairingCode });
  if (paired.status !== 200) throw new Error(`device not paired: ${paired.status} ${JSON.stringify(paired.body)}`);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
  const { device, token } = paired.body;
  await context.addInitScript(
    ([key, value]) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(key, value),
    ['dinewire.staff.device', JSON.stringify({ device, token })] as const,
  );
  await context.addInitScript(PAINT_PROBE);
  const page = await context.newPage();
  await page.goto(`${cluster.balancer}/dashboard/r/${r.id}/kitchen?station=${r.stationId}`);
  await page.locator('[data-connection="live"]').waitFor({ timeout: 30_000 });
  return page;
}
