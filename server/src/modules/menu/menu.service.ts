import type { Dish, Locale, LocalizedText, Menu, ModifierGroup, OpeningHours, Restaurant } from '@dinewire/protocol';
import type { Sequelize } from 'sequelize';
import type { Ctx } from '../../context';
import { one, rows } from '../../db/sql';
import { notFound } from '../../errors';
import { can } from '../../policies';
import { latestSeq } from '../events/eventLog';

interface RestaurantRow {
  id: string;
  slug: string;
  names: LocalizedText;
  descriptions: LocalizedText;
  cuisine: string;
  area: string;
  price_level: number;
  time_zone: string;
  currency: string;
  tax_rate_bps: number;
  service_charge_bps: number;
  opening_hours: OpeningHours[];
  image_url: string | null;
  stations: { id: string; names: LocalizedText }[];
}

const RESTAURANT_SELECT = `SELECT r.*, coalesce((SELECT json_agg(json_build_object('id', s.id, 'names', s.names) ORDER BY s.sort)
  FROM stations s WHERE s.restaurant_id = r.id), '[]') AS stations FROM restaurants r`;

export function presentRestaurant(r: RestaurantRow, lang: Locale): Restaurant {
  return {
    id: r.id,
    slug: r.slug,
    name: r.names[lang],
    description: r.descriptions[lang],
    names: r.names,
    cuisine: r.cuisine,
    area: r.area,
    priceLevel: r.price_level,
    timeZone: r.time_zone,
    currency: r.currency.trim(),
    taxRateBps: r.tax_rate_bps,
    serviceChargeBps: r.service_charge_bps,
    openingHours: r.opening_hours,
    imageUrl: r.image_url,
    stations: r.stations.map((s) => ({ id: s.id, name: s.names[lang] })),
  };
}

export async function listRestaurants(
  sequelize: Sequelize,
  q: { cuisine?: string; area?: string; priceLevel?: number; q?: string; lang: Locale },
): Promise<{ restaurants: Restaurant[] }> {
  const list = await rows<RestaurantRow>(
    sequelize,
    `${RESTAURANT_SELECT}
      WHERE ($1::text IS NULL OR lower(r.cuisine) = lower($1))
        AND ($2::text IS NULL OR lower(r.area) = lower($2))
        AND ($3::int IS NULL OR r.price_level = $3)
        AND ($4::text IS NULL OR r.names::text ILIKE '%' || $4 || '%' OR r.descriptions::text ILIKE '%' || $4 || '%'
             OR r.cuisine ILIKE '%' || $4 || '%')
      ORDER BY r.sort, r.slug`,
    [q.cuisine ?? null, q.area ?? null, q.priceLevel ?? null, q.q ? escapeLike(q.q) : null],
  );
  return { restaurants: list.map((r) => presentRestaurant(r, q.lang)) };
}

export async function getRestaurant(sequelize: Sequelize, id: string, lang: Locale): Promise<Restaurant> {
  const r = await one<RestaurantRow>(sequelize, `${RESTAURANT_SELECT} WHERE r.id = $1`, [id]);
  if (!r) throw notFound('Restaurant');
  return presentRestaurant(r, lang);
}

interface DishRow {
  id: string;
  restaurant_id: string;
  category_id: string;
  station_id: string | null;
  names: LocalizedText;
  descriptions: LocalizedText;
  price_cents: number;
  image_url: string | null;
  tags: string[];
  allergens: string[];
  spice_level: number;
  active: boolean;
  currency: string;
  remaining: number | null;
  modifiers: {
    id: string;
    names: LocalizedText;
    min: number;
    max: number;
    options: { id: string; names: LocalizedText; delta: number }[] | null;
  }[];
  recipe: { ingredientId: string; quantity: number }[] | null;
}

/** Dishes with their options, and portions left: the least any recipe ingredient still makes. */
const DISH_SELECT = `SELECT d.*, r.currency,
  (SELECT floor(min(i.quantity / rl.quantity))::int FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id
    WHERE rl.dish_id = d.id) AS remaining,
  coalesce((SELECT json_agg(json_build_object('id', g.id, 'names', g.names, 'min', g.min_choices, 'max', g.max_choices,
      'options', (SELECT json_agg(json_build_object('id', o.id, 'names', o.names, 'delta', o.price_delta_cents) ORDER BY o.sort)
                    FROM modifier_options o WHERE o.group_id = g.id)) ORDER BY g.sort)
    FROM modifier_groups g WHERE g.dish_id = d.id), '[]') AS modifiers,
  (SELECT json_agg(json_build_object('ingredientId', rl.ingredient_id, 'quantity', rl.quantity))
    FROM recipe_lines rl WHERE rl.dish_id = d.id) AS recipe
  FROM dishes d JOIN restaurants r ON r.id = d.restaurant_id`;

