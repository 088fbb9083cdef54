import type { StockMovementView } from '@dinewire/protocol';
import { type ApiError, isAbortError, toApiError } from '@dinewire/ui/api';
import type { ManagerApi } from './api';

const PAGE = 30;

/** The stock ledger, newest first: the first page read again after each stock change, older pages on demand. */
export class Ledger {
  #movements = $state.raw<StockMovementView[]>([]);
  #nextBefore = $state<number | null>(null);
  #error = $state.raw<ApiError | null>(null);
  #loading = $state(false);
  #ingredientId = $state<string | null>(null);
  #controller: AbortController | null = null;

  constructor(
    private readonly api: ManagerApi,
    private readonly restaurantId: string,
  ) {}

  get movements(): StockMovementView[] {
    return this.#movements;
  }
  get hasMore(): boolean {
    return this.#nextBefore !== null;
  }
  get error(): ApiError | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get ingredientId(): string | null {
    return this.#ingredientId;
  }

  filter(ingredientId: string | null): void {
    this.#ingredientId = ingredientId;
    void this.reload();
  }

  /** The newest page again; older pages already shown are kept below it. */
  async reload(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#loading = true;
    try {
      const page = await this.api.movements(
        this.restaurantId,
        { ingredientId: this.#ingredientId ?? undefined, limit: PAGE },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      const oldest = page.movements.at(-1)?.id ?? 0;
      const kept = this.#movements.filter((m) => m.id < oldest && (!this.#ingredientId || m.ingredientId === this.#ingredientId));
      this.#movements = [...page.movements, ...(page.nextBefore === null ? [] : kept)];
      if (kept.length === 0 || page.nextBefore === null) this.#nextBefore = page.nextBefore;
      this.#error = null;
    } catch (error) {
      if (!controller.signal.aborted && !isAbortError(error)) this.#error = toApiError(error);
    } finally {
      if (this.#controller === controller) this.#loading = false;
    }
  }

  async more(): Promise<void> {
    if (this.#nextBefore === null) return;
    try {
      const page = await this.api.movements(this.restaurantId, {
        ingredientId: this.#ingredientId ?? undefined,
        limit: PAGE,
        before: this.#nextBefore,
      });
      const seen = new Set(this.#movements.map((m) => m.id));
      this.#movements = [...this.#movements, ...page.movements.filter((m) => !seen.has(m.id))];
      this.#nextBefore = page.nextBefore;
    } catch (error) {
      this.#error = toApiError(error);
    }
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
