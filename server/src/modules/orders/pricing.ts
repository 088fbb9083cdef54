import type { ErrorDetail, LocalizedText, OrderCreate } from '@dinewire/protocol';
import { validation } from '../../errors';

/** A dish as placement reads it: price, station, option groups (one row per option) and recipe. */
export interface MenuDish {
  id: string;
  restaurant_id: string;
  names: LocalizedText;
  price_cents: number;
  station_id: string | null;
  category_id: string;
  active: boolean;
  /** Taken off by hand ("86"): refused as out of stock, whatever the stock. */
  sold_out: boolean;
  modifiers: {
    group_id: string;
    min_choices: number;
    max_choices: number;
    group_names: LocalizedText;
    option_id: string | null;
    option_names: LocalizedText | null;
    price_delta_cents: number | null;
  }[];
  /** Per portion; `on_hand`: the ingredient's stock as read (not locked). */
  recipe: { ingredient_id: string; quantity: number; on_hand: number }[];
}

export interface PricedItem {
  index: number;
  dishId: string;
  names: LocalizedText;
  quantity: number;
  modifiers: { id: string; names: LocalizedText; priceDeltaCents: number }[];
  note: string | null;
  unitPriceCents: number;
  lineTotalCents: number;
  stationId: string | null;
  categoryId: string;
  recipe: { ingredientId: string; quantity: number }[];
  /** A promotion's free dish (at its price, the same amount off), not a line the guest ordered. */
  freeBy?: string;
}

/** Prices the items from the menu as it is now; every problem names its item's field. */
export function priceItems(body: Pick<OrderCreate, 'restaurantId' | 'items'>, dishes: MenuDish[]): PricedItem[] {
  const dishById = new Map(dishes.map((d) => [d.id, d]));
  const details: ErrorDetail[] = [];
  const priced: PricedItem[] = [];
  body.items.forEach((item, index) => {
    const dish = dishById.get(item.dishId);
    if (!dish || dish.restaurant_id !== body.restaurantId) {
      details.push({ field: `items.${index}.dishId`, message: 'no such dish in this restaurant' });
      return;
    }
    if (!dish.active) {
      details.push({ field: `items.${index}.dishId`, message: 'this dish is not on the menu now' });
      return;
    }
    const groups = new Map<string, { min: number; max: number; names: LocalizedText; chosen: number }>();
    const options = new Map<string, { groupId: string; names: LocalizedText; delta: number }>();
    for (const m of dish.modifiers) {
      groups.set(m.group_id, { min: m.min_choices, max: m.max_choices, names: m.group_names, chosen: 0 });
      if (m.option_id) options.set(m.option_id, { groupId: m.group_id, names: m.option_names!, delta: m.price_delta_cents! });
    }
    const chosen: PricedItem['modifiers'] = [];
    const ids = item.modifierIds ?? [];
    if (new Set(ids).size !== ids.length) details.push({ field: `items.${index}.modifierIds`, message: 'an option is chosen twice' });
    ids.forEach((id, j) => {
      const opt = options.get(id);
      if (!opt) {
        details.push({ field: `items.${index}.modifierIds.${j}`, message: 'not an option of this dish' });
        return;
      }
      groups.get(opt.groupId)!.chosen++;
      chosen.push({ id, names: opt.names, priceDeltaCents: opt.delta });
    });
    for (const g of groups.values()) {
      if (g.chosen < g.min || g.chosen > g.max) {
        details.push({
          field: `items.${index}.modifierIds`,
          message: `choose ${g.min === g.max ? g.min : `${g.min} to ${g.max}`} of "${g.names.en}"`,
        });
      }
    }
    const unit = dish.price_cents + chosen.reduce((s, m) => s + m.priceDeltaCents, 0);
    if (unit < 0) details.push({ field: `items.${index}.modifierIds`, message: 'options make the price negative' });
    priced.push({
      index,
      dishId: dish.id,
      names: dish.names,
      quantity: item.quantity,
      modifiers: chosen,
      note: item.note ?? null,
      unitPriceCents: unit,
      lineTotalCents: unit * item.quantity,
      stationId: dish.station_id,
      categoryId: dish.category_id,
      recipe: dish.recipe.map((r) => ({ ingredientId: r.ingredient_id, quantity: Number(r.quantity) })),
    });
  });
  if (details.length)
    throw validation(details, `Some items cannot be ordered: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`);
  return priced;
}

/** The stock the items take, per ingredient. */
export function stockNeeds(priced: PricedItem[]): Map<string, number> {
  const needs = new Map<string, number>();
  for (const item of priced) {
    for (const r of item.recipe) needs.set(r.ingredientId, (needs.get(r.ingredientId) ?? 0) + r.quantity * item.quantity);
  }
  return needs;
}

/** The ordered dishes the staff took off by hand ("86"), one detail per line, as a shortage is. */
export function soldOutDetails(priced: PricedItem[], dishes: MenuDish[]): ErrorDetail[] {
  const soldOut = new Set(dishes.filter((d) => d.sold_out).map((d) => d.id));
  return priced
    .filter((item) => soldOut.has(item.dishId))
    .map((item) => ({ field: `items.${item.index}.dishId`, dishId: item.dishId, name: item.names.en, remaining: 0, message: 'sold out' }));
}

/** The out-of-stock answer: per item short of an ingredient, how many portions are left. */
export function shortageDetails(priced: PricedItem[], shortages: { ingredientId: string; available: number }[]): ErrorDetail[] {
  const short = new Map(shortages.map((s) => [s.ingredientId, s.available]));
  const out: ErrorDetail[] = [];
  for (const item of priced) {
    const limits = item.recipe
      .filter((r) => short.has(r.ingredientId))
      .map((r) => Math.floor(short.get(r.ingredientId)! / r.quantity + 1e-9));
    if (!limits.length) continue;
    const remaining = Math.min(...limits);
    out.push({
      field: `items.${item.index}.quantity`,
      dishId: item.dishId,
      name: item.names.en,
      remaining,
      message: remaining > 0 ? `only ${remaining} left` : 'sold out',
    });
  }
  return out;
}
