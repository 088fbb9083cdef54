import type { BookingSlot, CancellationQuote, Refund, Reservation, ReservationChange } from '@dinewire/protocol';
import { ApiError, toApiError } from '@dinewire/ui/api';
import { Resource } from '@dinewire/ui/state';
import type { KioskApi } from '../order/api';

type Api = Pick<KioskApi, 'reservation' | 'changeReservation' | 'cancellationQuote' | 'cancelReservation' | 'availability'>;

/** How often an open booking page asks again (the host may seat or cancel it meanwhile). */
export const REFRESH_MS = 30_000;

/**
 * A guest's booking page: the booking (by its token, or as the signed-in guest who made it),
 * read again on focus and every half minute; a change of time or party size (all or nothing:
 * a refused change leaves the booking as it was); cancelling, after the guest has read what
 * the policy keeps and refunds.
 */
export class ReservationPage {
  readonly id: string;
  readonly token: string | null;
  readonly #api: Api;
  readonly booking = new Resource<Reservation>();
  readonly quote = new Resource<CancellationQuote>();
  readonly slots = new Resource<BookingSlot[]>();
  busy = $state(false);
  /** The last action's refusal (a change or a cancel), and the last refund. */
  error = $state.raw<ApiError | null>(null);
  changed = $state(false);
  refund = $state.raw<Refund | null>(null);
  #timer: ReturnType<typeof setInterval> | null = null;
  #onFocus = () => void this.reload();

  constructor(id: string, token: string | null, api: Api) {
    this.id = id;
    this.token = token;
    this.#api = api;
  }

  get reservation(): Reservation | null {
    return this.booking.value;
  }

  start(): void {
    void this.reload();
    this.#timer = setInterval(() => void this.reload(), REFRESH_MS);
    window.addEventListener('focus', this.#onFocus);
  }

  reload(): Promise<void> {
    return this.booking.load((signal) => this.#api.reservation(this.id, this.token, signal));
  }

  loadSlots(restaurantId: string, date: string, partySize: number): Promise<void> {
    return this.slots.load(async (signal) => (await this.#api.availability(restaurantId, date, partySize, signal)).slots);
  }

  /** A new time and/or party size; on 409 the booking is read again (it is as it was). */
  async change(change: Pick<ReservationChange, 'startsAt' | 'partySize'>): Promise<boolean> {
    const current = this.reservation;
    if (this.busy || !current) return false;
    this.busy = true;
    this.error = null;
    this.changed = false;
    try {
      const body: ReservationChange = { ...change, version: current.version };
      if (this.token) body.token = this.token;
      const updated = await this.#api.changeReservation(this.id, body);
      await this.booking.load(async () => updated);
      this.changed = true;
      return true;
    } catch (raw) {
      this.error = toApiError(raw);
      void this.reload();
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** What cancelling now would refund: read before the guest is asked to confirm. */
  askCancel(): Promise<void> {
    this.error = null;
    return this.quote.load((signal) => this.#api.cancellationQuote(this.id, this.token, signal));
  }

  dropQuote(): void {
    this.quote.reset();
  }

  async cancel(): Promise<boolean> {
    const current = this.reservation;
    if (this.busy || !current || !this.quote.value) return false;
    this.busy = true;
    this.error = null;
    try {
      const { reservation, refund } = await this.#api.cancelReservation(this.id, this.token, current.version);
      await this.booking.load(async () => reservation);
      this.refund = refund;
      this.quote.reset();
      return true;
    } catch (raw) {
      this.error = toApiError(raw);
      void this.reload();
      return false;
    } finally {
      this.busy = false;
    }
  }

  dispose(): void {
    if (this.#timer) clearInterval(this.#timer);
    window.removeEventListener('focus', this.#onFocus);
    this.booking.abort();
    this.quote.abort();
    this.slots.abort();
  }
}
