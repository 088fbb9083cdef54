import { EventsQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { catchUp } from './events.service';

export function eventsRoutes(r: Router, s: Services): void {
  r.get('/restaurants/:restaurantId/events', async (req, res) => {
    const q = parse(EventsQuerySchema, req.query, 'query');
    res.json(await catchUp(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });
}