function presentDish(d: DishRow, lang: Locale, staff: boolean): Dish {
  const modifiers: ModifierGroup[] = d.modifiers.map((g) => ({
    id: g.id,
    name: g.names[lang],
    required: g.min > 0,
    minChoices: g.min,
    maxChoices: g.max,
    options: (g.options ?? []).map((o) => ({ id: o.id, name: o.names[lang], priceDeltaCents: o.delta })),
  }));
  const dish: Dish = {
    id: d.id,
    restaurantId: d.restaurant_id,
    categoryId: d.category_id,
    name: d.names[lang],
    description: d.descriptions[lang],
    priceCents: d.price_cents,
    currency: d.currency.trim(),
    imageUrl: d.image_url,
    tags: d.tags,
    allergens: d.allergens,
    spiceLevel: d.spice_level,
    modifiers,
    available: d.active && (d.remaining === null || d.remaining > 0),
    remaining: d.remaining,
  };
  if (staff) {
    dish.stationId = d.station_id;
    dish.recipe = (d.recipe ?? []).map((r) => ({ ingredientId: r.ingredientId, quantity: Number(r.quantity) }));
  }
  return dish;
}

export async function getMenu(ctx: Ctx, restaurantId: string, lang: Locale): Promise<Menu> {
  const restaurant = await getRestaurant(ctx.sequelize, restaurantId, lang);
  // Read first: every change up to it is visible to the reads below.
  const seq = (await latestSeq(ctx.sequelize, restaurantId)) ?? 0;
  const [categories, dishes] = await Promise.all([
    rows<{ id: string; names: LocalizedText }>(ctx.sequelize, 'SELECT id, names FROM categories WHERE restaurant_id = $1 ORDER BY sort', [
      restaurantId,
    ]),
    rows<DishRow>(ctx.sequelize, `${DISH_SELECT} WHERE d.restaurant_id = $1 AND d.active ORDER BY d.sort`, [restaurantId]),
  ]);
  const staff = can(ctx.actor, 'dish.kitchenFields', { restaurantId });
  return {
    restaurant,
    latestSeq: seq,
    categories: categories.map((c) => ({
      id: c.id,
      name: c.names[lang],
      dishes: dishes.filter((d) => d.category_id === c.id).map((d) => presentDish(d, lang, staff)),
    })),
  };
}

export async function searchDishes(
  ctx: Ctx,
  q: {
    q?: string;
    restaurantId?: string;
    cuisine?: string;
    maxPriceCents?: number;
    tags?: string[];
    excludeAllergens?: string[];
    lang: Locale;
  },
): Promise<{ dishes: Dish[] }> {
  const list = await rows<DishRow>(
    ctx.sequelize,
    `${DISH_SELECT}
      WHERE d.active
        AND ($1::text IS NULL OR d.names::text ILIKE '%' || $1 || '%' OR d.descriptions::text ILIKE '%' || $1 || '%'
             OR array_to_string(d.tags, ' ') ILIKE '%' || $1 || '%')
        AND ($2::uuid IS NULL OR d.restaurant_id = $2)
        AND ($3::text IS NULL OR lower(r.cuisine) = lower($3))
        AND ($4::int IS NULL OR d.price_cents <= $4)
        AND ($5::text[] IS NULL OR d.tags @> $5::text[])
        AND ($6::text[] IS NULL OR NOT d.allergens && $6::text[])
      ORDER BY r.sort, d.sort LIMIT 200`,
    [
      q.q ? escapeLike(q.q) : null,
      q.restaurantId ?? null,
      q.cuisine ?? null,
      q.maxPriceCents ?? null,
      q.tags?.length ? q.tags : null,
      q.excludeAllergens?.length ? q.excludeAllergens : null,
    ],
  );
  return { dishes: list.map((d) => presentDish(d, q.lang, can(ctx.actor, 'dish.kitchenFields', { restaurantId: d.restaurant_id }))) };
}

export async function getDish(ctx: Ctx, id: string, lang: Locale): Promise<{ dish: Dish }> {
  const d = await one<DishRow>(ctx.sequelize, `${DISH_SELECT} WHERE d.id = $1`, [id]);
  if (!d) throw notFound('Dish');
  return { dish: presentDish(d, lang, can(ctx.actor, 'dish.kitchenFields', { restaurantId: d.restaurant_id })) };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
