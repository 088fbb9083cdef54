import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response } from 'express';

/**
 * Serves a built app (kiosk/dist, dashboard/dist) under its prefix:
 * - compressed: the build writes a `.br` and a `.gz` beside each compressible file
 *   (scripts/lib/precompress.mjs); the variant the browser accepts is sent (brotli first), with
 *   `Vary: Accept-Encoding` on every answer that has variants. Precompressing at build time
 *   costs no CPU per request and affords the smallest settings; a variant missing (an app built
 *   by a bare `vite build`) or older than its file is skipped and the file goes out as it is;
 * - cached: Vite's hashed assets (`assets/<name>-<hash>.js`) for a year, immutable (a new build
 *   has new names); the page itself `no-cache`, so browsers revalidate it by its ETag (304);
 * - every other path without a file extension is a client-side route and gets the page; a missing
 *   file (anything under assets/, or a name with an extension) is a 404, never the page, so a
 *   stale script reference fails visibly instead of being parsed as HTML.
 */
export function appFiles(name: string, dist: string): RequestHandler {
  const root = path.resolve(dist);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/' && !req.originalUrl.split('?')[0].endsWith('/')) {
      // `/kiosk` → `/kiosk/`, as a static server does, so the page's client routes see their prefix.
      const query = req.originalUrl.slice(req.originalUrl.split('?')[0].length);
      res.redirect(301, `${req.baseUrl}/${query}`);
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next(); // malformed escapes: not a file of ours
    }
    if (relative.includes('\0')) return next();
    const file = path.resolve(root, `.${relative.endsWith('/') ? `${relative}index.html` : relative}`);
    if (file !== root && !file.startsWith(root + path.sep)) return next();
    const stat = statFile(file);
    if (stat) return sendVariant(req, res, next, root, file, stat);
    if (looksLikeFile(relative)) return next(); // the 404 that follows
    const page = path.join(root, 'index.html');
    const pageStat = statFile(page);
    if (!pageStat) {
      res.status(503).json({ error: { code: 'unavailable', message: `The ${name} app is not built; run npm run build.` } });
      return;
    }
    sendVariant(req, res, next, root, page, pageStat);
  };
}

const HASHED = /^assets\/.+-[\w-]{8,}\.[a-z0-9]+$/i;
const EXTENSION = /\.[a-z0-9]{1,12}$/i;
export const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

function looksLikeFile(relative: string): boolean {
  return relative.startsWith('/assets/') || EXTENSION.test(relative);
}

function statFile(file: string): fs.Stats | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/** The encodings the request accepts (q > 0), in the server's order of preference. */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  const accepts = (enc: string) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(accepts);
}

function cacheControlOf(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep).join('/');
  if (HASHED.test(relative)) return YEAR_IMMUTABLE;
  if (relative.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

function sendVariant(req: Request, res: Response, next: express.NextFunction, root: string, file: string, stat: fs.Stats): void {
  // Variants that exist and are not older than the file they compress.
  const variants = (['br', 'gzip'] as const).flatMap((encoding) => {
    const variant = statFile(file + SUFFIX[encoding]);
    return variant && variant.mtimeMs >= stat.mtimeMs ? [{ encoding, file: file + SUFFIX[encoding], stat: variant }] : [];
  });
  const wanted = acceptedEncodings(req.get('accept-encoding'));
  const chosen = wanted.map((encoding) => variants.find((v) => v.encoding === encoding)).find((v) => v !== undefined);
  const sent = chosen ?? { encoding: 'identity' as const, file, stat };

  res.type(path.extname(file));
  res.set('Cache-Control', cacheControlOf(root, file));
  if (variants.length > 0) res.vary('Accept-Encoding');
  if (chosen) res.set('Content-Encoding', chosen.encoding);
  // One tag per representation: the same file's brotli, gzip and plain bytes differ.
  res.set('ETag', `W/"${sent.stat.size.toString(36)}-${Math.floor(sent.stat.mtimeMs).toString(36)}-${sent.encoding}"`);
  res.sendFile(sent.file, { etag: false, cacheControl: false, lastModified: true, dotfiles: 'allow' }, (err) => {
    if (!err) return;
    if (res.headersSent) return;
    // Removed between the stat and the read (a rebuild): not found, like any missing file.
    res.removeHeader('Content-Encoding');
    res.removeHeader('ETag');
    next();
  });
}
