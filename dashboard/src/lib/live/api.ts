import type {
  AdjustmentReasons,
  ClusterHealth,
  Dish,
  Ingredient,
  InventoryLevel,
  LiveFigures,
  Locale,
  MenuAvailability,
  StockMovementView,
} from '@dinewire/protocol';
import type { HttpClient } from '@dinewire/ui/api';

export type AdjustmentReason = (typeof AdjustmentReasons)[number];

/** The manager's calls of the live and inventory screens. */
export class ManagerApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  live(restaurantId: string, lang: Locale, signal?: AbortSignal): Promise<LiveFigures> {
    return this.#http.get<LiveFigures>(`/api/v1/restaurants/${restaurantId}/live`, { query: { lang }, signal });
  }

  cluster(signal?: AbortSignal): Promise<ClusterHealth> {
    return this.#http.get<ClusterHealth>('/api/v1/cluster/health', { signal });
  }

  async inventory(restaurantId: string, signal?: AbortSignal): Promise<Ingredient[]> {
    return (await this.#http.get<{ ingredients: Ingredient[] }>(`/api/v1/restaurants/${restaurantId}/inventory`, { signal })).ingredients;
  }

  movements(
    restaurantId: string,
    query: { ingredientId?: string; before?: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<{ movements: StockMovementView[]; nextBefore: number | null }> {
    return this.#http.get(`/api/v1/restaurants/${restaurantId}/inventory/movements`, { query, signal });
  }

  /** A delta (receive, waste, correction) or, for a count, the quantity counted. */
  async adjust(
    ingredientId: string,
    body: { reason: AdjustmentReason; delta?: number; quantity?: number; note?: string },
  ): Promise<InventoryLevel> {
    return (await this.#http.post<{ ingredient: InventoryLevel }>(`/api/v1/inventory/${ingredientId}/adjustments`, body)).ingredient;
  }

  async setAvailability(dishId: string, available: boolean): Promise<MenuAvailability> {
    return (await this.#http.post<{ dish: MenuAvailability }>(`/api/v1/dishes/${dishId}/availability`, { available })).dish;
  }
}

/** Sold out, and why: by hand ("86") or by its stock; null while on sale. */
export function soldOutReason(d: Pick<Dish, 'available' | 'soldOutByHand'>): 'hand' | 'stock' | null {
  if (d.soldOutByHand) return 'hand';
  return d.available ? null : 'stock';
}
