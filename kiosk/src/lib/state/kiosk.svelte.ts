import { createContext } from 'svelte';
import type { Locale, Order, Restaurant } from '@dinewire/protocol';
import { ApiError, HttpClient } from '@dinewire/ui/api';
import { isLocale, matchLocale } from '@dinewire/ui/i18n';
import { RealtimeConnection } from '@dinewire/ui/realtime';
import { Router, kioskRoutes, type KioskRoutes } from '@dinewire/ui/router';
import { Resource, restaurantIdOf } from '@dinewire/ui/state';
import { createI18n, type KioskI18n } from '../i18n';
import { reorderOf, type LeftOut } from '../order/reorder';
import { KioskApi } from '../order/api';
import { BookingTokens } from '../booking/tokens.svelte';
import { GuestAccount } from './account.svelte';
import { CartState } from './cart.svelte';
import { GuestSession } from './guest-session.svelte';
import { MenuState } from './menu.svelte';
import { ReachMode } from './reach.svelte';
import { anyFilter, apiQueryOf, filtersOf, NO_FILTERS, type RestaurantFilters } from './restaurant-filters';
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
  /** Every restaurant: what the filters offer, and what an address's slug is looked up in. */
  readonly restaurants = new Resource<Restaurant[]>();
  /** The restaurants the list's filters leave (the whole list when none is set). */
  readonly found = new Resource<Restaurant[]>();
  /** Kiosk mode: this screen paired as a kiosk of one restaurant (absent on a guest's phone). */
  readonly pairing = new KioskPairing();
  /** The guest at a paired kiosk: attract screen, idle question, reset. */
  readonly guest = new GuestSession();
  /** Accessibility mode (controls brought down), for this guest only. */
  readonly reach = new ReachMode();
  /** The guest signed in on their own phone; never used on a paired kiosk (a shared device). */
  readonly account = new GuestAccount();
  /** The tokens of the bookings and waitlist places made from this screen (on a phone: the guest's own). */
  readonly bookingTokens = new BookingTokens();
  /** Calls carry the kiosk's device token when paired, else the signed-in guest's; a 401 means that credential is over. */
  readonly http: HttpClient;
  readonly #initialLocale: Locale;
  #menu = $state.raw<MenuState | null>(null);
  #cart: CartState | null = null;
  #leftOut = $state.raw<{ restaurantId: string; items: LeftOut[] } | null>(null);

  constructor() {
    this.http = new HttpClient({ token: () => this.pairing.token ?? this.guestToken, onUnauthenticated: () => this.#unauthenticated() });
    this.api = new KioskApi(this.http);
    this.#initialLocale = initialLocale();
    this.i18n = createI18n(this.#initialLocale);
    this.router = new Router(kioskRoutes);
    // The guest's session lets the socket follow their own orders (read again on every connect).
    this.connection = new RealtimeConnection({ token: () => this.guestToken });
  }

  /** The signed-in guest's token, on a phone only. */
  get guestToken(): string | null {
    return this.pairing.paired ? null : this.account.token;
  }

  /** Accounts are offered on a guest's own phone, not on a paired kiosk. */
  get accountsOffered(): boolean {
    return !this.pairing.paired;
  }

  get accountHref(): string {
    return this.router.href('account', {});
  }

  async signIn(email: string, password: string): Promise<boolean> {
    if (!this.accountsOffered || !(await this.account.signIn(this.http, email, password))) return false;
    this.connection.reconnect();
    return true;
  }

  async signOut(): Promise<void> {
    await this.account.signOut(this.http);
    this.connection.reconnect();
  }

  /** What "order the same again" could not put in the cart, while that restaurant's menu shows. */
  get leftOut(): { restaurantId: string; items: LeftOut[] } | null {
    const menu = this.#menu;
    return this.#leftOut && menu?.restaurantId === this.#leftOut.restaurantId ? this.#leftOut : null;
  }

  dismissLeftOut(): void {
    this.#leftOut = null;
  }

  /**
   * "Order the same again": the order's items, as the restaurant's menu has them now, go in its
   * cart (added to what is there), then its menu opens, saying what could not be added.
   */
  async reorder(order: Order, restaurant: Pick<Restaurant, 'id' | 'slug'>): Promise<void> {
    const menu = await this.api.menu(restaurant.id, { lang: this.i18n.locale });
    const dishes = new Map(menu.categories.flatMap((c) => c.dishes.map((d) => [d.id, d] as const)));
    const { lines, leftOut } = reorderOf(order.items, dishes);
    const cart = this.cartFor(restaurant.id);
    for (const line of lines) cart.add(line);
    this.#leftOut = leftOut.length ? { restaurantId: restaurant.id, items: leftOut } : null;
    this.router.navigate(this.menuHref(restaurant));
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
      this.found.reset();
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

  /** The restaurant list's filters, from its address (`?cuisine=&area=&price=`). */
  get filters(): RestaurantFilters {
    const route = this.router.route;
    return route?.name === 'restaurants' ? filtersOf(route.query) : NO_FILTERS;
  }

  /** Where an order's guest follows it: by its token, or (none) as the signed-in guest who placed it. */
  orderHref(orderId: string, token: string | null): string {
    return token ? this.router.href('order', { orderId }, { token }) : this.router.href('order', { orderId });
  }

  /** The address of a restaurant's menu, by its slug (readable, and what a QR code holds). */
  menuHref(restaurant: Pick<Restaurant, 'slug'>): string {
    return this.router.href('menu', { r: restaurant.slug });
  }

  /** Booking a table at a restaurant, by its slug. */
  bookHref(restaurant: Pick<Restaurant, 'slug'>): string {
    return this.router.href('booking', { r: restaurant.slug });
  }

  /** A booking's page: with its token in the address, so the link alone opens it. */
  reservationHref(reservationId: string, token: string | null): string {
    return token ? this.router.href('reservation', { reservationId }, { token }) : this.router.href('reservation', { reservationId });
  }

  waitlistHref(entryId: string, token: string | null): string {
    return token ? this.router.href('waitlist', { entryId }, { token }) : this.router.href('waitlist', { entryId });
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
    const filters = this.filters;
    const all = this.restaurants.load((signal) => this.api.restaurants({ lang: locale }, signal));
    const found = anyFilter(filters)
      ? this.found.load((signal) => this.api.restaurants({ ...apiQueryOf(filters), lang: locale }, signal))
      : all.then(() => this.found.load(async () => this.restaurants.value ?? Promise.reject(this.restaurants.error)));
    return Promise.all([all, found]).then(() => undefined);
  }

  #route(): void {
    const route = this.router.route;
    // What a reorder left out is said on the menu it opened, and forgotten on leaving it.
    if (route?.name !== 'menu') this.#leftOut = null;
    // A paired kiosk is a shared device: no restaurant list, and no guest accounts.
    if ((route?.name === 'restaurants' || route?.name === 'account') && this.pairing.paired) {
      this.router.navigate(this.homeHref, { replace: true });
      return;
    }
    // Booking a table reads the restaurant and its dishes (a pre-order) from its menu too.
    const ref = route?.name === 'menu' || route?.name === 'booking' ? route.params.r : null;
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

  /** The credential a call carried is over: a revoked kiosk, or a guest's ended session. */
  #unauthenticated(): void {
    if (this.pairing.paired) this.#unpaired();
    else if (this.account.signedIn) {
      this.account.forget({ key: 'account.sessionEnded' });
      this.connection.reconnect();
    }
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
