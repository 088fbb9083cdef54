import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { presentOrderTo } from '../orders/order.presenter';
import { handOffOrder } from './orderHandOff';

export function expoRoutes(r: Router, s: Services): void {
  r.post('/orders/:orderId/handoff', async (req, res) => {
    const ctx = ctxOf(s, req, res);
    res.json({ order: presentOrderTo(ctx.actor, await handOffOrder(ctx, { orderId: idParam(req, 'orderId') })) });
  });
}
