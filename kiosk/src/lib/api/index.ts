import type { Locale, Menu, Restaurant } from '@dinewire/protocol';
import { HttpClient } from './http';

export { ApiError, HttpClient, isAbortError, toApiError } from './http';
export type { ApiErrorCode } from './http';

export interface RestaurantList {
  restaurants: Restaurant[];
}

/** What the guest screen reads: public, no token. */
export class KioskApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient = new HttpClient()) {
    this.#http = http;
  }

  async restaurants(lang: Locale, signal?: AbortSignal): Promise<Restaurant[]> {
    const body = await this.#http.get<RestaurantList>('/api/v1/restaurants', { query: { lang }, signal });
    return body.restaurants;
  }

  menu(restaurantId: string, lang: Locale, signal?: AbortSignal): Promise<Menu> {
    return this.#http.get<Menu>(`/api/v1/restaurants/${encodeURIComponent(restaurantId)}/menu`, {
      query: { lang },
      signal,
    });
  }
}
