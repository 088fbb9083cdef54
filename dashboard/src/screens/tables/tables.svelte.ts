import type { TableQrSheet } from '@dinewire/protocol';
import { type ApiError, type HttpClient, isAbortError, toApiError } from '@dinewire/ui/api';

type Http = Pick<HttpClient, 'get'>;

/** A restaurant's sheet of table QR codes, as the server drew them, read once when the screen opens. */
export class TableSheet {
  readonly restaurantId: string;
  readonly #http: Http;
  #sheet = $state.raw<TableQrSheet | null>(null);
  #status = $state<'loading' | 'ready' | 'error'>('loading');
  #error = $state.raw<ApiError | null>(null);
  #controller: AbortController | null = null;

  constructor(restaurantId: string, http: Http) {
    this.restaurantId = restaurantId;
    this.#http = http;
  }

  get sheet(): TableQrSheet | null {
    return this.#sheet;
  }

  get status(): 'loading' | 'ready' | 'error' {
    return this.#status;
  }

  get error(): ApiError | null {
    return this.#error;
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#status = 'loading';
    try {
      const sheet = await this.#http.get<TableQrSheet>(`/api/v1/restaurants/${encodeURIComponent(this.restaurantId)}/tables/qr-codes`, {
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      this.#sheet = sheet;
      this.#error = null;
      this.#status = 'ready';
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.#error = toApiError(error);
      this.#status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
