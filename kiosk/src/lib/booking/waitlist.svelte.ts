import type { WaitlistAccept, WaitlistAcceptResponse, WaitlistEntry } from '@dinewire/protocol';
import { ApiError, toApiError } from '@dinewire/ui/api';
import { Resource } from '@dinewire/ui/state';
import type { KioskApi } from '../order/api';

type Api = Pick<KioskApi, 'waitlistEntry' | 'acceptOffer'>;

/** How often a waiting guest's page asks again; every second while an offer counts down. */
export const WAITLIST_REFRESH_MS = 15_000;

/**
 * A guest's place on a waitlist: its status, read again on focus and every few seconds, and
 * an offer's countdown to `expiresAt` with its accept (which books the held table).
 */
export class WaitlistPage {
  readonly id: string;
  readonly token: string | null;
  readonly #api: Api;
  readonly #now: () => number;
  readonly entry = new Resource<WaitlistEntry>();
  now = $state(0);
  busy = $state(false);
  error = $state.raw<ApiError | null>(null);
  #timers: ReturnType<typeof setInterval>[] = [];
  #onFocus = () => void this.reload();

  constructor(id: string, token: string | null, api: Api, now: () => number = Date.now) {
    this.id = id;
    this.token = token;
    this.#api = api;
    this.#now = now;
    this.now = now();
  }

  /** Seconds left on the offer (0 once expired); null without one. */
  get secondsLeft(): number | null {
    const offer = this.entry.value?.status === 'offered' ? this.entry.value.offer : null;
    if (!offer) return null;
    return Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - this.now) / 1000));
  }

  start(): void {
    void this.reload();
    this.#timers.push(setInterval(() => void this.reload(), WAITLIST_REFRESH_MS));
    this.#timers.push(setInterval(() => (this.now = this.#now()), 1000));
    window.addEventListener('focus', this.#onFocus);
  }

  reload(): Promise<void> {
    return this.entry.load((signal) => this.#api.waitlistEntry(this.id, this.token, signal));
  }

  /** Accepts the offer, with the deposit's payment when the restaurant asks one. */
  async accept(payment: Omit<WaitlistAccept, 'token'> = {}): Promise<WaitlistAcceptResponse | null> {
    if (this.busy || this.secondsLeft === 0) return null;
    this.busy = true;
    this.error = null;
    try {
      const accepted = await this.#api.acceptOffer(this.id, this.token, payment);
      await this.entry.load(async () => accepted.entry);
      return accepted;
    } catch (raw) {
      this.error = toApiError(raw);
      void this.reload();
      return null;
    } finally {
      this.busy = false;
    }
  }

  dispose(): void {
    for (const t of this.#timers) clearInterval(t);
    window.removeEventListener('focus', this.#onFocus);
    this.entry.abort();
  }
}
