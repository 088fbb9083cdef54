import crypto from 'node:crypto';
import type { DeviceKind, Device as DeviceView } from '@dinewire/protocol';
import { col, fn, Op } from 'sequelize';
import type { Ctx } from '../../context';
import { AppError, fieldError, notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import { createSession, sha256 } from '../accounts/sessions';
import { presentDevice } from './device.presenter';

const PAIRING_MINUTES = 15;
// No 0/O or 1/I/L: codes are read off one screen and typed on another.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 8 letters of 31, each uniform (randomInt, not a byte modulo 31): about 40 bits. */
function pairingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return code;
}

export async function createDevice(
  ctx: Ctx,
  props: { restaurantId: string; kind: DeviceKind; stationId?: string; name?: string },
): Promise<{ device: DeviceView; pairingCode: string; pairingExpiresAt: string }> {
  authorize(ctx.actor, 'device.manage', { restaurantId: props.restaurantId });
  const m = models(ctx.sequelize);
  if (props.stationId) {
    const st = await m.Station.findOne({ where: { id: props.stationId, restaurantId: props.restaurantId }, attributes: ['id'] });
    if (!st) throw fieldError('stationId', 'no such station in this restaurant');
    if (props.kind !== 'kitchen') throw fieldError('stationId', 'only kitchen screens belong to a station');
  }
  const code = pairingCode();
  const pairingExpiresAt = new Date(Date.now() + PAIRING_MINUTES * 60_000);
  const d = await m.Device.create({
    restaurantId: props.restaurantId,
    kind: props.kind,
    stationId: props.stationId ?? null,
    name: props.name ?? `${props.kind} ${code.slice(0, 4)}`,
    pairingCodeHash: sha256(code),
    pairingExpiresAt,
    createdBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
  });
  return { device: presentDevice(d), pairingCode: code, pairingExpiresAt: pairingExpiresAt.toISOString() };
}

/** Where each kind of screen is paired (CONTRACT's Screens). */
const PAIR_ADDRESS: Record<DeviceKind, string> = { kiosk: '/kiosk/pair', kitchen: '/dashboard/pair', board: '/dashboard/pair' };

/** A good code, for another kind of screen than the app asking runs: not a guess. */
export class WrongKindCode extends AppError {
  constructor(kind: DeviceKind) {
    const where = `pairs a ${kind} screen: enter it at ${PAIR_ADDRESS[kind]}`;
    super('validation', `pairingCode: this code ${where}`, 400, [{ field: 'pairingCode', message: where }]);
  }
}

/** The screen trades its one-time code for a long-lived device token. */
export async function pairDevice(
  ctx: Ctx,
  props: { pairingCode: string; kinds?: DeviceKind[] },
): Promise<{ device: DeviceView; token: string }> {
  const { Device } = models(ctx.sequelize);
  const codeHash = sha256(props.pairingCode.trim().toUpperCase());
  return ctx.sequelize.transaction(async (t) => {
    // One conditional UPDATE: of two screens racing with one code, one wins.
    const [, [d]] = await Device.update(
      { pairedAt: fn('now'), pairingCodeHash: null, pairingExpiresAt: null },
      {
        where: {
          pairingCodeHash: codeHash,
          pairingExpiresAt: { [Op.gt]: fn('now') },
          revokedAt: null,
          ...(props.kinds ? { kind: props.kinds } : {}),
        },
        returning: true,
        transaction: t,
      },
    );
    if (!d) {
      // A good code typed into the wrong app: say where it pairs, and leave it unused.
      const other = props.kinds
        ? await Device.findOne({
            attributes: ['kind'],
            where: { pairingCodeHash: codeHash, pairingExpiresAt: { [Op.gt]: fn('now') }, revokedAt: null },
            transaction: t,
          })
        : null;
      if (other) throw new WrongKindCode(other.kind);
      throw fieldError('pairingCode', 'unknown or expired pairing code');
    }
    const { token } = await createSession(ctx.sequelize, { deviceId: d.id }, t);
    return { device: presentDevice(d), token };
  });
}

export async function listDevices(ctx: Ctx, restaurantId: string): Promise<{ devices: DeviceView[] }> {
  authorize(ctx.actor, 'device.manage', { restaurantId });
  const list = await models(ctx.sequelize).Device.findAll({ where: { restaurantId }, order: [['createdAt', 'ASC']] });
  return { devices: list.map(presentDevice) };
}

/** A manager names a screen ("Pass board", "Wok 2"); a revoked one keeps its name for the record. */
export async function renameDevice(ctx: Ctx, deviceId: string, props: { name: string }): Promise<{ device: DeviceView }> {
  const { Device } = models(ctx.sequelize);
  const existing = await Device.findByPk(deviceId, { attributes: ['id', 'restaurantId'] });
  if (!existing) throw notFound('Device');
  authorize(ctx.actor, 'device.manage', { restaurantId: existing.restaurantId });
  const [, [d]] = await Device.update({ name: props.name }, { where: { id: deviceId }, returning: true });
  return { device: presentDevice(d) };
}

/** Revoking ends the device's sessions at once; its sockets are disconnected by the caller. */
export async function revokeDevice(ctx: Ctx, deviceId: string): Promise<{ device: DeviceView }> {
  const { Device, Session } = models(ctx.sequelize);
  const existing = await Device.findByPk(deviceId, { attributes: ['id', 'restaurantId'] });
  if (!existing) throw notFound('Device');
  authorize(ctx.actor, 'device.manage', { restaurantId: existing.restaurantId });
  return ctx.sequelize.transaction(async (t) => {
    // Revoking twice keeps the first revocation's time.
    const [, [d]] = await Device.update(
      { revokedAt: fn('coalesce', col('revoked_at'), fn('now')), pairingCodeHash: null, pairingExpiresAt: null },
      { where: { id: deviceId }, returning: true, transaction: t },
    );
    await Session.update({ revokedAt: fn('now') }, { where: { deviceId, revokedAt: null }, transaction: t });
    return { device: presentDevice(d) };
  });
}
