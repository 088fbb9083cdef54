import { RoomNumberParamSchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { listLockedRooms, unlockRoom } from './roomLocks';

/** The hotel's locked rooms, for the hosts and managers of a restaurant. */
export function hotelRoutes(r: Router, s: Services): void {
  r.get('/restaurants/:restaurantId/room-locks', async (req, res) => {
    const ctx = ctxOf(s, req, res);
    res.json({ rooms: await listLockedRooms(ctx, idParam(req, 'restaurantId')) });
  });

  r.post('/restaurants/:restaurantId/room-locks/:roomNumber/unlock', async (req, res) => {
    const ctx = ctxOf(s, req, res);
    const roomNumber = parse(RoomNumberParamSchema, req.params.roomNumber, 'roomNumber');
    res.json(await unlockRoom(ctx, { restaurantId: idParam(req, 'restaurantId'), roomNumber }));
  });
}
