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
import { RestaurantScreens, deviceScreenOf, homeScreenOf, screensOfRole, type RestaurantScreen, type StaffScreen } from './screens';
import { Session } from './session.svelte';

export type { RestaurantScreen, StaffScreen } from './screens';

const LOCALE_KEY = 'dinewire.staff.locale';

export interface Notice {
  key: MessageKey | UiMessageKey;
  params?: MessageParams;
}

const isRestaurantScreen = (name: string | undefined): name is RestaurantScreen =>
  (RestaurantScreens as readonly string[]).includes(name ?? '');

/**
 * The staff app as a whole: language, who is at the screen (a signed-in person, or a paired
 * device), their real-time connection (opened with that token, closed when it ends), their
 * restaurants, and which screen of which restaurant is open. Where we are is the address
 * (`/dashboard/r/<slug>/kitchen?station=…`), so a reload keeps the screen. Each screen builds
 * its own state from `restaurant`, `api`/`http` and `connection`, and disposes of it when left.
 */
export class StaffApp {
  readonly i18n: StaffI18n = createI18n(initialLocale());
  readonly router = new Router<DashboardRoutes>(dashboardRoutes);
  readonly session = new Session();
  /** Every call of every screen: with the session's token, and back to sign-in (or pairing) when it is refused. */
  readonly http = new HttpClient({
    token: () => this.session.token,
    onUnauthenticated: () => this.#expire(),
  });
  readonly api = new StaffApi(this.http);
  readonly clock = new Clock();
  readonly restaurants = new Resource<Restaurant[]>();
  #connection = $state.raw<RealtimeConnection | null>(null);
  #restaurantId = $state<string | null>(null);
  #busy = $state(false);
  #loginNotice = $state.raw<Notice | null>(null);
  #pairNotice = $state.raw<Notice | null>(null);
  /** Bumped by every routing pass, so a slow slug lookup cannot open a restaurant we left. */
  #routing = 0;
  #stopWatching: (() => void) | null = null;

  /** The restaurants whoever is at the screen works in: a person's, or the paired device's one. */
  readonly myRestaurantIds: string[] = $derived(
    this.session.user?.restaurantIds ?? (this.session.device ? [this.session.device.restaurantId] : []),
  );

  /** The restaurants this user works in, in the order the API lists them. */
  readonly myRestaurants: Restaurant[] = $derived.by(() => {
    const ids = new Set(this.myRestaurantIds);
    return (this.restaurants.value ?? []).filter((r) => ids.has(r.id));
  });

  /** The restaurant screens whoever is here may open (a device: only its own). */
  readonly allowedScreens: readonly RestaurantScreen[] = $derived.by(() => {
    if (this.session.user) return screensOfRole(this.session.user.role);
    const own = this.session.device ? deviceScreenOf(this.session.device) : null;
    return own ? [own] : [];
  });

  readonly screen: StaffScreen = $derived.by(() => {
    const name = this.router.route?.name;
    if (name === 'pair') return 'pair';
    if (name !== 'home' && !isRestaurantScreen(name)) return 'not-found';
    if (!this.session.signedIn) return 'login';
    if (name === 'home') return 'picker';
    return this.allowedScreens.includes(name) ? name : 'not-found';
  });

  /** The restaurant of the open screen, once known (null on the picker and while resolving). */
  readonly restaurant: Restaurant | null = $derived(
    this.#restaurantId ? (this.restaurants.value?.find((r) => r.id === this.#restaurantId) ?? null) : null,
  );

  /** `?station=` of the kitchen address, or the paired kitchen device's station. */
  readonly stationId: string | null = $derived.by(() => {
    const route = this.router.route;
    if (this.session.device?.kind === 'kitchen' && this.session.device.stationId) return this.session.device.stationId;
    return route?.name === 'kitchen' ? (route.query.station ?? null) : null;
  });

  get connection(): RealtimeConnection | null {
    return this.#connection;
  }

  /** A sign-in or pairing is under way. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Why the login screen is showing: a failed attempt, or a session that ended. */
  get loginNotice(): Notice | null {
    return this.#loginNotice;
  }

  /** Why the pairing screen is showing: a refused code, or a device that was revoked. */
  get pairNotice(): Notice | null {
    return this.#pairNotice;
  }

  get homeHref(): string {
    return this.router.href('home', {});
  }

  get pairHref(): string {
    return this.router.href('pair', {});
  }

  /** A screen of a restaurant, by slug; the kitchen optionally at one station. */
  screenHref(screen: RestaurantScreen, restaurant: Pick<Restaurant, 'slug'>, stationId?: string | null): string {
    const params = { r: restaurant.slug };
    if (screen === 'kitchen') return this.router.href('kitchen', params, stationId ? { station: stationId } : {});
    return this.router.href(screen, params);
  }

  /** Call once the app is mounted; returns the teardown. */
  start(): () => void {
    const stopRouter = this.router.start();
    const stopListening = this.router.onchange(() => void this.#route());
    if (this.session.signedIn) void this.#enter();
    return () => {
      stopListening();
      stopRouter();
      this.#leave();
    };
  }

  async login(email: string, password: string): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.#loginNotice = null;
    try {
      const { user, token } = await this.api.login(email, password);
      if (user.role === 'guest') {
        this.#loginNotice = { key: 'login.noStaffAccess' };
        return;
      }
      this.session.set(user, token);
      await this.#enter();
      // Someone with one restaurant signing in at the start goes straight to their first screen there.
      const only = user.restaurantIds.length === 1 ? user.restaurantIds[0] : undefined;
      const home = homeScreenOf(user.role);
      if (only && home && this.router.route?.name === 'home') {
        const restaurant = this.restaurants.value?.find((r) => r.id === only);
        this.router.navigate(this.screenHref(home, { slug: restaurant?.slug ?? only }), { replace: true });
      }
    } catch (error) {
      const apiError = toApiError(error);
      this.#loginNotice =
        apiError.code === 'unauthenticated' || apiError.code === 'validation' ? { key: 'login.failed' } : errorMessage(apiError);
    } finally {
      this.#busy = false;
    }
  }

