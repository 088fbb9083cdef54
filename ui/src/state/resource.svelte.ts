import { ApiError, isAbortError, toApiError } from '../api/http';

/**
 * One API payload and how its loading went. A new load aborts the one before it, and a reload
 * keeps the old value on screen until the new one arrives (e.g. while switching language).
 */
export class Resource<T> {
  #value = $state.raw<T | null>(null);
  #error = $state.raw<ApiError | null>(null);
  #loading = $state(false);
  #controller: AbortController | null = null;

  get value(): T | null {
    return this.#value;
  }

  get error(): ApiError | null {
    return this.#error;
  }

  get loading(): boolean {
    return this.#loading;
  }

  async load(fetcher: (signal: AbortSignal) => Promise<T>): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#loading = true;
    try {
      const value = await fetcher(controller.signal);
      if (controller.signal.aborted) return;
      this.#value = value;
      this.#error = null;
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.#error = toApiError(error);
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#loading = false;
      }
    }
  }

  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#loading = false;
  }

  /** Back to nothing loaded (a sign-out): no value, no error, nothing in flight. */
  reset(): void {
    this.abort();
    this.#value = null;
    this.#error = null;
  }
}
