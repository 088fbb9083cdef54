import type { Order, OrderCreate } from '@dinewire/protocol';
import { DinewireApi } from '@dinewire/ui/api';
import type { PlacedOrder } from './submit';

/** The guest's own calls, on the shared API client. */
export class KioskApi extends DinewireApi {
  placeOrder(body: OrderCreate, idempotencyKey: string, signal?: AbortSignal): Promise<PlacedOrder> {
    return this.http.post<PlacedOrder>('/api/v1/orders', body, { headers: { 'idempotency-key': idempotencyKey }, signal });
  }

  /** An order as its guest sees it, by the token it came with. */
  async order(orderId: string, token: string, signal?: AbortSignal): Promise<Order> {
    const body = await this.http.get<{ order: Order }>(`/api/v1/orders/${encodeURIComponent(orderId)}`, { query: { token }, signal });
    return body.order;
  }
}
