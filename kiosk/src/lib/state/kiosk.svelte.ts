import { createContext } from 'svelte';
import type { Locale, Restaurant } from '@dinewire/protocol';
import { ApiError, HttpClient } from '@dinewire/ui/api';
import { isLocale, matchLocale } from '@dinewire/ui/i18n';
import { RealtimeConnection } from '@dinewire/ui/realtime';
import { Router, kioskRoutes, type KioskRoutes } from '@dinewire/ui/router';
import { Resource, restaurantIdOf } from '@dinewire/ui/state';
import { createI18n, type KioskI18n } from '../i18n';
import { KioskApi } from '../order/api';
import { CartState } from './cart.svelte';
import { GuestSession } from './guest-session.svelte';
import { MenuState } from './menu.svelte';
import { ReachMode } from './reach.svelte';
import { KioskPairing } from './pairing.svelte';

/**
 * The guest screen as a whole: language, the one real-time connection, the restaurant list and
 * the open menu. Where we are is the address (`/kiosk/r/<slug>`), so a reload, a link or a
 * table's QR code opens the same screen.
 */
export class KioskState {
  readonly i18n: KioskI18n;
  readonly api: KioskApi;
  readonly router: Router<KioskRoutes>;
  readonly connection: RealtimeConnection;
  readonly restaurants = new Resource<Restaurant[]>();
  /** Kiosk mode: this screen paired as a kiosk of one restaurant (absent on a guest's phone). */
  readonly pairing = new KioskPairing();
  /** The guest at a paired kiosk: attract screen, idle question, reset. */
  readonly guest = new GuestSession();
  /** Accessibility mode (controls brought down), for this guest only. */
  readonly reach = new ReachMode();
  /** Calls carry the kiosk's device token when paired; a 401 means a manager unpaired it. */
  readonly http: HttpClient;
  readonly #initialLocale: Locale;
  #menu = $state.raw<MenuState | null>(null);
  #cart: CartState | null = null;

  constructor() {
    this.http = new HttpClient({ token: () => this.pairing.token, onUnauthenticated: () => this.#unpaired() });
    this.api = new KioskApi(this.http);
    this.#initialLocale = initialLocale();
    this.i18n = createI18n(this.#initialLocale);
    this.router = new Router(kioskRoutes);
    this.connection = new RealtimeConnection();
  }

  /** The open menu; null on every other screen. */
  get menu(): MenuState | null {
    return this.#menu;
  }

  /** Call once the screen is mounted; returns the teardown. */
  start(): () => void {
    const stopRouter = this.router.start();
    const stopListening = this.router.onchange(() => this.#route());
    const stopIdle = this.guest.listen(window);
    const stopReset = this.guest.onreset(() => this.#nextGuest());
    this.#route();
    return () => {
      stopReset();
      stopIdle();
      stopListening();
      stopRouter();
      this.#menu?.dispose();
      this.#menu = null;
      this.restaurants.reset();
      this.connection.close();
    };
  }

  /** The cart of a restaurant (one at a time: opening another restaurant's menu reads its own). */
  cartFor(restaurantId: string): CartState {
    if (this.#cart?.restaurantId !== restaurantId) this.#cart = new CartState(restaurantId);
    return this.#cart;
  }

  /** The channel orders from this screen go in on: `kiosk` when paired (its device token marks them), else `web` (a guest's phone, anonymous). */
  get channel(): 'web' | 'kiosk' {
    return this.pairing.paired ? 'kiosk' : 'web';
  }

  /** The table a QR code's address names (`?table=`), when the menu was opened from one. */
  get tableId(): string | null {
    const route = this.router.route;
    return route?.name === 'menu' ? (route.query.table ?? null) : null;
  }

  /** Where an order's guest follows it. */
  orderHref(orderId: string, token: string): string {
    return this.router.href('order', { orderId }, { token });
  }

  /** The address of a restaurant's menu, by its slug (readable, and what a QR code holds). */
  menuHref(restaurant: Pick<Restaurant, 'slug'>): string {
    return this.router.href('menu', { r: restaurant.slug });
  }

  /** The restaurant list; a paired kiosk's own menu (it stands in one restaurant). */
  get homeHref(): string {
    const device = this.pairing.device;
    return device ? this.router.href('menu', { r: device.restaurantId }) : this.router.href('restaurants', {});
  }

  get pairHref(): string {
    return this.router.href('pair', {});
  }

  /** A paired kiosk waiting for its next guest, anywhere but its pairing screen. */
  get attracting(): boolean {
    return this.pairing.paired && this.guest.phase === 'attract' && this.router.route?.name !== 'pair';
  }

  /** Pairs this screen as a kiosk with a manager's code, then opens its restaurant's attract screen. */
  async pair(pairingCode: string): Promise<void> {
    if (!(await this.pairing.pair(this.http, pairingCode))) return;
    this.guest.reset();
  }

  setLocale(locale: Locale): void {
    if (locale === this.i18n.locale) return;
    this.i18n.setLocale(locale);
    void this.loadRestaurants();
    this.#menu?.setLocale(locale);
  }

  loadRestaurants(): Promise<void> {
    const locale = this.i18n.locale;
    return this.restaurants.load((signal) => this.api.restaurants({ lang: locale }, signal));
  }

  #route(): void {
    const route = this.router.route;
    if (route?.name === 'restaurants' && this.pairing.paired) {
      this.router.navigate(this.homeHref, { replace: true });
      return;
    }
    const ref = route?.name === 'menu' ? route.params.r : null;
    if (ref !== null && ref === this.#menu?.ref) return;
    this.#menu?.dispose();
    this.#menu = null;
    if (ref !== null) {
      const menu = new MenuState(ref, (r) => this.#restaurantId(r), this.i18n.locale, this.api, this.connection);
      this.#menu = menu;
      menu.start();
    } else if (route?.name === 'restaurants') {
      // Coming back to the start screen: refresh the list quietly (the old one stays meanwhile).
      void this.loadRestaurants();
    }
  }

  /** After a reset: the next guest starts on a fresh menu of this kiosk's restaurant, in its own language. */
  #nextGuest(): void {
    this.i18n.setLocale(this.#initialLocale);
    this.reach.reset();
    // Its storage is cleared already; the next guest reads an empty cart.
    this.#cart = null;
    this.#menu?.dispose();
    this.#menu = null;
    window.scrollTo?.(0, 0);
    if (this.pairing.paired) this.router.navigate(this.homeHref, { replace: true });
    else this.#route();
  }

  /** A manager revoked this kiosk: back to pairing, saying so. */
  #unpaired(): void {
    if (!this.pairing.paired) return;
    this.pairing.forget({ key: 'pair.revoked' });
    this.router.navigate(this.pairHref, { replace: true });
  }

  /** The restaurant the address names; a failed list load or an unknown slug is the menu's error. */
  async #restaurantId(ref: string): Promise<string> {
    const id = await restaurantIdOf(ref, this.restaurants, () => this.loadRestaurants());
    if (id) return id;
    throw this.restaurants.error ?? new ApiError(404, 'not_found', `no restaurant ${ref}`);
  }
}

/** `?lang=` on the kiosk's URL (set by whoever installs it), else the browser's languages. */
function initialLocale(): Locale {
  const requested = new URLSearchParams(location.search).get('lang');
  return isLocale(requested) ? requested : matchLocale(navigator.languages);
}

export const [getKiosk, setKiosk] = createContext<KioskState>();
