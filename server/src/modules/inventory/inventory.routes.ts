import { InventoryAdjustmentSchema, StockMovementQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { adjustStock, listInventory, listMovements } from './inventory.service';

export function inventoryRoutes(r: Router, s: Services): void {
  r.get('/restaurants/:restaurantId/inventory', async (req, res) => {
    res.json(await listInventory(ctxOf(s, req, res), idParam(req, 'restaurantId')));
  });

  r.get('/restaurants/:restaurantId/inventory/movements', async (req, res) => {
    const q = parse(StockMovementQuerySchema, req.query, 'query');
    res.json(await listMovements(ctxOf(s, req, res), idParam(req, 'restaurantId'), q));
  });
  r.post('/inventory/:ingredientId/adjustments', async (req, res) => {
    const body = parse(InventoryAdjustmentSchema, req.body);
    res.status(201).json(await adjustStock(ctxOf(s, req, res), { ingredientId: idParam(req, 'ingredientId'), ...body }));
  });
}
