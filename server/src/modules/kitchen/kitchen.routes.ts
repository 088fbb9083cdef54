import { ItemMoveSchema, OrderRushSchema, RecentlyBumpedQuerySchema, TicketMoveSchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { presentOrderTo } from '../orders/order.presenter';
import { moveItem, moveTicket } from './itemMover';
import { rushOrder } from './orderRusher';
import { listRecentlyBumped } from './recentlyBumped';

export function kitchenRoutes(r: Router, s: Services): void {
  for (const direction of ['bump', 'recall'] as const) {
    r.post(`/kitchen/items/:itemId/${direction}`, async (req, res) => {
      const body = parse(ItemMoveSchema, req.body) ?? {};
      const ctx = ctxOf(s, req, res);
      res.json({ order: presentOrderTo(ctx.actor, await moveItem(ctx, { itemId: idParam(req, 'itemId'), direction, from: body.from })) });
    });

    r.post(`/kitchen/orders/:orderId/${direction}`, async (req, res) => {
      const body = parse(TicketMoveSchema, req.body);
      const ctx = ctxOf(s, req, res);
      res.json({ order: presentOrderTo(ctx.actor, await moveTicket(ctx, { orderId: idParam(req, 'orderId'), direction, ...body })) });
    });
  }

  r.post('/orders/:orderId/rush', async (req, res) => {
    const body = parse(OrderRushSchema, req.body);
    const ctx = ctxOf(s, req, res);
    res.json({ order: presentOrderTo(ctx.actor, await rushOrder(ctx, { orderId: idParam(req, 'orderId'), rushed: body.rushed })) });
  });

  r.get('/restaurants/:restaurantId/kitchen/recent', async (req, res) => {
    const q = parse(RecentlyBumpedQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    const { orders, latestSeq } = await listRecentlyBumped(ctx, { restaurantId: idParam(req, 'restaurantId'), ...q });
    res.json({ orders: orders.map((o) => presentOrderTo(ctx.actor, o)), latestSeq });
  });
}
