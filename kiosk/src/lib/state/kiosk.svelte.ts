import { createContext } from 'svelte';
import { IdSchema, type Locale, type Restaurant } from '@dinewire/protocol';
import { KioskApi } from '../api';
import { I18n, isLocale, matchLocale } from '../i18n';
import { RealtimeConnection } from '../realtime';
import { MenuState } from './menu.svelte';
import { Resource } from './resource.svelte';

/**
 * The guest screen as a whole: language, the one real-time connection, the restaurant list and
 * the open menu. Where we are lives in the URL hash (`#/restaurants/<id>`), so a reload or a
 * link set up by staff opens the same screen.
 */
export class KioskState {
  readonly i18n: I18n;
  readonly api: KioskApi;
  readonly connection: RealtimeConnection;
  readonly restaurants = new Resource<Restaurant[]>();
  #menu = $state.raw<MenuState | null>(null);

  constructor(api: KioskApi = new KioskApi()) {
    this.api = api;
    this.i18n = new I18n(initialLocale());
    this.connection = new RealtimeConnection();
  }

  /** The open menu; null on the start screen. */
  get menu(): MenuState | null {
    return this.#menu;
  }

  /** Call once the screen is mounted; returns the teardown. */
  start(): () => void {
    const onHashChange = () => this.#route();
    window.addEventListener('hashchange', onHashChange);
    this.#route();
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      this.#menu?.dispose();
      this.#menu = null;
      this.restaurants.abort();
      this.connection.close();
    };
  }

  openRestaurant(restaurantId: string): void {
    location.hash = `#/restaurants/${restaurantId}`;
  }

  goHome(): void {
    location.hash = '#/';
  }

  setLocale(locale: Locale): void {
    if (locale === this.i18n.locale) return;
    this.i18n.setLocale(locale);
    void this.loadRestaurants();
    this.#menu?.setLocale(locale);
  }

  loadRestaurants(): Promise<void> {
    const locale = this.i18n.locale;
    return this.restaurants.load((signal) => this.api.restaurants(locale, signal));
  }

  #route(): void {
    const restaurantId = parseHash(location.hash);
    if (restaurantId === this.#menu?.restaurantId) return;
    this.#menu?.dispose();
    if (restaurantId) {
      const menu = new MenuState(restaurantId, this.i18n.locale, this.api, this.connection);
      this.#menu = menu;
      menu.start();
    } else {
      this.#menu = null;
      // Coming back to the start screen: refresh the list quietly (the old one stays meanwhile).
      void this.loadRestaurants();
    }
  }
}

function parseHash(hash: string): string | null {
  const match = /^#\/restaurants\/([^/?#]+)/.exec(hash);
  const id = match?.[1] ? decodeURIComponent(match[1]) : null;
  return id && IdSchema.safeParse(id).success ? id : null;
}

/** `?lang=` on the kiosk's URL (set by whoever installs it), else the browser's languages. */
function initialLocale(): Locale {
  const requested = new URLSearchParams(location.search).get('lang');
  return isLocale(requested) ? requested : matchLocale(navigator.languages);
}

export const [getKiosk, setKiosk] = createContext<KioskState>();
