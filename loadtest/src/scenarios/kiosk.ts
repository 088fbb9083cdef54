import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import pg from 'pg';
import type { Cluster } from '../lib/cluster';
import { log } from '../lib/progress';
import { round, Samples } from '../lib/stats';
import { CHROMIUM } from './screens';

export interface KioskResult {
  /** The menu page's scripts and styles as shipped (summed over what the page loads). */
  files: number;
  jsRawKb: number;
  jsGzipKb: number;
  jsBrotliKb: number;
  cssRawKb: number;
  cssGzipKb: number;
  cssBrotliKb: number;
  /** Navigation start → the first dish card painted and clickable, new context (cold cache) each run. */
  runs: number;
  /** Dishes on the menu, and dish cards the first screen shows (one category at a time). */
  menuDishes: number;
  dishes: number;
  usableMedianMs: number;
  usableMinMs: number;
  usableMaxMs: number;
  /** The same, once the page and its files are in the browser's cache (revalidation, 304s). */
  warmMedianMs: number;
}

/**
 * Runs before the app: stamps (ms from navigation start, after the frame that shows it) the
 * first moment a dish card (`[data-dish-id]`) is on screen and would take a tap: laid out with a
 * size, inside the viewport, and the topmost element at its centre (nothing covering it).
 */
const USABLE_PROBE = `(() => {
  window.__usable = null;
  const clickable = () => {
    const card = document.querySelector('[data-dish-id]');
    if (!card) return false;
    const box = card.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.top >= innerHeight || box.left >= innerWidth) return false;
    const x = Math.min(box.left + box.width / 2, innerWidth - 1);
    const y = Math.min(box.top + box.height / 2, innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (card === hit || card.contains(hit) || hit.contains(card));
  };
  const check = () => {
    if (window.__usable !== null || !clickable()) return;
    observer.disconnect();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__usable = performance.now(); };
    requestAnimationFrame(() => channel.port2.postMessage(0));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

const ROOT = path.resolve(__dirname, '../../..');
const kb = (bytes: number) => round(bytes / 1024);

/** The bytes a GET sends on the wire with this Accept-Encoding (node's client does not decompress). */
function wireBytes(url: string, acceptEncoding: string): Promise<{ status: number; bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** A restaurant with a real-sized menu: four categories of six dishes, with pictures, tags, spice and allergens. */
async function menuRestaurant(databaseUrl: string): Promise<{ slug: string; dishes: number }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const text = (s: string) => JSON.stringify({ en: s, 'zh-Hant': s, 'zh-Hans': s });
    const pictures = fs
      .readdirSync(path.join(ROOT, 'server', 'media', 'dishes'))
      .filter((f) => f.endsWith('.svg'))
      .sort();
    const slug = `bench-kiosk-${Date.now().toString(36)}`;
    const r = await db.query<{ id: string }>(
      `INSERT INTO restaurants (slug, names, descriptions, cuisine, area, price_level, time_zone, currency, service_charge_bps, sort)
       VALUES ($1, $2, $2, 'bench', 'Bench', 2, 'Asia/Hong_Kong', 'HKD', 1000, 999) RETURNING id`,
      [slug, text('Bench kiosk menu')],
    );
    const rid = r.rows[0].id;
    const st = await db.query<{ id: string }>('INSERT INTO stations (restaurant_id, names) VALUES ($1, $2) RETURNING id', [
      rid,
      text('Wok'),
    ]);
    for (let c = 0; c < 4; c++) {
      const cat = await db.query<{ id: string }>('INSERT INTO categories (restaurant_id, names, sort) VALUES ($1, $2, $3) RETURNING id', [
        rid,
        text(['Starters', 'Noodles', 'Mains', 'Desserts'][c]),
        c,
      ]);
      for (let d = 0; d < 6; d++) {
        const n = c * 6 + d;
        const picture = pictures[n % pictures.length];
        await db.query(
          `INSERT INTO dishes (restaurant_id, category_id, station_id, names, descriptions, price_cents, sort, image_url, tags, allergens, spice_level)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            rid,
            cat.rows[0].id,
            st.rows[0].id,
            text(picture.replace(/\.svg$/, '').replace(/-/g, ' ')),
            text('Cooked to order in the wok, with seasonal greens and our house sauce.'),
            4800 + n * 300,
            d,
            `/media/dishes/${picture}`,
            n % 3 === 0 ? ['vegetarian'] : [],
            n % 4 === 0 ? ['peanuts', 'soy'] : [],
            n % 5,
          ],
        );
      }
    }
    return { slug, dishes: 24 };
  } finally {
    await db.end();
  }
}

