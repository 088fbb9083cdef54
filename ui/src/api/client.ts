import type { Locale, Menu, MenuQuerySchema, Order, OrderListQuerySchema, Restaurant, RestaurantQuerySchema } from '@dinewire/protocol';
import type { z } from 'zod';
import { HttpClient } from './http';

/** Query strings as the server's own schemas read them (before their transforms). */
export type RestaurantQuery = z.input<typeof RestaurantQuerySchema>;
export type MenuQuery = z.input<typeof MenuQuerySchema>;
export type OrderListQuery = z.input<typeof OrderListQuerySchema>;

export interface RestaurantList {
  restaurants: Restaurant[];
}

export interface OrderList {
  orders: Order[];
  /** The restaurant's seq this list is current to: the cursor to subscribe from. */
  latestSeq: number;
}

const restaurantPath = (restaurantId: string) => `/api/v1/restaurants/${encodeURIComponent(restaurantId)}`;

/**
 * The JSON API as both apps read it, typed by the protocol's schemas and types. Apps add
 * their own calls by extending it (the staff app's sign-in), on the same HttpClient.
 */
export class DinewireApi {
  protected readonly http: HttpClient;

  constructor(http: HttpClient = new HttpClient()) {
    this.http = http;
  }

  async restaurants(query: RestaurantQuery & { lang: Locale }, signal?: AbortSignal): Promise<Restaurant[]> {
    const body = await this.http.get<RestaurantList>('/api/v1/restaurants', { query, signal });
    return body.restaurants;
  }

  menu(restaurantId: string, query: MenuQuery & { lang: Locale }, signal?: AbortSignal): Promise<Menu> {
    return this.http.get<Menu>(`${restaurantPath(restaurantId)}/menu`, { query, signal });
  }

  orders(restaurantId: string, query: OrderListQuery, signal?: AbortSignal): Promise<OrderList> {
    return this.http.get<OrderList>(`${restaurantPath(restaurantId)}/orders`, { query, signal });
  }
}
