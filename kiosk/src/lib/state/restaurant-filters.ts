import type { Restaurant } from '@dinewire/protocol';
import type { RestaurantQuery } from '@dinewire/ui/api';

/** What the guest narrowed the restaurant list to; null is "any". */
export interface RestaurantFilters {
  cuisine: string | null;
  area: string | null;
  priceLevel: number | null;
}

/** The list's address query (`?cuisine=&area=&price=`), as the router reads it. */
export interface FilterQuery {
  cuisine?: string;
  area?: string;
  price?: string;
}

export const NO_FILTERS: RestaurantFilters = { cuisine: null, area: null, priceLevel: null };

/** The filters an address names; a price level outside 1–4 is ignored (a hand-typed address). */
export function filtersOf(query: FilterQuery): RestaurantFilters {
  const level = Number(query.price);
  return {
    cuisine: query.cuisine ?? null,
    area: query.area ?? null,
    priceLevel: Number.isInteger(level) && level >= 1 && level <= 4 ? level : null,
  };
}

export function queryOf(filters: RestaurantFilters): FilterQuery {
  return {
    ...(filters.cuisine ? { cuisine: filters.cuisine } : {}),
    ...(filters.area ? { area: filters.area } : {}),
    ...(filters.priceLevel ? { price: String(filters.priceLevel) } : {}),
  };
}

export function anyFilter(filters: RestaurantFilters): boolean {
  return filters.cuisine !== null || filters.area !== null || filters.priceLevel !== null;
}

/** The same filters as the server's query (`GET /restaurants?cuisine=&area=&priceLevel=`). */
export function apiQueryOf(filters: RestaurantFilters): RestaurantQuery {
  return {
    ...(filters.cuisine ? { cuisine: filters.cuisine } : {}),
    ...(filters.area ? { area: filters.area } : {}),
    ...(filters.priceLevel ? { priceLevel: filters.priceLevel } : {}),
  };
}

/** The choices worth offering: the cuisines, areas and price levels the hotel's restaurants have. */
export function facetsOf(restaurants: readonly Restaurant[]): { cuisines: string[]; areas: string[]; priceLevels: number[] } {
  const distinct = <T>(values: T[]) => [...new Set(values)];
  return {
    cuisines: distinct(restaurants.map((r) => r.cuisine)).sort(),
    areas: distinct(restaurants.map((r) => r.area)).sort(),
    priceLevels: distinct(restaurants.map((r) => r.priceLevel)).sort((a, b) => a - b),
  };
}