/**
 * The guest app as a kiosk or phone gets it through the balancer: the scripts and styles the
 * menu page loads (raw, and as sent gzip and brotli), and the time until a restaurant's menu is
 * usable from a cold cache in Chromium at kiosk size (median of `runs`).
 */
export async function kiosk(cluster: Cluster, databaseUrl: string, o: { runs: number }): Promise<KioskResult> {
  const { slug, dishes: menuDishes } = await menuRestaurant(databaseUrl);
  const url = `${cluster.balancer}/kiosk/r/${slug}`;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(CHROMIUM);
    const cold = new Samples();
    const warm = new Samples();
    const shipped = new Map<string, 'script' | 'stylesheet'>();
    let dishes = 0;
    for (let i = 0; i < o.runs; i++) {
      // A new context is a new profile: empty HTTP cache, no service worker, no storage.
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'en-GB' });
      try {
        await context.addInitScript(USABLE_PROBE);
        const page = await context.newPage();
        page.on('response', (res) => {
          const type = res.request().resourceType();
          if ((type === 'script' || type === 'stylesheet') && new URL(res.url()).pathname.startsWith('/kiosk/'))
            shipped.set(res.url(), type);
        });
        for (const [pass, samples] of [
          ['cold', cold],
          ['warm', warm],
        ] as const) {
          if (pass === 'cold') await page.goto(url);
          else await page.reload();
          const usable = await page.waitForFunction(() => (globalThis as unknown as { __usable: number | null }).__usable, null, {
            timeout: 30_000,
            polling: 50,
          });
          samples.add(Number(await usable.jsonValue()));
          // The probe's verdict, checked by Playwright's own actionability rules.
          await page.locator('[data-dish-id]').first().click({ trial: true, timeout: 5_000 });
          dishes = await page.locator('[data-dish-id]').count();
        }
      } finally {
        await context.close();
      }
    }

    const totals = { script: { raw: 0, gzip: 0, br: 0 }, stylesheet: { raw: 0, gzip: 0, br: 0 } };
    for (const [fileUrl, type] of shipped) {
      const plain = await wireBytes(fileUrl, 'identity');
      const gz = await wireBytes(fileUrl, 'gzip');
      const br = await wireBytes(fileUrl, 'br');
      if (plain.status !== 200) throw new Error(`${fileUrl}: ${plain.status}`);
      totals[type].raw += plain.bytes;
      totals[type].gzip += gz.bytes;
      totals[type].br += br.bytes;
      log(
        `  kiosk file         ${new URL(fileUrl).pathname}: ${kb(plain.bytes)} KB, gzip ${kb(gz.bytes)} KB (${gz.encoding}), br ${kb(br.bytes)} KB (${br.encoding})`,
      );
    }
    const result: KioskResult = {
      files: shipped.size,
      jsRawKb: kb(totals.script.raw),
      jsGzipKb: kb(totals.script.gzip),
      jsBrotliKb: kb(totals.script.br),
      cssRawKb: kb(totals.stylesheet.raw),
      cssGzipKb: kb(totals.stylesheet.gzip),
      cssBrotliKb: kb(totals.stylesheet.br),
      runs: o.runs,
      menuDishes,
      dishes,
      usableMedianMs: round(cold.percentile(50)),
      usableMinMs: round(cold.percentile(0)),
      usableMaxMs: round(cold.percentile(100)),
      warmMedianMs: round(warm.percentile(50)),
    };
    log(
      `  kiosk              JS ${result.jsRawKb} KB raw / ${result.jsGzipKb} KB gzip / ${result.jsBrotliKb} KB br; ` +
        `CSS ${result.cssRawKb} / ${result.cssGzipKb} / ${result.cssBrotliKb} KB; menu of ${menuDishes} dishes (${dishes} cards on the first screen) usable cold ` +
        `median ${result.usableMedianMs} ms (${result.usableMinMs}–${result.usableMaxMs}), warm ${result.warmMedianMs} ms`,
    );
    return result;
  } finally {
    await browser?.close();
  }
}
