import type { LocalizedText } from '@dinewire/protocol';
import type { AppliedPromotion } from '../../models/Order';
import type { MenuDish, PricedItem } from '../orders/pricing';
import { computeTotals, type Totals } from '../orders/totals';
import { applyPromotions, type Channel, type EngineResult, type FreeDish, type PromotionRule } from './engine';

/** A `promotions` row as the placement statement reads it (json_agg: snake_case, dates as text). */
export interface PromotionRow {
  id: string;
  names: LocalizedText;
  code: string | null;
  kind: PromotionRule['kind'];
  value: number;
  min_subtotal_cents: number;
  category_id: string | null;
  free_dish_id: string | null;
  channels: Channel[] | null;
  days_of_week: number[] | null;
  window_start_minute: number | null;
  window_end_minute: number | null;
  starts_at: string | null;
  ends_at: string | null;
  active: boolean;
  priority: number;
  stackable: boolean;
  per_guest_limit: number | null;
  sort: number;
}

export function ruleOf(r: PromotionRow): PromotionRule {
  return {
    id: r.id,
    names: r.names,
    code: r.code,
    kind: r.kind,
    value: r.value,
    minSubtotalCents: r.min_subtotal_cents,
    categoryId: r.category_id,
    freeDishId: r.free_dish_id,
    channels: r.channels,
    daysOfWeek: r.days_of_week,
    windowStartMinute: r.window_start_minute,
    windowEndMinute: r.window_end_minute,
    startsAt: r.starts_at ? new Date(r.starts_at) : null,
    endsAt: r.ends_at ? new Date(r.ends_at) : null,
    active: r.active,
    priority: r.priority,
    stackable: r.stackable,
    perGuestLimit: r.per_guest_limit,
    sort: r.sort,
  };
}

export interface PromotionContext {
  restaurant: { currency: string; service_charge_bps: number; tax_rate_bps: number; time_zone: string };
  rules: PromotionRule[];
  channel: Channel;
  promoCode: string | null | undefined;
  now: Date;
  guest: { key: string | null; uses: Map<string, number> };
  /** Free dishes that turned out short of stock when taken: not given. */
  notGiven?: Set<string>;
}

export interface PricedOrder {
  totals: Totals;
  /** The guest's lines, then the free dishes. */
  items: PricedItem[];
  promotions: AppliedPromotion[];
  engine: EngineResult;
}

/** Whether `portions` more of `dish` can be made beyond what `cart` takes, from the stock as read. */
function canMake(dish: MenuDish, cart: PricedItem[], portions: number): boolean {
  if (!dish.active || dish.sold_out) return false;
  return dish.recipe.every((r) => {
    const taken = cart.reduce((s, i) => s + i.quantity * (i.recipe.find((x) => x.ingredientId === r.ingredient_id)?.quantity ?? 0), 0);
    return Number(r.on_hand) + 1e-9 >= taken + Number(r.quantity) * portions;
  });
}

/** The order's lines and totals with the promotions the engine applies: what it is charged. */
export function priceWithPromotions(priced: PricedItem[], dishes: MenuDish[], c: PromotionContext): PricedOrder {
  const dishById = new Map(dishes.map((d) => [d.id, d]));
  const freeDishes = new Map<string, FreeDish>();
  for (const rule of c.rules) {
    const dish = rule.freeDishId ? dishById.get(rule.freeDishId) : undefined;
    if (!dish || freeDishes.has(dish.id)) continue;
    freeDishes.set(dish.id, {
      dishId: dish.id,
      priceCents: dish.price_cents,
      canMake: (n) => !c.notGiven?.has(dish.id) && canMake(dish, priced, n),
    });
  }
  const engine = applyPromotions({
    lines: priced.map((i) => ({ dishId: i.dishId, categoryId: i.categoryId, lineTotalCents: i.lineTotalCents })),
    rules: c.rules,
    freeDishes,
    now: c.now,
    timeZone: c.restaurant.time_zone,
    channel: c.channel,
    promoCode: c.promoCode,
    guest: c.guest,
  });
  const items = [...priced];
  for (const a of engine.applied) {
    if (!a.free) continue;
    const dish = dishById.get(a.free.dishId)!;
    items.push({
      index: items.length,
      dishId: dish.id,
      names: dish.names,
      quantity: a.free.quantity,
      modifiers: [],
      note: null,
      unitPriceCents: a.free.unitPriceCents,
      lineTotalCents: a.amountCents,
      stationId: dish.station_id,
      categoryId: dish.category_id,
      recipe: dish.recipe.map((r) => ({ ingredientId: r.ingredient_id, quantity: Number(r.quantity) })),
      freeBy: a.rule.id,
    });
  }
  const totals = computeTotals({
    subtotalCents: engine.subtotalCents,
    discountCents: engine.discountCents,
    serviceChargeBps: c.restaurant.service_charge_bps,
    taxRateBps: c.restaurant.tax_rate_bps,
  });
  return {
    totals,
    items,
    promotions: engine.applied.map((a) => ({ id: a.rule.id, names: a.rule.names, amountCents: a.amountCents })),
    engine,
  };
}
