import type { ItemStatus, Locale, Menu, Order, Restaurant, TicketAges, TicketAgesUpdate } from '@dinewire/protocol';
import type { HttpClient, OrderList } from '@dinewire/ui/api';

const id = (value: string) => encodeURIComponent(value);

/** The kitchen screen's calls (CONTRACT's kitchen routes), on the app's HttpClient and its token. */
export class KitchenApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The restaurant with its tables and, for staff and its screens, its ticket age thresholds. */
  async restaurant(restaurantId: string, lang: Locale, signal?: AbortSignal): Promise<Restaurant> {
    return (await this.#http.get<{ restaurant: Restaurant }>(`/api/v1/restaurants/${id(restaurantId)}`, { query: { lang }, signal }))
      .restaurant;
  }

  /** A manager sets when tickets turn amber and red (either or both); the new pair. */
  async setTicketAges(restaurantId: string, body: TicketAgesUpdate): Promise<TicketAges> {
    const { restaurant } = await this.#http.request<{ restaurant: Restaurant }>(
      'PATCH',
      `/api/v1/restaurants/${id(restaurantId)}/ticket-ages`,
      {
        body,
      },
    );
    if (!restaurant.ticketAges) throw new Error('The answer has no ticket ages.');
    return restaurant.ticketAges;
  }

  /** Dishes' allergens (and localised names) by id. */
  menu(restaurantId: string, lang: Locale, signal?: AbortSignal): Promise<Menu> {
    return this.#http.get<Menu>(`/api/v1/restaurants/${id(restaurantId)}/menu`, { query: { lang }, signal });
  }

  /** The open orders, and the seq they are current to. */
  openOrders(restaurantId: string, signal?: AbortSignal): Promise<OrderList> {
    return this.#http.get<OrderList>(`/api/v1/restaurants/${id(restaurantId)}/orders`, {
      query: { status: 'placed,preparing,ready' },
      signal,
    });
  }

  /** What the station (null: every station) moved to ready or served in the last `minutes`. */
  recent(restaurantId: string, stationId: string | null, minutes: number, signal?: AbortSignal): Promise<OrderList> {
    return this.#http.get<OrderList>(`/api/v1/restaurants/${id(restaurantId)}/kitchen/recent`, {
      query: { stationId, minutes },
      signal,
    });
  }

  async moveItem(itemId: string, direction: 'bump' | 'recall', from: ItemStatus): Promise<Order> {
    return (await this.#http.post<{ order: Order }>(`/api/v1/kitchen/items/${id(itemId)}/${direction}`, { from })).order;
  }

  async moveTicket(
    orderId: string,
    direction: 'bump' | 'recall',
    body: { stationId?: string; seen: Record<string, ItemStatus> },
  ): Promise<Order> {
    return (await this.#http.post<{ order: Order }>(`/api/v1/kitchen/orders/${id(orderId)}/${direction}`, body)).order;
  }

  async rush(orderId: string, rushed: boolean): Promise<Order> {
    return (await this.#http.post<{ order: Order }>(`/api/v1/orders/${id(orderId)}/rush`, { rushed })).order;
  }
}
