import {
  AvailabilityQuerySchema,
  ReservationActionSchema,
  ReservationCreateSchema,
  ReservationListQuerySchema,
  WalkInCreateSchema,
} from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { IdempotencyKeySchema } from '../orders/idempotency';
import { readAvailability } from './availabilityReader';
import { completeReservation, seatReservation, seatWalkIn } from './hostStand';
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

  // The host stand: a booked party sits down (its pre-order goes to the kitchen), a seated one leaves.
  r.post('/reservations/:reservationId/seat', async (req, res) => {
    const body = parse(ReservationActionSchema, req.body ?? {});
    const reservation = await seatReservation(ctxOf(s, req, res), { reservationId: idParam(req, 'reservationId'), version: body.version });
    res.json({ reservation });
  });

  r.post('/reservations/:reservationId/complete', async (req, res) => {
    const body = parse(ReservationActionSchema, req.body ?? {});
    const reservation = await completeReservation(ctxOf(s, req, res), {
      reservationId: idParam(req, 'reservationId'),
      version: body.version,
    });
    res.json({ reservation });
  });

  r.post('/restaurants/:restaurantId/walk-ins', async (req, res) => {
    const body = parse(WalkInCreateSchema, req.body);
    const reservation = await seatWalkIn(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), body });
    res.status(201).json({ reservation });
  });

  r.get('/restaurants/:restaurantId/reservations', async (req, res) => {
    const q = parse(ReservationListQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    res.json({ reservations: await listRestaurantReservations(ctx, { restaurantId: idParam(req, 'restaurantId'), ...q }) });
  });
}
