import {
  AvailabilityQuerySchema,
  ReservationActionSchema,
  ReservationChangeSchema,
  ReservationCreateSchema,
  ReservationListQuerySchema,
  WalkInCreateSchema,
} from '@dinewire/protocol';
import type { Router } from 'express';
import { z } from 'zod';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { IdempotencyKeySchema } from '../orders/idempotency';
import { readAvailability } from './availabilityReader';
import { completeReservation, seatReservation, seatWalkIn } from './hostStand';
import { bookTable } from './reservationBooker';
import { changeReservation } from './reservationChange';
import { cancelReservation, listMyReservations, markNoShow, quoteCancellation, readReservation } from './reservationLifecycle';
import { listRestaurantReservations } from './reservationReader';

/** A guest's booking token, in the query of a read. */
const TokenQuerySchema = z.object({ token: z.string().max(200).optional() });

export function reservationsRoutes(r: Router, s: Services, roomCharges: RoomChargeThrottle): void {
  r.get('/restaurants/:restaurantId/availability', async (req, res) => {
    const q = parse(AvailabilityQuerySchema, req.query, 'query');
    res.json(await readAvailability(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });

  r.post('/reservations', async (req, res) => {
    const idempotencyKey = parse(IdempotencyKeySchema, req.get('idempotency-key'), 'Idempotency-Key');
    const body = parse(ReservationCreateSchema, req.body);
    const result = await bookTable(ctxOf(s, req, res), { body, idempotencyKey, roomCharges });
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
    res.json(await listRestaurantReservations(ctx, { restaurantId: idParam(req, 'restaurantId'), ...q }));
  });

  r.get('/reservations/:reservationId', async (req, res) => {
    const { token } = parse(TokenQuerySchema, req.query, 'query');
    res.json({ reservation: await readReservation(ctxOf(s, req, res), { id: idParam(req, 'reservationId'), token }) });
  });

  r.patch('/reservations/:reservationId', async (req, res) => {
    const body = parse(ReservationChangeSchema, req.body);
    const { token } = parse(TokenQuerySchema, req.query, 'query');
    const ctx = ctxOf(s, req, res);
    const reservation = await changeReservation(ctx, {
      id: idParam(req, 'reservationId'),
      body: { ...body, token: body.token ?? token },
      roomCharges,
    });
    res.json({ reservation });
  });

  r.get('/reservations/:reservationId/cancellation', async (req, res) => {
    const { token } = parse(TokenQuerySchema, req.query, 'query');
    res.json(await quoteCancellation(ctxOf(s, req, res), { id: idParam(req, 'reservationId'), token }));
  });

  r.post('/reservations/:reservationId/cancel', async (req, res) => {
    const body = parse(ReservationActionSchema, req.body ?? {});
    const { token } = parse(TokenQuerySchema, req.query, 'query');
    res.json(await cancelReservation(ctxOf(s, req, res), { id: idParam(req, 'reservationId'), ...body, token: body.token ?? token }));
  });

  r.post('/reservations/:reservationId/no-show', async (req, res) => {
    const body = parse(ReservationActionSchema, req.body ?? {});
    res.json(await markNoShow(ctxOf(s, req, res), { id: idParam(req, 'reservationId'), token: body.token, version: body.version }));
  });

  r.get('/me/reservations', async (req, res) => {
    res.json(await listMyReservations(ctxOf(s, req, res)));
  });
}
