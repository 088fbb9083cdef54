import type { Locale, Order, OrderCreate, OrderPreview, Recommendations, Restaurant, RestaurantRef } from '@dinewire/protocol';
import { DinewireApi } from '@dinewire/ui/api';
import type { PreviewBody } from './cart-totals.svelte';
import type { PlacedOrder } from './submit';

export interface MyOrders {
  orders: Order[];
  restaurants: RestaurantRef[];
}

/** The guest's own calls, on the shared API client. */
export class KioskApi extends DinewireApi {
  placeOrder(body: OrderCreate, idempotencyKey: string, signal?: AbortSignal): Promise<PlacedOrder> {
    return this.http.post<PlacedOrder>('/api/v1/orders', body, { headers: { 'idempotency-key': idempotencyKey }, signal });
  }

  /** What this cart would be charged now (nothing is written). */
  previewOrder(body: PreviewBody, lang: Locale, signal?: AbortSignal): Promise<OrderPreview> {
    return this.http.post<OrderPreview>('/api/v1/orders/preview', body, { query: { lang }, signal });
  }

  /** A restaurant with its tables (what a table's QR code is checked against). */
  async restaurant(restaurantId: string, lang: Locale, signal?: AbortSignal): Promise<Restaurant> {
    const body = await this.http.get<{ restaurant: Restaurant }>(`/api/v1/restaurants/${encodeURIComponent(restaurantId)}`, {
      query: { lang },
      signal,
    });
    return body.restaurant;
  }

  /** An order as its guest sees it: by the token it came with, or (null) as the signed-in guest who placed it. */
  async order(orderId: string, token: string | null, signal?: AbortSignal): Promise<Order> {
    const body = await this.http.get<{ order: Order }>(`/api/v1/orders/${encodeURIComponent(orderId)}`, { query: { token }, signal });
    return body.order;
  }

  /** The signed-in guest's orders, newest first, and the restaurants they were placed in. */
  myOrders(signal?: AbortSignal): Promise<MyOrders> {
    return this.http.get<MyOrders>('/api/v1/me/orders', { signal });
  }

  /** "Goes well with" these dishes, best first (from what guests ordered together). */
  recommendations(restaurantId: string, dishIds: readonly string[], limit: number, signal?: AbortSignal): Promise<Recommendations> {
    return this.http.get<Recommendations>(`/api/v1/restaurants/${encodeURIComponent(restaurantId)}/recommendations`, {
      query: { dishIds: dishIds.join(','), limit },
      signal,
    });
  }
}
