import { SvelteMap } from 'svelte/reactivity';
import type {
  DinewireEvent,
  Reservation,
  ReservationListResponse,
  Restaurant,
  WaitlistEntry,
  WaitlistJoinResponse,
} from '@dinewire/protocol';
import { type ApiError, type HttpClient, isAbortError, toApiError } from '@dinewire/ui/api';
import type { Subscriber } from '@dinewire/ui/realtime';
import { FollowedSnapshot, type FollowStatus } from '@dinewire/ui/state';
import { localDate } from './localTime';

/** The host's actions on a booking, as their routes name them (API10: POST /reservations/:id/<action>). */
export type BookingAction = 'seat' | 'complete' | 'no-show' | 'cancel';

/** Which actions a booking in this status takes: booked parties arrive (or do not, or call off); seated ones leave. */
export function actionsFor(r: Pick<Reservation, 'status'>): BookingAction[] {
  if (r.status === 'booked') return ['seat', 'no-show', 'cancel'];
  if (r.status === 'seated') return ['complete'];
  return [];
}

/** Entries still in line, the ones the panel shows. */
const IN_LINE = new Set<WaitlistEntry['status']>(['waiting', 'offered']);
/** Versions of bookings and entries seen but not shown (another day, out of line), so a late copy cannot bring one back. */
const MEMORY = 2000;

export type WalkInResult = { kind: 'seated'; reservation: Reservation } | { kind: 'noTable' } | { kind: 'error'; error: ApiError };
export type WaitlistJoinResult = { kind: 'joined'; entry: WaitlistEntry } | { kind: 'error'; error: ApiError };

type Http = Pick<HttpClient, 'get' | 'post'>;

interface Snapshot {
  list: ReservationListResponse;
  waitlist: { entries: WaitlistEntry[] } | { error: ApiError };
}

const path = (s: string) => encodeURIComponent(s);

/**
 * One restaurant's host stand for one local day: its tables, the day's bookings and waitlist,
 * followed live on the staff scope. The day's bookings load with the seq they are current to and
 * the client catches up after a gap (FollowedSnapshot); each booking or entry is applied only when
 * its `version` is newer than what is held, so an answer, its event and a catch-up copy agree.
 * The waitlist loads after the bookings, so it is at least as new as that seq. Until its
 * endpoint answers, the panel says so and the bookings work on.
 */
export class HostStand {
  readonly restaurantId: string;
  readonly timeZone: string;
  readonly #http: Http;
  readonly #followed: FollowedSnapshot<Snapshot>;
  readonly #reservations = new SvelteMap<string, Reservation>();
  readonly #entries = new SvelteMap<string, WaitlistEntry>();
  /** Every version seen, shown or not. */
  readonly #versions = new Map<string, number>();
  readonly #pending = new SvelteMap<string, BookingAction>();
  readonly #errors = new SvelteMap<string, ApiError>();
  #date = $state('');
  #tables = $state.raw<{ id: string; label: string; seats: number }[] | null>(null);
  #tablesError = $state.raw<ApiError | null>(null);
  #waitlistError = $state.raw<ApiError | null>(null);
  #waitlistLoaded = $state(false);
  #reloadedAt = $state.raw<Date | null>(null);
  readonly #controller = new AbortController();

