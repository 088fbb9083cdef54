import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { presentOrderTo } from '../orders/order.presenter';
import { moveItem } from './itemMover';

export function kitchenRoutes(r: Router, s: Services): void {
  for (const direction of ['bump', 'recall'] as const) {
    r.post(`/kitchen/items/:itemId/${direction}`, async (req, res) => {
      const ctx = ctxOf(s, req, res);
      res.json({ order: presentOrderTo(ctx.actor, await moveItem(ctx, { itemId: idParam(req, 'itemId'), direction })) });
    });
  }
}
