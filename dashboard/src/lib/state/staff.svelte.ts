import { createContext } from 'svelte';
import { IdSchema, type Locale, type Restaurant } from '@dinewire/protocol';
import { HttpClient, StaffApi, toApiError } from '../api';
import { I18n, errorMessage, isLocale, matchLocale, type MessageKey, type MessageParams } from '../i18n';
import { RealtimeConnection } from '../realtime';
import { Clock } from './clock.svelte';
import { OrdersBoard, boardScope } from './orders-board.svelte';
import { Resource } from './resource.svelte';
import { Session } from './session.svelte';

const LOCALE_KEY = 'dinewire.staff.locale';

export type StaffScreen = 'login' | 'picker' | 'board';
export interface Notice {
  key: MessageKey;
  params?: MessageParams;
}

/**
 * The staff app as a whole: language, who is signed in, their real-time connection (opened
 * with their token at sign-in, closed at sign-out), their restaurants, and the open board.
 * The open restaurant lives in the URL hash (`#/restaurants/<id>`), so a reload keeps it.
 */
export class StaffApp {
  readonly i18n = new I18n(initialLocale());
  readonly session = new Session();
  readonly api = new StaffApi(
    new HttpClient({
      token: () => this.session.token,
      onUnauthenticated: () => this.#expire(),
    }),
  );
  readonly clock = new Clock();
  readonly restaurants = new Resource<Restaurant[]>();
  #connection = $state.raw<RealtimeConnection | null>(null);
  #board = $state.raw<OrdersBoard | null>(null);
  #loginBusy = $state(false);
  #loginNotice = $state.raw<Notice | null>(null);
  /** Right after sign-in, someone with one restaurant goes straight to its board. */
  #autoOpen = false;

  /** The restaurants this user works in, in the order the API lists them. */
  readonly myRestaurants: Restaurant[] = $derived.by(() => {
    const ids = new Set(this.session.user?.restaurantIds ?? []);
    return (this.restaurants.value ?? []).filter((r) => ids.has(r.id));
  });

  readonly screen: StaffScreen = $derived(!this.session.user ? 'login' : this.#board ? 'board' : 'picker');

  get connection(): RealtimeConnection | null {
    return this.#connection;
  }

  get board(): OrdersBoard | null {
    return this.#board;
  }

  /** The open board's restaurant, from the list or from the board's own menu load. */
  readonly boardRestaurant: Restaurant | null = $derived(
    this.#board
      ? (this.restaurants.value?.find((r) => r.id === this.#board?.restaurantId) ?? this.#board.restaurant)
      : null,
  );

  get loginBusy(): boolean {
    return this.#loginBusy;
  }

  /** Why the login screen is showing: a failed attempt, or a session that ended. */
  get loginNotice(): Notice | null {
    return this.#loginNotice;
  }

  /** Call once the app is mounted; returns the teardown. */
  start(): () => void {
    const onHashChange = () => this.#route();
    window.addEventListener('hashchange', onHashChange);
    if (this.session.user) this.#enter();
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      this.#leave();
    };
  }

  async login(email: string, password: string): Promise<void> {
    if (this.#loginBusy) return;
    this.#loginBusy = true;
    this.#loginNotice = null;
    try {
      const { user, token } = await this.api.login(email, password);
      if (user.role === 'guest') {
        this.#loginNotice = { key: 'login.noStaffAccess' };
        return;
      }
      this.session.set(user, token);
      this.#autoOpen = true;
      this.#enter();
    } catch (error) {
      const apiError = toApiError(error);
      this.#loginNotice =
        apiError.code === 'unauthenticated' || apiError.code === 'validation' ? { key: 'login.failed' } : errorMessage(apiError);
    } finally {
      this.#loginBusy = false;
    }
  }

  logout(notice: Notice | null = null): void {
    // Also end the server's session cookie. The token is read before the session is cleared.
    if (this.session.token) void this.api.logout().catch(() => undefined);
    this.#leave();
    this.session.clear();
    this.#loginNotice = notice;
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  }

  openRestaurant(restaurantId: string): void {
    location.hash = `#/restaurants/${restaurantId}`;
  }

  showPicker(): void {
    location.hash = '#/';
  }

  setLocale(locale: Locale): void {
    if (locale === this.i18n.locale) return;
    this.i18n.setLocale(locale);
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // Private mode: the choice lasts until reload.
    }
    if (this.session.user) void this.loadRestaurants();
    this.#board?.setLocale(locale);
  }

  loadRestaurants(): Promise<void> {
    const locale = this.i18n.locale;
    return this.restaurants.load((signal) => this.api.restaurants(locale, signal));
  }

  /** A session begins (sign-in, or a reload of a signed-in tab). */
  #enter(): void {
    const token = this.session.token;
    if (!token) return;
    this.#connection?.close();
    this.#connection = new RealtimeConnection({ token });
    void this.loadRestaurants();
    this.#route();
  }

  #leave(): void {
    this.#board?.dispose();
    this.#board = null;
    this.#connection?.close();
    this.#connection = null;
    this.restaurants.abort();
  }

  #expire(): void {
    if (this.session.user) this.logout({ key: 'login.expired' });
  }

  #route(): void {
    const user = this.session.user;
    const connection = this.#connection;
    if (!user || !connection) return;
    let restaurantId = parseHash(location.hash);
    if (restaurantId && !user.restaurantIds.includes(restaurantId)) {
      // Not one of theirs (an old link, another account): back to the picker.
      this.showPicker();
      restaurantId = null;
    }
    if (!restaurantId && this.#autoOpen && user.restaurantIds.length === 1) {
      this.#autoOpen = false;
      const only = user.restaurantIds[0];
      if (only) this.openRestaurant(only);
      return;
    }
    this.#autoOpen = false;
    if (restaurantId === this.#board?.restaurantId) return;
    this.#board?.dispose();
    if (restaurantId) {
      const board = new OrdersBoard(restaurantId, boardScope(user.role), this.i18n.locale, this.api, connection);
      this.#board = board;
      board.start();
    } else {
      this.#board = null;
    }
  }
}

function parseHash(hash: string): string | null {
  const match = /^#\/restaurants\/([^/?#]+)/.exec(hash);
  const id = match?.[1] ? decodeURIComponent(match[1]) : null;
  return id && IdSchema.safeParse(id).success ? id : null;
}

function initialLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(LOCALE_KEY);
  } catch {
    saved = null;
  }
  return isLocale(saved) ? saved : matchLocale(navigator.languages);
}

export const [getStaffApp, setStaffApp] = createContext<StaffApp>();
