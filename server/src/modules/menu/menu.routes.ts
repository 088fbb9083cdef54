import { DishAvailabilitySchema, DishSearchSchema, MenuQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam, langOf } from '../../http/handler';
import { parse } from '../../http/validate';
import { setDishAvailability } from './dishAvailability';
import { getDish, getMenu, searchDishes } from './menu.service';

export function menuRoutes(r: Router, s: Services): void {
  r.get('/restaurants/:restaurantId/menu', async (req, res) => {
    const q = parse(MenuQuerySchema, req.query, 'query');
    res.json(await getMenu(ctxOf(s, req, res), idParam(req, 'restaurantId'), langOf(req, q.lang)));
  });

  r.get('/dishes', async (req, res) => {
    const q = parse(DishSearchSchema, req.query, 'query');
    res.json(await searchDishes(ctxOf(s, req, res), { ...q, lang: langOf(req, q.lang) }));
  });

  r.get('/dishes/:dishId', async (req, res) => {
    const q = parse(MenuQuerySchema, req.query, 'query');
    res.json(await getDish(ctxOf(s, req, res), idParam(req, 'dishId'), langOf(req, q.lang)));
  });

  r.post('/dishes/:dishId/availability', async (req, res) => {
    const body = parse(DishAvailabilitySchema, req.body);
    res.json(await setDishAvailability(ctxOf(s, req, res), { dishId: idParam(req, 'dishId'), available: body.available }));
  });
}
