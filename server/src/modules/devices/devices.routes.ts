import { DeviceCreateSchema, DevicePairSchema } from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { ctxOf, idParam } from '../../http/handler';
import { parse } from '../../http/validate';
import { createDevice, listDevices, pairDevice, revokeDevice } from './devices.service';

export function devicesRoutes(r: Router, s: Services): void {
  r.post('/devices', async (req, res) => {
    const body = parse(DeviceCreateSchema, req.body);
    res.status(201).json(await createDevice(ctxOf(s, req, res), body));
  });

  r.post('/devices/pair', async (req, res) => {
    const body = parse(DevicePairSchema, req.body);
    res.json(await pairDevice(ctxOf(s, req, res), body));
  });

  r.get('/restaurants/:restaurantId/devices', async (req, res) => {
    res.json(await listDevices(ctxOf(s, req, res), idParam(req, 'restaurantId')));
  });

  const revoke = async (req: import('express').Request, res: import('express').Response) => {
    const deviceId = idParam(req, 'deviceId');
    const result = await revokeDevice(ctxOf(s, req, res), deviceId);
    // Its screens lose their connection now, on every node.
    s.revoked({ deviceIds: [deviceId] });
    res.json(result);
  };
  r.post('/devices/:deviceId/revoke', revoke);
  r.delete('/devices/:deviceId', revoke);
}
