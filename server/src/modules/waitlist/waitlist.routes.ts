import {
  WaitlistAcceptSchema,
  WaitlistActionSchema,
  WaitlistJoinSchema,
  WaitlistListQuerySchema,
  WaitlistReadQuerySchema,
} from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import type { RoomChargeThrottle } from '../hotel/roomChargeThrottle';
import { ctxOf, idParam, langOf } from '../../http/handler';
import { parse } from '../../http/validate';
import { acceptOffer, cancelEntry, joinWaitlist, listWaitlist, readEntry } from './waitlist';

export function waitlistRoutes(r: Router, s: Services, roomCharges: RoomChargeThrottle): void {
  r.post('/restaurants/:restaurantId/waitlist', async (req, res) => {
    const body = parse(WaitlistJoinSchema, req.body);
    const ctx = ctxOf(s, req, res);
    // The offer message is written in the language the guest joined in.
    res.status(201).json(await joinWaitlist(ctx, { restaurantId: idParam(req, 'restaurantId'), body, lang: langOf(req) }));
  });

  r.get('/restaurants/:restaurantId/waitlist', async (req, res) => {
    const q = parse(WaitlistListQuerySchema, req.query, 'query');
    res.json({ entries: await listWaitlist(ctxOf(s, req, res), { restaurantId: idParam(req, 'restaurantId'), ...q }) });
  });

  r.get('/waitlist/:id', async (req, res) => {
    const q = parse(WaitlistReadQuerySchema, req.query, 'query');
    res.json({ entry: await readEntry(ctxOf(s, req, res), { id: idParam(req, 'id'), token: q.token }) });
  });

  r.post('/waitlist/:id/accept', async (req, res) => {
    const body = parse(WaitlistAcceptSchema, req.body);
    res.json(await acceptOffer(ctxOf(s, req, res), { id: idParam(req, 'id'), body, roomCharges }));
  });

  r.post('/waitlist/:id/cancel', async (req, res) => {
    const body = parse(WaitlistActionSchema, req.body);
    res.json({ entry: await cancelEntry(ctxOf(s, req, res), { id: idParam(req, 'id'), token: body.token }) });
  });
}
