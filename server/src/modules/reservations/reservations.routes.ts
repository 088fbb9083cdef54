import { AvailabilityQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { readAvailability } from './availabilityReader';

export function reservationsRoutes(r: Router, s: Services): void {
  r.get('/restaurants/:restaurantId/availability', async (req, res) => {
    const q = parse(AvailabilityQuerySchema, req.query, 'query');
    res.json(await readAvailability(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });
}