  constructor(restaurant: Pick<Restaurant, 'id' | 'timeZone'>, http: Http, connection: Subscriber, now = new Date()) {
    this.restaurantId = restaurant.id;
    this.timeZone = restaurant.timeZone;
    this.#http = http;
    this.#date = localDate(now, this.timeZone);
    this.#followed = new FollowedSnapshot(connection, {
      request: () => ({ restaurantId: this.restaurantId, scope: 'staff' }),
      load: async (signal) => {
        const date = this.#date;
        const list = await this.#http.get<ReservationListResponse>(`/api/v1/restaurants/${path(this.restaurantId)}/reservations`, {
          query: { date },
          signal,
        });
        const waitlist = await this.#http
          .get<{ entries: WaitlistEntry[] }>(`/api/v1/restaurants/${path(this.restaurantId)}/waitlist`, { query: { date }, signal })
          .catch((error: unknown) => {
            if (isAbortError(error)) throw error;
            return { error: toApiError(error) };
          });
        return { snapshot: { list, waitlist }, seq: list.latestSeq };
      },
      apply: (s) => this.#replace(s),
      onEvent: (event) => this.#apply(event),
      holdsAnything: () => this.#reservations.size > 0,
      onReload: () => (this.#reloadedAt = new Date()),
    });
  }

  /** The local day shown, YYYY-MM-DD. */
  get date(): string {
    return this.#date;
  }
  get status(): FollowStatus {
    return this.#followed.status;
  }
  get error(): ApiError | null {
    return this.#followed.error;
  }
  get tables(): { id: string; label: string; seats: number }[] | null {
    return this.#tables;
  }
  get tablesError(): ApiError | null {
    return this.#tablesError;
  }
  /** Why the waitlist could not be read (its endpoint missing, a network error); null once it answered. */
  get waitlistError(): ApiError | null {
    return this.#waitlistError;
  }
  get waitlistLoaded(): boolean {
    return this.#waitlistLoaded;
  }
  get reloadedAt(): Date | null {
    return this.#reloadedAt;
  }

  /** The day's bookings in start order. */
  readonly reservations: Reservation[] = $derived(
    [...this.#reservations.values()].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.code.localeCompare(b.code)),
  );

  /** The line: offered entries first (they are about to be seated), then by position. */
  readonly waitlist: WaitlistEntry[] = $derived(
    [...this.#entries.values()].sort(
      (a, b) =>
        Number(b.status === 'offered') - Number(a.status === 'offered') ||
        (a.position ?? Infinity) - (b.position ?? Infinity) ||
        a.createdAt.localeCompare(b.createdAt),
    ),
  );

  reservation(id: string): Reservation | undefined {
    return this.#reservations.get(id);
  }
  pendingOf(id: string): BookingAction | null {
    return this.#pending.get(id) ?? null;
  }
  errorOf(id: string): ApiError | null {
    return this.#errors.get(id) ?? null;
  }

  start(): void {
    void this.#followed.open();
    void this.#loadTables();
  }

  retry(): void {
    void this.#followed.open();
    if (!this.#tables) void this.#loadTables();
  }

  /** Another day: what is held goes, that day loads and is followed from its own seq. */
  setDate(date: string): void {
    if (date === this.#date) return;
    this.#date = date;
    this.#reservations.clear();
    this.#entries.clear();
    this.#waitlistLoaded = false;
    this.#waitlistError = null;
    void this.#followed.open();
  }

  dispose(): void {
    this.#controller.abort();
    this.#followed.dispose();
  }

  /** A booking or entry as an answer gave it: applied like its event, by version. */
  applyReservation(r: Reservation): void {
    if (!this.#newer(r.id, r.version)) return;
    if (localDate(new Date(r.startsAt), this.timeZone) === this.#date) this.#reservations.set(r.id, r);
    else this.#reservations.delete(r.id);
  }

  applyEntry(e: WaitlistEntry): void {
    if (!this.#newer(`w:${e.id}`, e.version)) return;
    if (e.date === this.#date && IN_LINE.has(e.status)) this.#entries.set(e.id, e);
    else this.#entries.delete(e.id);
  }

  async act(id: string, action: BookingAction): Promise<boolean> {
    const r = this.#reservations.get(id);
    if (!r || this.#pending.has(id)) return false;
    this.#pending.set(id, action);
    this.#errors.delete(id);
    try {
      const answer = await this.#http.post<{ reservation: Reservation }>(`/api/v1/reservations/${path(id)}/${action}`, {
        version: r.version,
      });
      this.applyReservation(answer.reservation);
      return true;
    } catch (error) {
      this.#errors.set(id, toApiError(error));
      return false;
    } finally {
      this.#pending.delete(id);
    }
  }

  clearError(id: string): void {
    this.#errors.delete(id);
  }

  /** A party at the door: seated now at the best free table, or told there is none (then the waitlist). */
  async walkIn(body: { partySize: number; name?: string }): Promise<WalkInResult> {
    try {
      const answer = await this.#http.post<{ reservation: Reservation }>(
        `/api/v1/restaurants/${path(this.restaurantId)}/walk-ins`,
        body.name ? body : { partySize: body.partySize },
      );
      this.applyReservation(answer.reservation);
      return { kind: 'seated', reservation: answer.reservation };
    } catch (error) {
      const e = toApiError(error);
      return e.code === 'slot_unavailable' ? { kind: 'noTable' } : { kind: 'error', error: e };
    }
  }

  /** A walk-in party into today's line (the restaurant's today, whatever day is shown). */
  async joinWaitlist(body: { partySize: number; name: string; phone?: string; email?: string }): Promise<WaitlistJoinResult> {
    try {
      const answer = await this.#http.post<WaitlistJoinResponse>(`/api/v1/restaurants/${path(this.restaurantId)}/waitlist`, {
        partySize: body.partySize,
        name: body.name,
        date: localDate(new Date(), this.timeZone),
        ...(body.phone ? { phone: body.phone } : {}),
        ...(body.email ? { email: body.email } : {}),
      });
      this.applyEntry(answer.entry);
      return { kind: 'joined', entry: answer.entry };
    } catch (error) {
      return { kind: 'error', error: toApiError(error) };
    }
  }

  async #loadTables(): Promise<void> {
    try {
      const { restaurant } = await this.#http.get<{ restaurant: Pick<Restaurant, 'tables'> }>(
        `/api/v1/restaurants/${path(this.restaurantId)}`,
        { signal: this.#controller.signal },
      );
      this.#tables = [...(restaurant.tables ?? [])].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
      this.#tablesError = null;
    } catch (error) {
      if (!isAbortError(error)) this.#tablesError = toApiError(error);
    }
  }

  #replace(s: Snapshot): void {
    this.#reservations.clear();
    this.#versions.clear();
    for (const r of s.list.reservations) this.applyReservation(r);
    this.#entries.clear();
    if ('entries' in s.waitlist) {
      for (const e of s.waitlist.entries) this.applyEntry(e);
      this.#waitlistError = null;
      this.#waitlistLoaded = true;
    } else {
      this.#waitlistError = s.waitlist.error;
      this.#waitlistLoaded = false;
    }
  }

  #apply(event: DinewireEvent): void {
    if (event.type === 'reservation.created' || event.type === 'reservation.updated') {
      this.applyReservation(event.data as Reservation);
    } else if (event.type === 'waitlist.updated') {
      this.applyEntry(event.data as WaitlistEntry);
    }
  }

  #newer(key: string, version: number): boolean {
    const held = this.#versions.get(key) ?? -1;
    if (version <= held) return false;
    this.#versions.delete(key);
    this.#versions.set(key, version);
    if (this.#versions.size > MEMORY) {
      const oldest = this.#versions.keys().next().value;
      if (oldest !== undefined) this.#versions.delete(oldest);
    }
    return true;
  }
}
