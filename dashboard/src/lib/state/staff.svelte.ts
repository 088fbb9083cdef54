import { createContext } from 'svelte';
import type { Locale, Restaurant } from '@dinewire/protocol';
import { HttpClient, toApiError } from '@dinewire/ui/api';
import { errorMessage, isLocale, matchLocale, type MessageParams, type UiMessageKey } from '@dinewire/ui/i18n';
import { RealtimeConnection } from '@dinewire/ui/realtime';
import { Router, dashboardRoutes, type DashboardRoutes } from '@dinewire/ui/router';
import { Resource, restaurantIdOf } from '@dinewire/ui/state';
import { StaffApi } from '../api';
import { createI18n, type MessageKey, type StaffI18n } from '../i18n';
import { Clock } from './clock.svelte';
import { OrdersBoard, boardScope } from './orders-board.svelte';
import { Session } from './session.svelte';

const LOCALE_KEY = 'dinewire.staff.locale';

/** What the page shows: an address with no screen yet is 'not-found', whoever is signed in. */
export type StaffScreen = 'login' | 'picker' | 'board' | 'not-found';
export interface Notice {
  key: MessageKey | UiMessageKey;
  params?: MessageParams;
}

/**
 * The staff app as a whole: language, who is signed in, their real-time connection (opened
 * with their token at sign-in, closed at sign-out), their restaurants, and the open board.
 * Where we are is the address (`/dashboard/r/<slug>/live`), so a reload keeps the screen.
 */
export class StaffApp {
  readonly i18n: StaffI18n = createI18n(initialLocale());
  readonly router = new Router<DashboardRoutes>(dashboardRoutes);
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
  /** Bumped by every routing pass, so a slow slug lookup cannot open a board we left. */
  #routing = 0;

  /** The restaurants this user works in, in the order the API lists them. */
  readonly myRestaurants: Restaurant[] = $derived.by(() => {
    const ids = new Set(this.session.user?.restaurantIds ?? []);
    return (this.restaurants.value ?? []).filter((r) => ids.has(r.id));
  });

  readonly screen: StaffScreen = $derived.by(() => {
    const route = this.router.route;
    if (route?.name !== 'home' && route?.name !== 'live') return 'not-found';
    if (!this.session.user) return 'login';
    return route.name === 'live' ? 'board' : 'picker';
  });

  get connection(): RealtimeConnection | null {
    return this.#connection;
  }

  /** The open board; null until its restaurant is known (and on every other screen). */
  get board(): OrdersBoard | null {
    return this.#board;
  }

  /** The open board's restaurant, from the list or from the board's own menu load. */
  readonly boardRestaurant: Restaurant | null = $derived(
    this.#board ? (this.restaurants.value?.find((r) => r.id === this.#board?.restaurantId) ?? this.#board.restaurant) : null,
  );

  get loginBusy(): boolean {
    return this.#loginBusy;
  }

  /** Why the login screen is showing: a failed attempt, or a session that ended. */
  get loginNotice(): Notice | null {
    return this.#loginNotice;
  }

  get homeHref(): string {
    return this.router.href('home', {});
  }

  /** A restaurant's board, by slug. */
  boardHref(restaurant: Pick<Restaurant, 'slug'>): string {
    return this.router.href('live', { r: restaurant.slug });
  }

  /** Call once the app is mounted; returns the teardown. */
  start(): () => void {
    const stopRouter = this.router.start();
    const stopListening = this.router.onchange(() => void this.#route());
    if (this.session.user) this.#enter();
    return () => {
      stopListening();
      stopRouter();
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
      await this.#enter();
      // Someone with one restaurant signing in at the start goes straight to its board.
      const only = user.restaurantIds.length === 1 ? user.restaurantIds[0] : undefined;
      if (only && this.router.route?.name === 'home') {
        const restaurant = this.restaurants.value?.find((r) => r.id === only);
        this.router.navigate(this.router.href('live', { r: restaurant?.slug ?? only }), { replace: true });
      }
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
    if (this.router.route?.name !== 'home') this.router.navigate(this.homeHref, { replace: true });
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
    return this.restaurants.load((signal) => this.api.restaurants({ lang: locale }, signal));
  }

  /** A session begins (sign-in, or a reload of a signed-in tab): connect, list, open the address. */
  #enter(): Promise<void> {
    const token = this.session.token;
    if (!token) return Promise.resolve();
    this.#connection?.close();
    this.#connection = new RealtimeConnection({ token });
    const listed = this.loadRestaurants();
    void this.#route();
    return listed;
  }

  #leave(): void {
    this.#routing++;
    this.#board?.dispose();
    this.#board = null;
    this.#connection?.close();
    this.#connection = null;
    this.restaurants.reset();
  }

  #expire(): void {
    if (this.session.user) this.logout({ key: 'login.expired' });
  }

  /** Opens the board the address names, once its restaurant is known; closes it elsewhere. */
  async #route(): Promise<void> {
    const pass = ++this.#routing;
    const user = this.session.user;
    const connection = this.#connection;
    const route = this.router.route;
    const ref = route?.name === 'live' ? route.params.r : null;
    const restaurantId =
      user && connection && ref !== null ? await restaurantIdOf(ref, this.restaurants, () => this.loadRestaurants()) : null;
    if (pass !== this.#routing || !user || !connection) return;
    if (ref !== null && (!restaurantId || !user.restaurantIds.includes(restaurantId))) {
      // No such restaurant, or not one of theirs (an old link, another account): the picker.
      this.router.navigate(this.homeHref, { replace: true });
      return;
    }
    if (restaurantId === this.#board?.restaurantId) return;
    this.#board?.dispose();
    this.#board = null;
    if (restaurantId) {
      const board = new OrdersBoard(restaurantId, boardScope(user.role), this.i18n.locale, this.api, connection);
      this.#board = board;
      board.start();
    }
  }
}

function initialLocale(): Locale {
  const saved = savedLocale();
  return isLocale(saved) ? saved : matchLocale(navigator.languages);
}

function savedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_KEY);
  } catch {
    return null; // Storage refused (private mode): the browser's languages decide.
  }
}

export const [getStaffApp, setStaffApp] = createContext<StaffApp>();
