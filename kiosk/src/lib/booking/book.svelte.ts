import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type {
  Allergen,
  AvailabilityResponse,
  BookingSlot,
  Card,
  DepositMethod,
  Restaurant,
  ReservationCreate,
  WaitlistJoin,
} from '@dinewire/protocol';
import { ApiError, toApiError } from '@dinewire/ui/api';
import { Resource } from '@dinewire/ui/state';
import type { BookedTable } from '../order/api';
import { isRetryable, RETRY_DELAYS_MS } from '../order/submit';
import { bookableDates, depositFor, newKey } from './rules';

export type BookField = 'name' | 'phone' | 'email';
export type BookPhase = 'idle' | 'sending' | 'retrying';

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface BookApi {
  availability(restaurantId: string, date: string, partySize: number, signal?: AbortSignal): Promise<AvailabilityResponse>;
  book(body: ReservationCreate, idempotencyKey: string, signal?: AbortSignal): Promise<BookedTable>;
  joinWaitlist(restaurantId: string, body: WaitlistJoin): Promise<{ entry: { id: string }; token: string }>;
}

export interface BookOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Booking a table at one restaurant: the day (its local days within its horizon), the party,
 * the slot from availability, the guest's details, allergies, an optional pre-order, and the
 * deposit its rules ask for. The booking goes with one Idempotency-Key from the first attempt
 * until the server answers, so a dropped connection never books twice.
 */
