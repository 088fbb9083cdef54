import type { Device as DeviceView } from '@dinewire/protocol';
import type { Device } from '../../models';

/** A device as its managers see it (never its pairing code's hash). */
export function presentDevice(d: Device): DeviceView {
  return {
    id: d.id,
    restaurantId: d.restaurantId,
    kind: d.kind,
    stationId: d.stationId,
    name: d.name,
    pairingExpiresAt: d.pairingExpiresAt?.toISOString() ?? null,
    pairedAt: d.pairedAt?.toISOString() ?? null,
    revokedAt: d.revokedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
