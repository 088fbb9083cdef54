import { Router, type Request, type Response } from 'express';
import { dishSvg, isKnownDish, isKnownRestaurant, restaurantSvg } from './dishArt';

const SLUG = /^[a-z0-9-]{1,80}$/;

/** Pictures of the demo hotel's pieces change only with a release: cache the known ones. */
const cache = new Map<string, string>();

function serve(kind: 'dishes' | 'restaurants') {
  const draw = kind === 'dishes' ? dishSvg : restaurantSvg;
  const known = kind === 'dishes' ? isKnownDish : isKnownRestaurant;
  return (req: Request, res: Response): void => {
    const file = String(req.params.file ?? '');
    const slug = file.endsWith('.svg') ? file.slice(0, -'.svg'.length) : '';
    if (!SLUG.test(slug)) {
      res.status(404).json({ error: { code: 'not_found', message: 'no such picture: names are lowercase-slug.svg' } });
      return;
    }
    // unknown slugs still get a (generic) picture, but are not kept
    const key = `${kind}/${slug}`;
    let svg = cache.get(key);
    if (svg === undefined) {
      svg = draw(slug);
      if (known(slug)) cache.set(key, svg);
    }
    res.set('Content-Type', 'image/svg+xml; charset=utf-8');
    res.set('Cache-Control', 'public, max-age=86400');
    res.set('X-Content-Type-Options', 'nosniff');
    res.send(svg);
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
