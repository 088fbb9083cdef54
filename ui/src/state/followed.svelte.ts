import type { DinewireEvent, SubscribeRequest, Subscription } from '@dinewire/protocol';
import { ApiError, isAbortError, toApiError } from '../api';
import type { Subscriber } from '../realtime';

export type FollowStatus = 'loading' | 'ready' | 'error';

/** What a screen follows: how to load its snapshot, and what to do with it and with each event. */
export interface FollowSource<S> {
  /** The scope to follow (read at each load). */
  request(): SubscribeRequest;
  /** The snapshot, and the restaurant's seq it is current to. */
  load(signal: AbortSignal): Promise<{ snapshot: S; seq: number }>;
  /** Replaces what the screen holds with the snapshot; events from its seq on follow. */
  apply(snapshot: S): void;
  onEvent(event: DinewireEvent): void;
  /** Whether the screen holds anything: while it does, a reload keeps showing it rather than 'loading'. */
  holdsAnything(): boolean;
  /** The log can no longer be followed from what is held (a pruned cursor, a restored database): about to load afresh. */
  onReload?(): void;
}

/**
 * A screen's view as a snapshot followed live, the way every screen stays equal to the
 * database: load the snapshot with the seq it is current to, subscribe from that seq (the
 * client catches up on anything after it, and detects gaps), and load afresh when the log says
 * the snapshot cannot be followed: a reset cursor, or a log behind what is held.
 */
export class FollowedSnapshot<S> {
  #status = $state<FollowStatus>('loading');
  #error = $state.raw<ApiError | null>(null);
  #subscription: Subscription | null = null;
  #controller: AbortController | null = null;

  constructor(
    private readonly connection: Subscriber,
    private readonly source: FollowSource<S>,
  ) {}

  get status(): FollowStatus {
    return this.#status;
  }

  get error(): ApiError | null {
    return this.#error;
  }

  /** Loads and follows; called again, it starts over (a retry, or a screen asking whether it is still allowed). */
  async open(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (!this.source.holdsAnything()) this.#status = 'loading';
    try {
      const { snapshot, seq } = await this.source.load(controller.signal);
      if (controller.signal.aborted) return;
      this.#subscription?.unsubscribe();
      this.source.apply(snapshot);
      this.#subscription = this.connection.subscribe(
        this.source.request(),
        {
          onEvent: (event) => this.source.onEvent(event),
          onReset: () => this.#reload(),
          onSubscribed: ({ cursor, seq: latest }) => {
            // The restaurant's log is behind what we hold (its database was restored or seeded
            // again): new events would look old.
            if (latest < cursor) this.#reload();
          },
          onError: (error) => {
            this.#status = 'error';
            this.#error = new ApiError(403, error.code === 'unauthenticated' ? 'unauthenticated' : 'forbidden', error.message);
          },
        },
        seq,
      );
      this.#status = 'ready';
      this.#error = null;
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
    this.#subscription?.unsubscribe();
    this.#subscription = null;
  }

  #reload(): void {
    this.source.onReload?.();
    void this.open();
  }
}
