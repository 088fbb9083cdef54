import { AvailabilityQuerySchema, ReservationCreateSchema, ReservationListQuerySchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { IdempotencyKeySchema } from '../orders/idempotency';
import { readAvailability } from './availabilityReader';
import { bookTable } from './reservationBooker';
import { listRestaurantReservations } from './reservationReader';

export function reservationsRoutes(r: Router, s: Services): void {
  r.get('/restaurants/:restaurantId/availability', async (req, res) => {
    const q = parse(AvailabilityQuerySchema, req.query, 'query');
    res.json(await readAvailability(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });

  r.post('/reservations', async (req, res) => {
    const idempotencyKey = parse(IdempotencyKeySchema, req.get('idempotency-key'), 'Idempotency-Key');
    const body = parse(ReservationCreateSchema, req.body);
    const result = await bookTable(ctxOf(s, req, res), { body, idempotencyKey });
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    // Whoever booked it holds its token, and is shown the contact they gave.
    res.status(result.status).json(result.body);
  });

  r.get('/restaurants/:restaurantId/reservations', async (req, res) => {
    const q = parse(ReservationListQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    res.json(await listRestaurantReservations(ctx, { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });
}
