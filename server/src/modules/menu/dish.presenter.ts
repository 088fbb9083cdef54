import type { Dish as DishView, Locale } from '@dinewire/protocol';
import type { DishDetails } from './dishDetails';

/** Quantities are numeric(14,3): compared in thousandths, so the division is exact, as it is in SQL. */
const thousandths = (n: number) => Math.round(n * 1000);

/**
 * Portions the stock still makes: the least any recipe ingredient makes (floor of its stock
 * over a portion's need); null when the dish has no recipe, i.e. its stock is not tracked.
 */
export function portionsLeft(recipe: { line: { quantity: number }; stock: number }[]): number | null {
  if (recipe.length === 0) return null;
  return Math.min(...recipe.map(({ line, stock }) => Math.floor(thousandths(stock) / thousandths(line.quantity))));
}

/** A dish as the API shows it, in one language; `staff` adds the kitchen's fields (station, recipe). */
export function presentDish({ dish: d, currency, modifiers, recipe }: DishDetails, lang: Locale, staff: boolean): DishView {
  const remaining = portionsLeft(recipe);
  const dish: DishView = {
    id: d.id,
    restaurantId: d.restaurantId,
    categoryId: d.categoryId,
    name: d.names[lang],
    description: d.descriptions[lang],
    priceCents: d.priceCents,
    currency: currency.trim(),
    imageUrl: d.imageUrl,
    tags: d.tags,
    allergens: d.allergens,
    spiceLevel: d.spiceLevel,
    modifiers: modifiers.map(({ group: g, options }) => ({
      id: g.id,
      name: g.names[lang],
      required: g.minChoices > 0,
      minChoices: g.minChoices,
      maxChoices: g.maxChoices,
      options: options.map((o) => ({ id: o.id, name: o.names[lang], priceDeltaCents: o.priceDeltaCents })),
    })),
    available: d.active && !d.soldOutAt && (remaining === null || remaining > 0),
    remaining,
    soldOutByHand: d.soldOutAt !== null && d.soldOutAt !== undefined,
  };
  if (staff) {
    dish.stationId = d.stationId;
    dish.recipe = recipe.map(({ line }) => ({ ingredientId: line.ingredientId, quantity: line.quantity }));
  }
  return dish;
}
