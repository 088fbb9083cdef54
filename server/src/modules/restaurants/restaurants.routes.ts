import { MenuQuerySchema, RestaurantQuerySchema, TicketAgesUpdateSchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam, langOf, publicOriginOf } from '../../http/handler';
import { parse } from '../../http/validate';
import { readRestaurant, setTicketAges } from './kitchenSettings';
import { listRestaurants } from './restaurants.service';
import { tableQrCodes } from './tableQrCodes';

export function restaurantsRoutes(r: Router, s: Services): void {
  r.get('/restaurants', async (req, res) => {
    const q = parse(RestaurantQuerySchema, req.query, 'query');
    res.json(await listRestaurants(s.sequelize, { ...q, lang: langOf(req, q.lang) }));
  });

  r.get('/restaurants/:restaurantId', async (req, res) => {
    const q = parse(MenuQuerySchema, req.query, 'query');
    res.json({ restaurant: await readRestaurant(ctxOf(s, req, res), idParam(req, 'restaurantId'), langOf(req, q.lang)) });
  });

  r.patch('/restaurants/:restaurantId/ticket-ages', async (req, res) => {
    const q = parse(MenuQuerySchema, req.query, 'query');
    const body = parse(TicketAgesUpdateSchema, req.body);
    const ctx = ctxOf(s, req, res);
    res.json({ restaurant: await setTicketAges(ctx, { restaurantId: idParam(req, 'restaurantId'), lang: langOf(req, q.lang), ...body }) });
  });

  r.get('/restaurants/:restaurantId/tables/qr-codes', async (req, res) => {
    const q = parse(MenuQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    const origin = publicOriginOf(req, s.config.publicOrigin);
    res.json(await tableQrCodes(ctx, { restaurantId: idParam(req, 'restaurantId'), origin, lang: langOf(req, q.lang) }));
  });
}
