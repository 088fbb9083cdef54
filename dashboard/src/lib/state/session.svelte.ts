import { DeviceKinds, Roles, type Device } from '@dinewire/protocol';
import type { SessionUser } from '../api';

const STORAGE_KEY = 'dinewire.staff.session';
const DEVICE_KEY = 'dinewire.staff.device';

/** What a paired screen keeps of its device: enough to open its screen and show its name. */
export type SessionDevice = Pick<Device, 'id' | 'restaurantId' | 'kind' | 'stationId' | 'name'>;

/**
 * Who is at this screen: a signed-in person, or a paired device (a kitchen screen, a pickup
 * board). A person's token lives in sessionStorage: it survives a reload of this tab and goes
 * away with it, so no later visitor of a shared screen inherits it. A device's token lives in
 * localStorage: a paired screen stays paired across reloads and restarts until it is revoked.
 * A person signing in on a paired screen takes over this tab only.
 */
export class Session {
  #user = $state.raw<SessionUser | null>(null);
  #device = $state.raw<SessionDevice | null>(null);
  #token = $state<string | null>(null);
  #deviceToken = $state<string | null>(null);
  readonly #storage: Storage;
  readonly #deviceStorage: Storage;

  constructor(storage: Storage = sessionStorage, deviceStorage: Storage = localStorage) {
    this.#storage = storage;
    this.#deviceStorage = deviceStorage;
    const saved = readSaved(storage);
    if (saved) {
      this.#user = saved.user;
      this.#token = saved.token;
    }
    const device = readDevice(deviceStorage);
    if (device) {
      this.#device = device.device;
      this.#deviceToken = device.token;
    }
  }

  /** The signed-in person, if any (a person on a paired screen comes first). */
  get user(): SessionUser | null {
    return this.#user;
  }

  /** The paired device, when no person is signed in on it. */
  get device(): SessionDevice | null {
    return this.#user ? null : this.#device;
  }

  /** The credential every call and the real-time connection use. */
  get token(): string | null {
    return this.#user ? this.#token : this.#deviceToken;
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  set(user: SessionUser, token: string): void {
    this.#user = user;
    this.#token = token;
    this.#storage.setItem(STORAGE_KEY, JSON.stringify({ user, token }));
  }

  /** The person signs out; a paired device underneath stays paired. */
  clear(): void {
    this.#user = null;
    this.#token = null;
    this.#storage.removeItem(STORAGE_KEY);
  }

  setDevice(device: SessionDevice, token: string): void {
    const kept: SessionDevice = {
      id: device.id,
      restaurantId: device.restaurantId,
      kind: device.kind,
      stationId: device.stationId,
      name: device.name,
    };
    this.#device = kept;
    this.#deviceToken = token;
    this.#deviceStorage.setItem(DEVICE_KEY, JSON.stringify({ device: kept, token }));
  }

  /** Unpairs this screen (revoked, or forgotten on purpose). */
  clearDevice(): void {
    this.#device = null;
    this.#deviceToken = null;
    this.#deviceStorage.removeItem(DEVICE_KEY);
  }
}

function readSaved(storage: Storage): { user: SessionUser; token: string } | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { user?: Partial<SessionUser>; token?: unknown };
    const user = value.user;
    if (
      typeof value.token !== 'string' ||
      !user ||
      typeof user.id !== 'string' ||
      typeof user.name !== 'string' ||
      !(Roles as readonly unknown[]).includes(user.role) ||
      !Array.isArray(user.restaurantIds)
    ) {
      return null;
    }
    return { user: user as SessionUser, token: value.token };
  } catch {
    return null;
  }
}

function readDevice(storage: Storage): { device: SessionDevice; token: string } | null {
  try {
    const raw = storage.getItem(DEVICE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { device?: Partial<SessionDevice>; token?: unknown };
    const d = value.device;
    if (
      typeof value.token !== 'string' ||
      !d ||
      typeof d.id !== 'string' ||
      typeof d.restaurantId !== 'string' ||
      !(DeviceKinds as readonly unknown[]).includes(d.kind) ||
      (d.stationId !== null && typeof d.stationId !== 'string') ||
      typeof d.name !== 'string'
    ) {
      return null;
    }
    return { device: d as SessionDevice, token: value.token };
  } catch {
    return null;
  }
}
