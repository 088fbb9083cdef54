import { RecommendationsQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { recommendFor } from './recommendations';

export function recommendationsRoutes(r: Router, s: Services): void {
  r.get('/restaurants/:restaurantId/recommendations', async (req, res) => {
    const q = parse(RecommendationsQuerySchema, req.query, 'query');
    res.json(await recommendFor(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });
}
