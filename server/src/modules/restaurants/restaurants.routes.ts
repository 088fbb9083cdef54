import { MenuQuerySchema, RestaurantQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { idParam, langOf } from '../../http/handler';
import { parse } from '../../http/validate';
import { getRestaurant, listRestaurants } from './restaurants.service';

export function restaurantsRoutes(r: Router, s: Services): void {
  r.get('/restaurants', async (req, res) => {
    const q = parse(RestaurantQuerySchema, req.query, 'query');
    res.json(await listRestaurants(s.sequelize, { ...q, lang: langOf(req, q.lang) }));
  });

  r.get('/restaurants/:restaurantId', async (req, res) => {
    const q = parse(MenuQuerySchema, req.query, 'query');
    res.json({ restaurant: await getRestaurant(s.sequelize, idParam(req, 'restaurantId'), langOf(req, q.lang)) });
  });
}