export class BookState {
  readonly restaurant: Restaurant;
  readonly #api: BookApi;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly dates: string[];
  readonly slots = new Resource<BookingSlot[]>();
  date = $state('');
  partySize = $state(2);
  startsAt = $state<string | null>(null);
  name = $state('');
  phone = $state('');
  email = $state('');
  notes = $state('');
  readonly allergies = new SvelteSet<Allergen>();
  /** Pre-ordered dishes: quantity by dish id. */
  readonly preorder = new SvelteMap<string, number>();
  paymentMethod = $state<DepositMethod>('card');
  phase = $state<BookPhase>('idle');
  /** Set by the first try to send: from then on each field says what is wrong as it is typed (and stops once fixed). */
  #tried = $state(false);
  readonly errors: Partial<Record<BookField, true>> = $derived(this.#tried ? this.#problems() : {});
  /** The 4xx that refused the booking (nothing booked). */
  error = $state.raw<ApiError | null>(null);
  booked = $state.raw<BookedTable | null>(null);
  #key: string | null = null;

  constructor(restaurant: Restaurant, api: BookApi, options: BookOptions = {}) {
    this.restaurant = restaurant;
    this.#api = api;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.dates = bookableDates(restaurant, (options.now ?? (() => new Date()))());
    this.date = this.dates[0] ?? '';
    const policy = restaurant.bookingPolicy;
    if (policy) this.partySize = Math.min(Math.max(2, policy.minPartySize), policy.maxPartySize);
  }

  get minParty(): number {
    return this.restaurant.bookingPolicy?.minPartySize ?? 1;
  }

  get maxParty(): number {
    return this.restaurant.bookingPolicy?.maxPartySize ?? 1;
  }

  get bookable(): boolean {
    return this.dates.length > 0;
  }

  /** The deposit asked for this party on this day (0 = none). */
  get depositCents(): number {
    return depositFor(this.restaurant.bookingPolicy, this.partySize, this.date);
  }

  get busy(): boolean {
    return this.phase !== 'idle';
  }

  /** Loaded, and not one slot free: the guest may join the waitlist instead. */
  get full(): boolean {
    return !this.slots.loading && this.slots.value !== null && this.slots.value.length === 0;
  }

  setDate(date: string): void {
    if (date === this.date || !this.dates.includes(date)) return;
    this.date = date;
    void this.loadSlots();
  }

  setPartySize(n: number): void {
    const size = Math.min(Math.max(n, this.minParty), this.maxParty);
    if (size === this.partySize) return;
    this.partySize = size;
    void this.loadSlots();
  }

  /** The day's free slots for the party; a chosen slot no longer among them is dropped. */
  async loadSlots(): Promise<void> {
    if (!this.date) return;
    const { date, partySize } = this;
    await this.slots.load(async (signal) => (await this.#api.availability(this.restaurant.id, date, partySize, signal)).slots);
    const free = this.slots.value ?? [];
    if (this.startsAt && !free.some((s) => s.startsAt === this.startsAt)) this.startsAt = null;
  }

  toggleAllergy(a: Allergen): void {
    if (!this.allergies.delete(a)) this.allergies.add(a);
  }

  setQuantity(dishId: string, quantity: number): void {
    const q = Math.min(Math.max(0, quantity), 50);
    if (q === 0) this.preorder.delete(dishId);
    else this.preorder.set(dishId, q);
  }

  /** Starts the form from a signed-in guest's own details (what they typed already stays). */
  prefill(p: { name?: string | null; email?: string | null; phone?: string | null }): void {
    if (!this.name && p.name) this.name = p.name;
    if (!this.email && p.email) this.email = p.email;
    if (!this.phone && p.phone) this.phone = p.phone;
  }

  #problems(): Partial<Record<BookField, true>> {
    const errors: Partial<Record<BookField, true>> = {};
    if (!this.name.trim()) errors.name = true;
    if (!PHONE.test(this.phone.trim())) errors.phone = true;
    if (!EMAIL.test(this.email.trim())) errors.email = true;
    return errors;
  }

  #check(): boolean {
    this.#tried = true;
    return Object.keys(this.#problems()).length === 0;
  }

  /** The booking as it is sent (without the card, which is never kept). */
  body(payment: { roomNumber?: string; guestName?: string; roomPin?: string } = {}): ReservationCreate {
    const body: ReservationCreate = {
      restaurantId: this.restaurant.id,
      partySize: this.partySize,
      startsAt: this.startsAt ?? '',
      name: this.name.trim(),
      phone: this.phone.trim(),
      email: this.email.trim(),
    };
    if (this.notes.trim()) body.notes = this.notes.trim();
    if (this.allergies.size) body.allergies = [...this.allergies];
    if (this.preorder.size) body.preorder = [...this.preorder].map(([dishId, quantity]) => ({ dishId, quantity }));
    if (this.depositCents > 0) {
      body.paymentMethod = this.paymentMethod;
      if (this.paymentMethod === 'room') {
        if (payment.roomNumber) body.roomNumber = payment.roomNumber;
        if (payment.guestName) body.guestName = payment.guestName;
        if (payment.roomPin) body.roomPin = payment.roomPin;
      }
    }
    return body;
  }

  /** Books the chosen slot; the same key goes with every retry until the server answers. */
  async submit(payment: { card?: Card; roomNumber?: string; guestName?: string; roomPin?: string } = {}): Promise<BookedTable | null> {
    if (this.busy || !this.startsAt || !this.#check()) return null;
    const body = this.body(payment);
    if (body.paymentMethod === 'card' && payment.card) body.card = payment.card;
    this.#key ??= newKey();
    const key = this.#key;
    this.phase = 'sending';
    this.error = null;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const booked = await this.#api.book(body, key);
          this.booked = booked;
          this.#key = null;
          return booked;
        } catch (raw) {
          const error = toApiError(raw);
          if (!isRetryable(error)) throw error;
          this.phase = 'retrying';
          await this.#sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!);
        }
      }
    } catch (raw) {
      // Refused: nothing booked; a new try is a new booking with a new key.
      this.error = toApiError(raw);
      this.#key = null;
      if (this.error.code === 'slot_unavailable') void this.loadSlots();
      return null;
    } finally {
      this.phase = 'idle';
    }
  }

  /** The key the next attempt sends (kept while a booking is unanswered). */
  get pendingKey(): string | null {
    return this.#key;
  }

  /** No free slot: a place in the restaurant's waitlist for this day and party. */
  async joinWaitlist(): Promise<{ entry: { id: string }; token: string } | null> {
    if (this.busy || !this.#check()) return null;
    this.phase = 'sending';
    this.error = null;
    try {
      const body: WaitlistJoin = {
        partySize: this.partySize,
        date: this.date,
        name: this.name.trim(),
        phone: this.phone.trim(),
        email: this.email.trim(),
      };
      if (this.notes.trim()) body.notes = this.notes.trim();
      return await this.#api.joinWaitlist(this.restaurant.id, body);
    } catch (raw) {
      this.error = toApiError(raw);
      return null;
    } finally {
      this.phase = 'idle';
    }
  }

  dispose(): void {
    this.slots.abort();
  }
}
