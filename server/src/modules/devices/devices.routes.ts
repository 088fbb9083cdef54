import { DeviceCreateSchema, DevicePairSchema, DeviceRenameSchema } from '@dinewire/protocol';
import type { Request, Response, Router } from 'express';
import type { Services } from '../../context';
import { AppError } from '../../errors';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { createDevice, listDevices, pairDevice, renameDevice, revokeDevice, WrongKindCode } from './devices.service';
import type { PairingProtection } from './pairingProtection';

export function devicesRoutes(r: Router, s: Services, guards: { pairing: PairingProtection | null }): void {
  r.post('/devices', async (req, res) => {
    const body = parse(DeviceCreateSchema, req.body);
    res.status(201).json(await createDevice(ctxOf(s, req, res), body));
  });

  r.post('/devices/pair', async (req, res) => {
    const body = parse(DevicePairSchema, req.body);
    const ctx = ctxOf(s, req, res);
    await guards.pairing?.take(ctx.ip);
    let paired: Awaited<ReturnType<typeof pairDevice>>;
    try {
      paired = await pairDevice(ctx, body);
    } catch (err) {
      const miss = err instanceof AppError && err.code === 'validation' && !(err instanceof WrongKindCode);
      if (!miss) await guards.pairing?.returned(ctx.ip);
      throw err;
    }
    await guards.pairing?.returned(ctx.ip);
    res.json(paired);
  });

  r.get('/restaurants/:restaurantId/devices', async (req, res) => {
    res.json(await listDevices(ctxOf(s, req, res), idParam(req, 'restaurantId')));
  });

  r.patch('/devices/:deviceId', async (req, res) => {
    const body = parse(DeviceRenameSchema, req.body);
    res.json(await renameDevice(ctxOf(s, req, res), idParam(req, 'deviceId'), body));
  });

  const revoke = async (req: Request, res: Response) => {
    const deviceId = idParam(req, 'deviceId');
    const result = await revokeDevice(ctxOf(s, req, res), deviceId);
    // Its screens lose their connection now, on every node.
    s.revoked({ deviceIds: [deviceId] });
    res.json(result);
  };
  r.post('/devices/:deviceId/revoke', revoke);
  r.delete('/devices/:deviceId', revoke);
}
