import fs from 'node:fs';
import path from 'node:path';
import type { DinewireNode } from '../../node';
import { DEMO_RESTAURANTS, dishSlug } from '../../demo/demoData';
import { startTestNode } from '../../test/harness';
import { MEDIA_DIR } from './media.routes';

let node: DinewireNode;

beforeAll(async () => {
  node = await startTestNode();
});
afterAll(async () => {
  await node?.close();
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${node.url}${p}`, { headers });

describe('demo pictures (static files under server/media)', () => {
  it('has a file for every demo dish and restaurant the seeder links to', () => {
    const missing: string[] = [];
    for (const r of DEMO_RESTAURANTS) {
      if (!fs.existsSync(path.join(MEDIA_DIR, 'restaurants', `${r.slug}.svg`))) missing.push(`restaurants/${r.slug}`);
      for (const d of r.dishes) {
        if (!fs.existsSync(path.join(MEDIA_DIR, 'dishes', `${dishSlug(d)}.svg`))) missing.push(`dishes/${dishSlug(d)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves a known dish as SVG with a long cache, and answers a revalidation with 304', async () => {
    const dish = DEMO_RESTAURANTS[0]!.dishes[0]!;
    const res = await get(`/media/dishes/${dishSlug(dish)}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=2592000');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await res.text();
    expect(body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(body).toContain(`<title>${dish.names.en.replace(/&/g, '&amp;')}</title>`);

    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    // As a browser revalidates (fetch would add `no-cache` to a bare If-None-Match).
    const again = await get(`/media/dishes/${dishSlug(dish)}.svg`, { 'if-none-match': etag!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
  });

  it('serves a known restaurant', async () => {
    const restaurant = DEMO_RESTAURANTS[0]!;
    const res = await get(`/media/restaurants/${restaurant.slug}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await res.text()).toContain(`<title>${restaurant.names.en}</title>`);
  });

  it('gives an unknown slug the fallback picture, cached briefly', async () => {
    const fallback = fs.readFileSync(path.join(MEDIA_DIR, 'fallback.svg'), 'utf8');
    for (const kind of ['dishes', 'restaurants']) {
      const res = await get(`/media/${kind}/a-dish-added-after-the-demo.svg`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(await res.text()).toBe(fallback);
    }
  });

  it('answers names that are not lowercase-slug.svg with a 404 JSON error', async () => {
    for (const p of [
      '/media/dishes/Har-Gow.svg',
      '/media/dishes/har-gow.png',
      '/media/dishes/..%2F..%2Fpackage.json',
      '/media/fallback.svg',
    ]) {
      const res = await get(p);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