  /** The person signs out; on a paired screen the device's own screen comes back. */
  logout(notice: Notice | null = null): void {
    // Also end the server's session cookie. The token is read before the session is cleared.
    if (this.session.user) void this.api.logout().catch(() => undefined);
    this.#leave();
    this.session.clear();
    this.#loginNotice = notice;
    if (this.session.device) {
      void this.#enter().then(() => this.#goToDeviceScreen());
    } else if (this.router.route?.name !== 'home') {
      this.router.navigate(this.homeHref, { replace: true });
    }
  }

  /** Pairs this screen with the code a manager was shown, then opens the device's screen. */
  async pair(pairingCode: string): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.#pairNotice = null;
    try {
      const { device, token } = await this.api.pair(pairingCode);
      this.#leave();
      this.session.clear();
      this.session.setDevice(device, token);
      await this.#enter();
      this.#goToDeviceScreen();
    } catch (error) {
      const apiError = toApiError(error);
      // A kiosk's code typed here is refused unused, its answer naming the kiosk's address.
      const kiosk = apiError.details.some((d) => d.message.includes('/kiosk/pair'));
      this.#pairNotice = kiosk
        ? { key: 'pair.kioskCode' }
        : apiError.code === 'unauthenticated' || apiError.code === 'validation' || apiError.code === 'not_found'
          ? { key: 'pair.failed' }
          : errorMessage(apiError);
    } finally {
      this.#busy = false;
    }
  }

  /** Forgets the pairing of this screen (a manager will have to pair it again). */
  unpair(notice: Notice | null = null): void {
    this.#leave();
    this.session.clearDevice();
    this.#pairNotice = notice;
    if (this.session.user) void this.#enter();
    else this.router.navigate(this.pairHref, { replace: true });
  }

  setLocale(locale: Locale): void {
    if (locale === this.i18n.locale) return;
    this.i18n.setLocale(locale);
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // Private mode: the choice lasts until reload.
    }
    if (this.session.signedIn) void this.loadRestaurants();
  }

  loadRestaurants(): Promise<void> {
    const locale = this.i18n.locale;
    return this.restaurants.load((signal) => this.api.restaurants({ lang: locale }, signal));
  }

  /** A session begins (sign-in, pairing, or a reload of either): connect, list, open the address. */
  #enter(): Promise<void> {
    const token = this.session.token;
    if (!token) return Promise.resolve();
    this.#connection?.close();
    this.#stopWatching?.();
    const connection = new RealtimeConnection({ token });
    this.#connection = connection;
    // The server ends a revoked device's connection at once, and refuses its handshake after:
    // the connection goes offline. Whether that was a revocation, an HTTP call tells (its 401
    // unpairs the screen); every device screen, whatever it shows, comes back to pairing.
    this.#stopWatching = connection.client.onState((state) => {
      if (state === 'offline' && this.session.device) void this.#checkStillPaired(this.session.device.restaurantId);
    });
    const listed = this.loadRestaurants();
    void this.#route();
    return listed;
  }

  #leave(): void {
    this.#routing++;
    this.#restaurantId = null;
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.#connection?.close();
    this.#connection = null;
    this.restaurants.reset();
  }

  #expire(): void {
    if (this.session.user) this.logout({ key: 'login.expired' });
    else if (this.session.device) this.unpair({ key: 'pair.revoked' });
  }

  async #checkStillPaired(restaurantId: string): Promise<void> {
    try {
      await this.api.orders(restaurantId, { status: 'ready' });
    } catch {
      // A 401 has unpaired the screen (onUnauthenticated); anything else: the network, try again later.
    }
  }

  #goToDeviceScreen(): void {
    const device = this.session.device;
    const screen = device ? deviceScreenOf(device) : null;
    if (!device || !screen) return;
    const restaurant = this.restaurants.value?.find((r) => r.id === device.restaurantId);
    this.router.navigate(this.screenHref(screen, { slug: restaurant?.slug ?? device.restaurantId }, device.stationId), {
      replace: true,
    });
  }

  /** Resolves the restaurant the address names; a paired device anywhere but its screen goes to it. */
  async #route(): Promise<void> {
    const pass = ++this.#routing;
    const connection = this.#connection;
    const route = this.router.route;
    if (!connection || !this.session.signedIn) return;
    const device = this.session.device;
    if (device && (route?.name === 'home' || (isRestaurantScreen(route?.name) && !this.allowedScreens.includes(route.name)))) {
      await this.loadRestaurantsOnce();
      if (pass === this.#routing) this.#goToDeviceScreen();
      return;
    }
    const ref = route && isRestaurantScreen(route.name) ? (route.params as { r: string }).r : null;
    const restaurantId = ref !== null ? await restaurantIdOf(ref, this.restaurants, () => this.loadRestaurants()) : null;
    if (pass !== this.#routing) return;
    if (ref !== null && (!restaurantId || !this.myRestaurantIds.includes(restaurantId))) {
      // No such restaurant, or not one of theirs (an old link, another account): the start.
      this.router.navigate(this.homeHref, { replace: true });
      return;
    }
    this.#restaurantId = restaurantId;
  }

  async loadRestaurantsOnce(): Promise<void> {
    if (!this.restaurants.value) await this.loadRestaurants();
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
