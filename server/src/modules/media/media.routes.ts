import path from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';

/**
 * The demo hotel's pictures, drawn once and committed as files under `server/media/`
 * (`dishes/<slug>.svg`, `restaurants/<slug>.svg`, and `fallback.svg`); the seeder stores
 * these URLs in `image_url`. Resolved from this file so src (tests) and dist both find it.
 */
export const MEDIA_DIR = path.resolve(__dirname, '../../../media');

const SLUG = /^[a-z0-9-]{1,80}$/;

/** A picture changes only with a release; a month keeps screens from asking again. */
const KNOWN_MAX_AGE_S = 30 * 24 * 3600;
/** An unknown slug may get its own picture in the next release: keep the stand-in briefly. */
const FALLBACK_MAX_AGE_S = 3600;

function sendSvg(res: Response, next: NextFunction, file: string, maxAgeS: number, onMissing: () => void): void {
  res.sendFile(
    file,
    {
      root: MEDIA_DIR,
      dotfiles: 'deny',
      lastModified: false, // git checkouts stamp files with the clone time; the ETag decides
      headers: {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': `public, max-age=${maxAgeS}`,
        'X-Content-Type-Options': 'nosniff',
      },
    },
    (err?: NodeJS.ErrnoException) => {
      if (!err || res.headersSent) return;
      if (err.code === 'ENOENT') onMissing();
      else next(err); // a 500, logged by the error handler
    },
  );
}

function serve(kind: 'dishes' | 'restaurants') {
  return (req: Request, res: Response, next: NextFunction): void => {
    const file = String(req.params.file ?? '');
    const slug = file.endsWith('.svg') ? file.slice(0, -'.svg'.length) : '';
    if (!SLUG.test(slug)) {
      res.status(404).json({ error: { code: 'not_found', message: 'no such picture: names are lowercase-slug.svg' } });
      return;
    }
    // Unknown slugs (a dish added after the demo) still get a picture: the generic one.
    sendSvg(res, next, `${kind}/${slug}.svg`, KNOWN_MAX_AGE_S, () =>
      sendSvg(res, next, 'fallback.svg', FALLBACK_MAX_AGE_S, () => {
        res.status(404).json({ error: { code: 'not_found', message: 'no such picture' } });
      }),
    );
  };
}

/** `GET /dishes/:slug.svg` and `GET /restaurants/:slug.svg`; mounted at `/media`. */
export function mediaRouter(): Router {
  const router = Router();
  // `:file` and strip `.svg` ourselves: path-to-regexp v8 has no inline suffixes worth the risk
  router.get('/dishes/:file', serve('dishes'));
  router.get('/restaurants/:file', serve('restaurants'));
  return router;
}
