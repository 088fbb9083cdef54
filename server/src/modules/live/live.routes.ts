import { MenuQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam, langOf } from '../../http/handler';
import { parse } from '../../http/validate';
import { LiveFiguresCache, liveFigures } from './liveFigures';

export function liveRoutes(r: Router, s: Services): void {
  const cache = new LiveFiguresCache(s.sequelize);
  r.get('/restaurants/:restaurantId/live', async (req, res) => {
    const q = parse(MenuQuerySchema, req.query, 'query');
    res.set('Cache-Control', 'no-store');
    res.json(await liveFigures(ctxOf(s, req, res), cache, idParam(req, 'restaurantId'), langOf(req, q.lang)));
  });
}
