import type { Device } from '@dinewire/protocol';
import { toApiError, type HttpClient } from '@dinewire/ui/api';
import { errorMessage, type ErrorMessage } from '@dinewire/ui/i18n';
import type { MessageKey } from '../i18n';

/** Where a paired kiosk keeps its device: localStorage, so it stays paired across restarts. */
export const DEVICE_KEY = 'dinewire.kiosk.device';

/** What a paired kiosk keeps of its device: the restaurant it stands in, and its name. */
export type KioskDevice = Pick<Device, 'id' | 'restaurantId' | 'name'>;

export type PairNotice = ErrorMessage | { key: MessageKey; params?: undefined };

/**
 * This screen as a kiosk of one restaurant: paired once with the code a manager was shown
 * (`POST /api/v1/devices/pair` with `kinds: ["kiosk"]`), its device token kept in localStorage
 * until the device is revoked (a call with it answered 401) or forgotten.
 */
export class KioskPairing {
  #device = $state.raw<KioskDevice | null>(null);
  #token = $state<string | null>(null);
  #busy = $state(false);
  #notice = $state.raw<PairNotice | null>(null);
  readonly #storage: Storage | null;

  constructor(storage: Storage | null = safeLocalStorage()) {
    this.#storage = storage;
    const saved = readDevice(storage);
    if (saved) {
      this.#device = saved.device;
      this.#token = saved.token;
    }
  }

  get device(): KioskDevice | null {
    return this.#device;
  }

  /** The device's bearer token, for the calls a kiosk makes as itself (its orders). */
  get token(): string | null {
    return this.#token;
  }

  get paired(): boolean {
    return this.#device !== null;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** Why the last pairing failed, or why this kiosk is no longer paired. */
  get notice(): PairNotice | null {
    return this.#notice;
  }

  /** Trades the code for the device's token; true when this screen is now that kiosk. */
  async pair(http: HttpClient, pairingCode: string): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = true;
    this.#notice = null;
    try {
      const { device, token } = await http.post<{ device: Device; token: string }>('/api/v1/devices/pair', {
        pairingCode,
        kinds: ['kiosk'],
      });
      const kept: KioskDevice = { id: device.id, restaurantId: device.restaurantId, name: device.name };
      this.#device = kept;
      this.#token = token;
      try {
        this.#storage?.setItem(DEVICE_KEY, JSON.stringify({ device: kept, token }));
      } catch {
        // Storage full or refused: paired until the next reload.
      }
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      // A staff screen's code typed here is refused unused, the answer naming /dashboard/pair.
      const staffCode = apiError.details.some((d) => d.message.includes('/dashboard/pair'));
      this.#notice = staffCode
        ? { key: 'pair.staffCode' }
        : apiError.code === 'validation' || apiError.code === 'not_found' || apiError.code === 'unauthenticated'
          ? { key: 'pair.failed' }
          : errorMessage(apiError);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /** Unpairs this screen: revoked by a manager (a 401), or forgotten on purpose. */
  forget(notice: PairNotice | null = null): void {
    this.#device = null;
    this.#token = null;
    this.#notice = notice;
    try {
      this.#storage?.removeItem(DEVICE_KEY);
    } catch {
      // Nothing kept to remove.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readDevice(storage: Storage | null): { device: KioskDevice; token: string } | null {
  try {
    const raw = storage?.getItem(DEVICE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { device?: Partial<KioskDevice>; token?: unknown };
    const d = value.device;
    if (
      typeof value.token !== 'string' ||
      !d ||
      typeof d.id !== 'string' ||
      typeof d.restaurantId !== 'string' ||
      typeof d.name !== 'string'
    ) {
      return null;
    }
    return { device: { id: d.id, restaurantId: d.restaurantId, name: d.name }, token: value.token };
  } catch {
    return null;
  }
}
