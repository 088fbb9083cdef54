import type { Locale, Menu, Order, OrderStatus, Restaurant, Role } from '@dinewire/protocol';
import { HttpClient } from './http';

export { ApiError, HttpClient, isAbortError, toApiError } from './http';
export type { ApiErrorCode, HttpClientOptions } from './http';

/** The user as `POST /auth/login` presents it. */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  restaurantIds: string[];
}

export interface LoginResult {
  user: SessionUser;
  token: string;
}

export interface OrderList {
  orders: Order[];
  /** The restaurant's seq this list is current to: the cursor to subscribe from. */
  latestSeq: number;
}

/** The staff endpoints the dashboard uses; the token comes from the HttpClient. */
export class StaffApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  login(email: string, password: string): Promise<LoginResult> {
    return this.#http.post<LoginResult>('/api/v1/auth/login', { email, password });
  }

  /** Ends the session cookie login also set. Not in CONTRACT.md yet: callers ignore failures. */
  logout(): Promise<unknown> {
    return this.#http.post<unknown>('/api/v1/auth/logout', {});
  }

  async restaurants(lang: Locale, signal?: AbortSignal): Promise<Restaurant[]> {
    const body = await this.#http.get<{ restaurants: Restaurant[] }>('/api/v1/restaurants', { query: { lang }, signal });
    return body.restaurants;
  }

  menu(restaurantId: string, lang: Locale, signal?: AbortSignal): Promise<Menu> {
    return this.#http.get<Menu>(`/api/v1/restaurants/${encodeURIComponent(restaurantId)}/menu`, {
      query: { lang },
      signal,
    });
  }

  orders(restaurantId: string, statuses: readonly OrderStatus[], signal?: AbortSignal): Promise<OrderList> {
    return this.#http.get<OrderList>(`/api/v1/restaurants/${encodeURIComponent(restaurantId)}/orders`, {
      query: { status: statuses },
      signal,
    });
  }
}
