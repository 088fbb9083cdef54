import { OrderCancelSchema, OrderCreateSchema, OrderListQuerySchema, OrderReadQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import { z } from 'zod';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { cancelOrder, moveItem } from './orderUpdater';
import { placeOrder } from './orderPlacer';
import { listMyOrders, listRestaurantOrders, readOrder } from './orderReader';

const IdempotencyKeySchema = z
  .string({ error: 'the Idempotency-Key header is required' })
  .min(8, 'at least 8 characters')
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export function ordersRoutes(r: Router, s: Services): void {
  r.post('/orders', async (req, res) => {
    const idempotencyKey = parse(IdempotencyKeySchema, req.get('idempotency-key'), 'Idempotency-Key');
    const body = parse(OrderCreateSchema, req.body);
    const result = await placeOrder(ctxOf(s, req, res), { body, idempotencyKey });
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(result.status).json(result.body);
  });

  r.get('/orders/:orderId', async (req, res) => {
    const q = parse(OrderReadQuerySchema, req.query, 'query');
    res.json({ order: await readOrder(ctxOf(s, req, res), idParam(req, 'orderId'), q.token) });
  });

  r.post('/orders/:orderId/cancel', async (req, res) => {
    const body = parse(OrderCancelSchema.unwrap().extend({ token: z.string().max(200).optional() }).optional(), req.body) ?? {};
    const q = parse(OrderReadQuerySchema, req.query, 'query');
    res.json(await cancelOrder(ctxOf(s, req, res), { orderId: idParam(req, 'orderId'), token: body.token ?? q.token, reason: body.reason }));
  });

  r.get('/restaurants/:restaurantId/orders', async (req, res) => {
    const q = parse(OrderListQuerySchema, req.query, 'query');
    res.json(await listRestaurantOrders(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });

  r.get('/me/orders', async (req, res) => {
    res.json(await listMyOrders(ctxOf(s, req, res)));
  });

  r.post('/kitchen/items/:itemId/bump', async (req, res) => {
    res.json({ order: await moveItem(ctxOf(s, req, res), { itemId: idParam(req, 'itemId'), direction: 'bump' }) });
  });

  r.post('/kitchen/items/:itemId/recall', async (req, res) => {
    res.json({ order: await moveItem(ctxOf(s, req, res), { itemId: idParam(req, 'itemId'), direction: 'recall' }) });
  });
}
