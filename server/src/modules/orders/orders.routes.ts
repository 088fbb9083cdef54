import {
  OrderCancelSchema,
  OrderCreateSchema,
  OrderListQuerySchema,
  OrderPreviewQuerySchema,
  OrderPreviewSchema,
  OrderReadQuerySchema,
} from '@dinewire/protocol';
import type { Router } from 'express';
import { z } from 'zod';
import type { Services } from '../../context';
import { ctxOf, idParam, langOf } from '../../http/handler';
import { parse } from '../../http/validate';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { markCounterPaid } from './counterPayments';
import { IdempotencyKeySchema } from './idempotency';
import { presentRestaurantRef } from '../restaurants/restaurant.presenter';
import { presentOrderFor, presentOrderTo } from './order.presenter';
import { cancelOrder } from './orderCanceller';
import { placeOrder } from './orderPlacer';
import { previewOrder } from './orderPreview';
import { listMyOrders, listRestaurantOrders, readOrder } from './orderReader';
import { decideHeldRoomCharge } from './roomChargeConfirmer';

export function ordersRoutes(r: Router, s: Services, roomCharges: RoomChargeThrottle): void {
  r.post('/orders', async (req, res) => {
    const idempotencyKey = parse(IdempotencyKeySchema, req.get('idempotency-key'), 'Idempotency-Key');
    const body = parse(OrderCreateSchema, req.body);
    const result = await placeOrder(ctxOf(s, req, res), { body, idempotencyKey, roomCharges });
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    // Whoever placed it holds its token: its owner.
    res.status(result.status).json({ order: presentOrderFor(result.body.order, 'owner'), orderToken: result.body.orderToken });
  });

  // The cart's totals: the same body as an order, nothing written (no Idempotency-Key needed).
  r.post('/orders/preview', async (req, res) => {
    const q = parse(OrderPreviewQuerySchema, req.query, 'query');
    const body = parse(OrderPreviewSchema, req.body);
    res.json(await previewOrder(ctxOf(s, req, res), body, langOf(req, q.lang)));
  });

  r.get('/orders/:orderId', async (req, res) => {
    const q = parse(OrderReadQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    res.json({ order: presentOrderTo(ctx.actor, await readOrder(ctx, idParam(req, 'orderId'), q.token), q.token) });
  });

  r.post('/orders/:orderId/cancel', async (req, res) => {
    const body =
      parse(
        OrderCancelSchema.unwrap()
          .extend({ token: z.string().max(200).optional() })
          .optional(),
        req.body,
      ) ?? {};
    const q = parse(OrderReadQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    const token = body.token ?? q.token;
    const { order, refund } = await cancelOrder(ctx, { orderId: idParam(req, 'orderId'), token, reason: body.reason });
    res.json({ order: presentOrderTo(ctx.actor, order, token), refund });
  });

  for (const decision of ['confirm', 'decline'] as const) {
    r.post(`/orders/:orderId/room-charge/${decision}`, async (req, res) => {
      const ctx = ctxOf(s, req, res);
      res.json({ order: presentOrderTo(ctx.actor, await decideHeldRoomCharge(ctx, { orderId: idParam(req, 'orderId'), decision })) });
    });
  }

  r.post('/orders/:orderId/payments/counter', async (req, res) => {
    const ctx = ctxOf(s, req, res);
    res.json({ order: presentOrderTo(ctx.actor, await markCounterPaid(ctx, { orderId: idParam(req, 'orderId') })) });
  });

  r.get('/restaurants/:restaurantId/orders', async (req, res) => {
    const q = parse(OrderListQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    const { orders, latestSeq } = await listRestaurantOrders(ctx, { restaurantId: idParam(req, 'restaurantId'), ...q });
    res.json({ orders: orders.map((o) => presentOrderTo(ctx.actor, o)), latestSeq });
  });

  r.get('/me/orders', async (req, res) => {
    const ctx = ctxOf(s, req, res);
    const { orders, restaurants } = await listMyOrders(ctx);
    res.json({ orders: orders.map((o) => presentOrderTo(ctx.actor, o)), restaurants: restaurants.map(presentRestaurantRef) });
  });
}
