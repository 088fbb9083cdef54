import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { DinewireNode } from '../node';
import { startTestNode } from '../test/harness';
import { acceptedEncodings } from './appFiles';

/**
 * The built apps as browsers get them: precompressed by the build's own step
 * (scripts/lib/precompress.mjs, run here on a dist of our making), brotli or gzip as accepted,
 * hashed assets cached for a year, the page revalidated by its ETag, a missing file a 404.
 */

const repoRoot = path.resolve(__dirname, '../../..');
let appsDir: string;
let node: DinewireNode;
// Text that compresses well, as a bundle does, and is large enough to be worth compressing.
const script = `export const dishes = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "dish ${i}" }`).join(', ')}];\n`;
const style = `.card { color: #123456; padding: 1rem; }\n`.repeat(200);
const page = `<!doctype html><html lang="en"><head><script type="module" src="/kiosk/assets/index-AbCd1234.js"></script><link rel="stylesheet" href="/kiosk/assets/index-EfGh5678.css"></head><body><div id="app"></div></body></html>\n`;

beforeAll(async () => {
  appsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinewire-apps-'));
  for (const app of ['kiosk', 'dashboard']) {
    const dist = path.join(appsDir, app, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), page.replaceAll('/kiosk/', `/${app}/`));
    fs.writeFileSync(path.join(dist, 'assets', 'index-AbCd1234.js'), script);
    fs.writeFileSync(path.join(dist, 'assets', 'index-EfGh5678.css'), style);
    fs.writeFileSync(path.join(dist, 'robots.txt'), 'x'); // too small to gain from compressing
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'lib', 'precompress.mjs'), dist]);
  }
  node = await startTestNode({ appsDir });
});
afterAll(async () => {
  await node?.close();
  fs.rmSync(appsDir, { recursive: true, force: true });
});

/** fetch() decompresses by itself; node's http client does not, so the bytes on the wire are seen. */
async function raw(pathname: string, headers: Record<string, string> = {}) {
  const http = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = http.get(`${node.url}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe.each(['kiosk', 'dashboard'])('/%s/ files', (app) => {
  it.each([
    ['br', 'gzip, deflate, br, zstd', (b: Buffer) => zlib.brotliDecompressSync(b)],
    ['gzip', 'gzip, deflate', (b: Buffer) => zlib.gunzipSync(b)],
  ] as const)('sends a hashed script as %s, cached for a year, decompressing to the file', async (encoding, accept, decode) => {
    const res = await raw(`/${app}/assets/index-AbCd1234.js`, { 'accept-encoding': accept });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 3);
    expect(decode(res.body).toString()).toBe(script);
  });

  it('sends the plain file to a client that accepts no compression, still varying on it', async () => {
    const res = await raw(`/${app}/assets/index-EfGh5678.css`, { 'accept-encoding': 'identity' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.body.toString()).toBe(style);
    // br;q=0 refuses brotli: gzip it is.
    const gz = await raw(`/${app}/assets/index-EfGh5678.css`, { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(style);
  });

  it.each([`/${app}/`, `/${app}/r/some-restaurant`, `/${app}/pair`])(
    'answers %s with the page, revalidated by its ETag',
    async (pathname) => {
      const first = await raw(pathname, { 'accept-encoding': 'br' });
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toMatch(/^text\/html/);
      expect(first.headers['cache-control']).toBe('no-cache');
      expect(first.headers['content-encoding']).toBe('br');
      expect(first.headers['vary']).toMatch(/accept-encoding/i);
      expect(zlib.brotliDecompressSync(first.body).toString()).toBe(page.replaceAll('/kiosk/', `/${app}/`));
      const etag = first.headers['etag'] as string;
      expect(etag).toBeTruthy();

      const again = await raw(pathname, { 'accept-encoding': 'br', 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['etag']).toBe(etag);
      expect(again.headers['cache-control']).toBe('no-cache');

      // Another representation has another tag: a gzip client's cached copy is not the brotli one.
      const gzip = await raw(pathname, { 'accept-encoding': 'gzip', 'if-none-match': etag });
      expect(gzip.status).toBe(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers['etag']).not.toBe(etag);
    },
  );

  it.each([`/${app}/assets/index-Missing1.js`, `/${app}/assets/nope.css`, `/${app}/favicon.ico`, `/${app}/r/x/app.js`])(
    'answers a missing file %s with 404, not the page',
    async (pathname) => {
      const res = await raw(pathname, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).not.toMatch(/text\/html/);
      expect(res.body.toString()).not.toContain('<!doctype html>');
    },
  );

  it('sends a file too small to compress as it is, with a short cache', async () => {
    const res = await raw(`/${app}/robots.txt`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body.toString()).toBe('x');
  });

  it('redirects the bare prefix to the page, and refuses to climb out of dist', async () => {
    const bare = await raw(`/${app}?lang=en`);
    expect(bare.status).toBe(301);
    expect(bare.headers['location']).toBe(`/${app}/?lang=en`);
    for (const escape of [`/${app}/..%2F..%2Fpackage.json`, `/${app}/%2e%2e/%2e%2e/package.json`]) {
      const res = await raw(escape);
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain('"workspaces"');
    }
  });

  it('keeps the security headers on the page and the assets', async () => {
    for (const pathname of [`/${app}/`, `/${app}/assets/index-AbCd1234.js`]) {
      const res = await raw(pathname, { 'accept-encoding': 'br' });
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

it('skips a precompressed variant older than its file (a file rebuilt without the step)', async () => {
  const file = path.join(appsDir, 'kiosk', 'dist', 'assets', 'index-Stale123.js');
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync('old'));
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(`${file}.br`, past, past);
  fs.writeFileSync(file, 'new contents');
  const res = await raw('/kiosk/assets/index-Stale123.js', { 'accept-encoding': 'br' });
  expect(res.headers['content-encoding']).toBeUndefined();
  expect(res.body.toString()).toBe('new contents');
});

it('reads Accept-Encoding with its q-values, brotli first', () => {
  expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
  expect(acceptedEncodings('gzip;q=0.5, br;q=0')).toEqual(['gzip']);
  expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
  expect(acceptedEncodings('*;q=0, identity')).toEqual([]);
  expect(acceptedEncodings(undefined)).toEqual([]);
  expect(acceptedEncodings('BR;Q=1')).toEqual(['br']);
});
