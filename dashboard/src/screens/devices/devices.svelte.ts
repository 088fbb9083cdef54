import { SvelteMap } from 'svelte/reactivity';
import type { Device, DeviceKind } from '@dinewire/protocol';
import { type ApiError, type HttpClient, isAbortError, toApiError } from '@dinewire/ui/api';

/** Where a device stands: waiting for its screen (code still good), code expired, paired, revoked. */
export type DeviceState = 'pending' | 'expired' | 'paired' | 'revoked';

export function deviceState(d: Pick<Device, 'pairedAt' | 'revokedAt' | 'pairingExpiresAt'>, now: number): DeviceState {
  if (d.revokedAt) return 'revoked';
  if (d.pairedAt) return 'paired';
  return d.pairingExpiresAt && Date.parse(d.pairingExpiresAt) > now ? 'pending' : 'expired';
}

/** The address a device's screen opens to enter its code. */
export function pairPath(kind: DeviceKind): string {
  return kind === 'kiosk' ? '/kiosk/pair' : '/dashboard/pair';
}

/** A code just issued: shown once, until the manager closes it (the server keeps only its hash). */
export interface IssuedCode {
  device: Device;
  code: string;
  expiresAt: string;
}

export interface NewDevice {
  kind: DeviceKind;
  stationId?: string;
  name?: string;
}

type Http = Pick<HttpClient, 'get' | 'post' | 'request'>;

/** How often the list is read again while a code waits for its screen. */
export const PAIRING_POLL_MS = 2000;

/**
 * A restaurant's devices as its manager manages them: the list, creating one (its pairing code
 * shown once), renaming and revoking. While a code is shown the list is read every 2 s, so the
 * manager sees the screen pair.
 */
export class DevicesManager {
  readonly restaurantId: string;
  readonly #http: Http;
  #devices = $state.raw<Device[]>([]);
  #status = $state<'loading' | 'ready' | 'error'>('loading');
  #error = $state.raw<ApiError | null>(null);
  #issued = $state.raw<IssuedCode | null>(null);
  #creating = $state(false);
  #createError = $state.raw<ApiError | null>(null);
  readonly #busy = new SvelteMap<string, 'rename' | 'revoke'>();
  readonly #errors = new SvelteMap<string, ApiError>();
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #disposed = false;

  constructor(restaurantId: string, http: Http) {
    this.restaurantId = restaurantId;
    this.#http = http;
  }

  /** Live devices first (in creation order), revoked ones after. */
  get devices(): Device[] {
    return this.#devices;
  }

  get status(): 'loading' | 'ready' | 'error' {
    return this.#status;
  }

  get error(): ApiError | null {
    return this.#error;
  }

  get issued(): IssuedCode | null {
    return this.#issued;
  }

  /** The issued code's device as the list now has it (paired yet?). */
  get issuedDevice(): Device | null {
    const issued = this.#issued;
    return issued ? (this.#devices.find((d) => d.id === issued.device.id) ?? issued.device) : null;
  }

  get creating(): boolean {
    return this.#creating;
  }

  get createError(): ApiError | null {
    return this.#createError;
  }

  busyOf(id: string): 'rename' | 'revoke' | null {
    return this.#busy.get(id) ?? null;
  }

  errorOf(id: string): ApiError | null {
    return this.#errors.get(id) ?? null;
  }

  start(): void {
    void this.load();
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const { devices } = await this.#http.get<{ devices: Device[] }>(
        `/api/v1/restaurants/${encodeURIComponent(this.restaurantId)}/devices`,
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      this.#devices = order(devices);
      this.#status = 'ready';
      this.#error = null;
      const issued = this.issuedDevice;
      if (issued && (issued.pairedAt || issued.revokedAt || Date.parse(this.#issued!.expiresAt) <= Date.now())) this.#stopPolling();
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      // A failed poll keeps the list it has; only a first load shows the error.
      if (this.#status !== 'ready') {
        this.#error = toApiError(error);
        this.#status = 'error';
      }
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  async create(props: NewDevice): Promise<boolean> {
    if (this.#creating) return false;
    this.#creating = true;
    this.#createError = null;
    try {
      const body = {
        restaurantId: this.restaurantId,
        kind: props.kind,
        ...(props.kind === 'kitchen' && props.stationId ? { stationId: props.stationId } : {}),
        ...(props.name?.trim() ? { name: props.name.trim() } : {}),
      };
      const answer = await this.#http.post<{ device: Device; pairingCode: string; pairingExpiresAt: string }>('/api/v1/devices', body);
      this.#issued = { device: answer.device, code: answer.pairingCode, expiresAt: answer.pairingExpiresAt };
      this.#put(answer.device);
      this.#startPolling();
      return true;
    } catch (error) {
      this.#createError = toApiError(error);
      return false;
    } finally {
      this.#creating = false;
    }
  }

  closeIssued(): void {
    this.#issued = null;
    this.#stopPolling();
  }

  async rename(id: string, name: string): Promise<boolean> {
    return this.#act(id, 'rename', () =>
      this.#http.request<{ device: Device }>('PATCH', `/api/v1/devices/${encodeURIComponent(id)}`, { body: { name } }),
    );
  }

  async revoke(id: string): Promise<boolean> {
    const done = await this.#act(id, 'revoke', () =>
      this.#http.post<{ device: Device }>(`/api/v1/devices/${encodeURIComponent(id)}/revoke`, {}),
    );
    if (done && this.#issued?.device.id === id) this.closeIssued();
    return done;
  }

  dispose(): void {
    this.#disposed = true;
    this.#controller?.abort();
    this.#stopPolling();
  }

  async #act(id: string, what: 'rename' | 'revoke', call: () => Promise<{ device: Device }>): Promise<boolean> {
    if (this.#busy.has(id)) return false;
    this.#busy.set(id, what);
    this.#errors.delete(id);
    try {
      this.#put((await call()).device);
      return true;
    } catch (error) {
      this.#errors.set(id, toApiError(error));
      return false;
    } finally {
      this.#busy.delete(id);
    }
  }

  #put(device: Device): void {
    const others = this.#devices.filter((d) => d.id !== device.id);
    this.#devices = order([...others, device]);
  }

  #startPolling(): void {
    this.#stopPolling();
    if (this.#disposed) return;
    this.#timer = setInterval(() => void this.load(), PAIRING_POLL_MS);
  }

  #stopPolling(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

function order(devices: Device[]): Device[] {
  return [...devices].sort(
    (a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || Date.parse(a.createdAt) - Date.parse(b.createdAt),
  );
}
