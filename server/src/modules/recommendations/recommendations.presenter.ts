import type { Recommendations } from '@dinewire/protocol';

/** Scores rounded to 4 decimals: an order of preference, not a figure to show. */
export function presentRecommendations(found: { dish_id: string; score: number }[]): Recommendations {
  return { dishes: found.map((r) => ({ dishId: r.dish_id, score: Math.round(Number(r.score) * 10000) / 10000 })) };
}
