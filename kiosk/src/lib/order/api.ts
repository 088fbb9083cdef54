import type {
  AvailabilityResponse,
  CancellationQuote,
  Profile,
  Refund,
  Reservation,
  ReservationChange,
  ReservationCreate,
  WaitlistAccept,
  WaitlistAcceptResponse,
  WaitlistEntry,
  WaitlistJoin,
  WaitlistJoinResponse,
} from '@dinewire/protocol';
import type { Locale, Order, OrderCreate, OrderPreview, Recommendations, Restaurant, RestaurantRef } from '@dinewire/protocol';
import { DinewireApi } from '@dinewire/ui/api';
import type { PreviewBody } from './cart-totals.svelte';
import type { PlacedOrder } from './submit';

export interface BookedTable {
  reservation: Reservation;
  token: string;
}

const reservationPath = (id: string) => `/api/v1/reservations/${encodeURIComponent(id)}`;
const waitlistPath = (id: string) => `/api/v1/waitlist/${encodeURIComponent(id)}`;

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

  /** The free slots of a local day for a party. */
  availability(restaurantId: string, date: string, partySize: number, signal?: AbortSignal): Promise<AvailabilityResponse> {
    return this.http.get<AvailabilityResponse>(`/api/v1/restaurants/${encodeURIComponent(restaurantId)}/availability`, {
      query: { date, partySize },
      signal,
    });
  }

  book(body: ReservationCreate, idempotencyKey: string, signal?: AbortSignal): Promise<BookedTable> {
    return this.http.post<BookedTable>('/api/v1/reservations', body, { headers: { 'idempotency-key': idempotencyKey }, signal });
  }

  /** A booking by its token, or (null) as the signed-in guest who made it. */
  async reservation(id: string, token: string | null, signal?: AbortSignal): Promise<Reservation> {
    return (await this.http.get<{ reservation: Reservation }>(reservationPath(id), { query: { token }, signal })).reservation;
  }

  async changeReservation(id: string, body: ReservationChange, signal?: AbortSignal): Promise<Reservation> {
    return (await this.http.request<{ reservation: Reservation }>('PATCH', reservationPath(id), { body, signal })).reservation;
  }

  cancellationQuote(id: string, token: string | null, signal?: AbortSignal): Promise<CancellationQuote> {
    return this.http.get<CancellationQuote>(`${reservationPath(id)}/cancellation`, { query: { token }, signal });
  }

  cancelReservation(id: string, token: string | null, version?: number): Promise<{ reservation: Reservation; refund: Refund }> {
    const body = { ...(token ? { token } : {}), ...(version ? { version } : {}) };
    return this.http.post<{ reservation: Reservation; refund: Refund }>(`${reservationPath(id)}/cancel`, body);
  }

  joinWaitlist(restaurantId: string, body: WaitlistJoin): Promise<WaitlistJoinResponse> {
    return this.http.post<WaitlistJoinResponse>(`/api/v1/restaurants/${encodeURIComponent(restaurantId)}/waitlist`, body);
  }

  async waitlistEntry(id: string, token: string | null, signal?: AbortSignal): Promise<WaitlistEntry> {
    return (await this.http.get<{ entry: WaitlistEntry }>(waitlistPath(id), { query: { token }, signal })).entry;
  }

  /** Books the offered table; `payment` pays the deposit the restaurant's rules ask, as at booking. */
  acceptOffer(id: string, token: string | null, payment: Omit<WaitlistAccept, 'token'> = {}): Promise<WaitlistAcceptResponse> {
    return this.http.post<WaitlistAcceptResponse>(`${waitlistPath(id)}/accept`, token ? { token, ...payment } : payment);
  }

  /** The signed-in guest's profile (a booking form starts from their name, email and phone). */
  async profile(signal?: AbortSignal): Promise<Profile> {
    return (await this.http.get<{ user: Profile }>('/api/v1/me', { signal })).user;
  }
}
