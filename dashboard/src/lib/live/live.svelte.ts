import type { ClusterHealth, LiveFigures, Locale } from '@dinewire/protocol';
import { type ApiError, isAbortError, toApiError } from '@dinewire/ui/api';
import type { ManagerApi } from './api';

/** How often the figures are asked for (the server computes them at most once a second per node). */
export const LIVE_POLL_MS = 1500;
export const CLUSTER_POLL_MS = 2000;

/**
 * Polls one thing on an interval while the screen is open: the latest answer, when it came, and
 * the error of the last try (the last good answer stays on screen, marked stale by its age).
 */
export class Poller<T> {
  #value = $state.raw<T | null>(null);
  #error = $state.raw<ApiError | null>(null);
  #receivedAt = $state.raw<Date | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;
  #stopped = false;

  constructor(
    private readonly load: (signal: AbortSignal) => Promise<T>,
    private readonly everyMs: number,
  ) {}

  get value(): T | null {
    return this.#value;
  }
  get error(): ApiError | null {
    return this.#error;
  }
  get receivedAt(): Date | null {
    return this.#receivedAt;
  }

  start(): void {
    this.#stopped = false;
    void this.#tick();
  }

  /** Asks now (a language change, a retry), then on the interval again. */
  refresh(): void {
    if (this.#timer) clearTimeout(this.#timer);
    void this.#tick();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  async #tick(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const value = await this.load(controller.signal);
      if (controller.signal.aborted) return;
      this.#value = value;
      this.#receivedAt = new Date();
      this.#error = null;
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.#error = toApiError(error);
    }
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#tick(), this.everyMs);
  }
}

export function livePoller(api: ManagerApi, restaurantId: string, locale: () => Locale): Poller<LiveFigures> {
  return new Poller((signal) => api.live(restaurantId, locale(), signal), LIVE_POLL_MS);
}

export function clusterPoller(api: ManagerApi): Poller<ClusterHealth> {
  return new Poller((signal) => api.cluster(signal), CLUSTER_POLL_MS);
}
