import { untrack } from 'svelte';
import type { Locale, Restaurant } from '@dinewire/protocol';
import { Resource } from '@dinewire/ui/state';

export type RestaurantReader = (restaurantId: string, lang: Locale, signal?: AbortSignal) => Promise<Restaurant>;

/**
 * The table a QR code's address names (`?table=`), looked up in its restaurant's tables: the
 * guest sees which table they order for, and an order names it only once it is one of this
 * restaurant's (the server would refuse another's with 400 `tableId`, and the guest could not order).
 */
export class TableLookup {
  readonly #read: RestaurantReader;
  readonly #restaurant = new Resource<Restaurant>();
  #requested = $state.raw<{ restaurantId: string; tableId: string } | null>(null);

  constructor(read: RestaurantReader) {
    this.#read = read;
  }

  /** The address's table for this restaurant; nothing to look up without both. */
  request(restaurantId: string | null, tableId: string | null, lang: Locale): void {
    if (!restaurantId || !tableId) {
      untrack(() => {
        this.#requested = null;
        this.#restaurant.reset();
      });
      return;
    }
    // Called from an effect: what it reads here must not make it run again (a load would abort the last).
    untrack(() => {
      const same = this.#requested?.restaurantId === restaurantId && this.#requested.tableId === tableId;
      if (same && (this.#restaurant.value || this.#restaurant.loading)) return;
      this.#requested = { restaurantId, tableId };
      void this.#restaurant.load((signal) => this.#read(restaurantId, lang, signal));
    });
  }

  /** The table, once found among the restaurant's. */
  get table(): { id: string; label: string } | null {
    const id = this.#requested?.tableId;
    const found = id ? this.#restaurant.value?.tables?.find((t) => t.id === id) : undefined;
    return found ? { id: found.id, label: found.label } : null;
  }

  /** The address names a table this restaurant does not have. */
  get unknown(): boolean {
    return this.#requested !== null && this.#restaurant.value !== null && this.table === null;
  }

  dispose(): void {
    this.#restaurant.abort();
  }
}
