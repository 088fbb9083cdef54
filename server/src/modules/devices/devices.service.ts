import crypto from 'node:crypto';
import type { Device, DeviceKind } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { exec, one, rows } from '../../db/sql';
import { fieldError, notFound } from '../../errors';
import { authorize } from '../../policies';
import { createSession, sha256 } from '../accounts/sessions';

const PAIRING_MINUTES = 15;
// No 0/O or 1/I/L: codes are read off one screen and typed on another.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

interface DeviceRow {
  id: string;
  restaurant_id: string;
  kind: DeviceKind;
  station_id: string | null;
  name: string;
  paired_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

function presentDevice(d: DeviceRow): Device {
  return {
    id: d.id,
    restaurantId: d.restaurant_id,
    kind: d.kind,
    stationId: d.station_id,
    name: d.name,
    pairedAt: d.paired_at?.toISOString() ?? null,
    revokedAt: d.revoked_at?.toISOString() ?? null,
    createdAt: d.created_at.toISOString(),
  };
}

function pairingCode(): string {
  let code = '';
  for (const b of crypto.randomBytes(8)) code += ALPHABET[b % ALPHABET.length];
  return code;
}

export async function createDevice(
  ctx: Ctx,
  props: { restaurantId: string; kind: DeviceKind; stationId?: string; name?: string },
): Promise<{ device: Device; pairingCode: string; pairingExpiresAt: string }> {
  authorize(ctx.actor, 'device.manage', { restaurantId: props.restaurantId });
  if (props.stationId) {
    const st = await one(ctx.sequelize, 'SELECT 1 FROM stations WHERE id = $1 AND restaurant_id = $2', [props.stationId, props.restaurantId]);
    if (!st) throw fieldError('stationId', 'no such station in this restaurant');
    if (props.kind !== 'kitchen') throw fieldError('stationId', 'only kitchen screens belong to a station');
  }
  const code = pairingCode();
  const d = await one<DeviceRow & { pairing_expires_at: Date }>(
    ctx.sequelize,
    `INSERT INTO devices (restaurant_id, kind, station_id, name, pairing_code_hash, pairing_expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), $7) RETURNING *`,
    [
      props.restaurantId,
      props.kind,
      props.stationId ?? null,
      props.name ?? `${props.kind} ${code.slice(0, 4)}`,
      sha256(code),
      PAIRING_MINUTES,
      ctx.actor.kind === 'user' ? ctx.actor.id : null,
    ],
  );
  return { device: presentDevice(d!), pairingCode: code, pairingExpiresAt: d!.pairing_expires_at.toISOString() };
}

/** The screen trades its one-time code for a long-lived device token. */
export async function pairDevice(ctx: Ctx, props: { pairingCode: string }): Promise<{ device: Device; token: string }> {
  return ctx.sequelize.transaction(async (t) => {
    const d = await one<DeviceRow>(
      ctx.sequelize,
      `UPDATE devices SET paired_at = now(), pairing_code_hash = NULL, pairing_expires_at = NULL
        WHERE pairing_code_hash = $1 AND pairing_expires_at > now() AND revoked_at IS NULL RETURNING *`,
      [sha256(props.pairingCode.trim().toUpperCase())],
      t,
    );
    if (!d) throw fieldError('pairingCode', 'unknown or expired pairing code');
    const { token } = await createSession(ctx.sequelize, { deviceId: d.id }, t);
    return { device: presentDevice(d), token };
  });
}

export async function listDevices(ctx: Ctx, restaurantId: string): Promise<{ devices: Device[] }> {
  authorize(ctx.actor, 'device.manage', { restaurantId });
  const list = await rows<DeviceRow>(ctx.sequelize, 'SELECT * FROM devices WHERE restaurant_id = $1 ORDER BY created_at', [restaurantId]);
  return { devices: list.map(presentDevice) };
}

/** Revoking ends the device's sessions at once; its sockets are disconnected by the caller. */
export async function revokeDevice(ctx: Ctx, deviceId: string): Promise<{ device: Device }> {
  const existing = await one<DeviceRow>(ctx.sequelize, 'SELECT * FROM devices WHERE id = $1', [deviceId]);
  if (!existing) throw notFound('Device');
  authorize(ctx.actor, 'device.manage', { restaurantId: existing.restaurant_id });
  return ctx.sequelize.transaction(async (t) => {
    const d = await one<DeviceRow>(
      ctx.sequelize,
      `UPDATE devices SET revoked_at = coalesce(revoked_at, now()), pairing_code_hash = NULL WHERE id = $1 RETURNING *`,
      [deviceId],
      t,
    );
    await exec(ctx.sequelize, 'UPDATE sessions SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [deviceId], t);
    return { device: presentDevice(d!) };
  });
}
