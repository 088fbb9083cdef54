import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { exec, one } from '../db/sql';
import { DEMO_RESTAURANTS, dishSlug, type DemoRestaurant, type Localized } from '../seed/demoData';

/**
 * A whole demo restaurant (three languages, categories, pictures, modifiers, stock and recipes)
 * for browser tests, under a name of its own: the test database is shared by parallel test
 * files and is not seeded, and `GET /restaurants` lists every restaurant in it.
 */

export interface ShowcaseDish {
  id: string;
  names: Localized;
  categoryId: string;
  /** One option of each required modifier group: enough to order the dish. */
  requiredOptionIds: string[];
}

export interface ShowcaseIngredient {
  id: string;
  names: Localized;
  unit: string;
  quantity: number;
  lowThreshold: number;
}

export interface ShowcaseRestaurant {
  id: string;
  slug: string;
  /** The demo restaurant's names with this copy's tag appended, e.g. `Jade Harbour 3fa9`. */
  names: Localized;
  tableId: string;
  categories: { id: string; names: Localized }[];
  /** By English name, e.g. `dishes.get('Roast Goose')`. */
  dishes: Map<string, ShowcaseDish>;
  /** By the demo data's ingredient key, e.g. `ingredients.get('mango')`. */
  ingredients: Map<string, ShowcaseIngredient>;
  /** The dish whose stock makes only `lowPortions` portions. */
  lowDish: ShowcaseDish & { ingredientId: string; portions: number };
}

export interface ShowcaseOptions {
  /** Which demo restaurant to copy (its slug); the first one by default. */
  from?: string;
  /** English name of the dish to make scarce; by default the first one with a one-ingredient recipe. */
  lowDish?: string;
  /** How many portions the scarce dish's stock makes. */
  lowPortions?: number;
}

const json = (v: unknown) => JSON.stringify(v);

function tagged(names: Localized, tag: string): Localized {
  return { en: `${names.en} ${tag}`, 'zh-Hant': `${names['zh-Hant']} ${tag}`, 'zh-Hans': `${names['zh-Hans']} ${tag}` };
}

export async function makeShowcaseRestaurant(sequelize: Sequelize, opts: ShowcaseOptions = {}): Promise<ShowcaseRestaurant> {
  const source: DemoRestaurant | undefined = opts.from ? DEMO_RESTAURANTS.find((r) => r.slug === opts.from) : DEMO_RESTAURANTS[0];
  if (!source) throw new Error(`no demo restaurant ${opts.from}`);
  const low = opts.lowDish
    ? source.dishes.find((d) => d.names.en === opts.lowDish)
    : source.dishes.find((d) => d.recipe.length === 1);
  if (!low || low.recipe.length !== 1) throw new Error(`no dish with a one-ingredient recipe to make scarce in ${source.slug}`);
  const lowPortions = opts.lowPortions ?? 3;

  const tag = crypto.randomBytes(2).toString('hex');
  const slug = `${source.slug}-${crypto.randomBytes(4).toString('hex')}`;
  const names = tagged(source.names, tag);

  const r = await one<{ id: string }>(
    sequelize,
    `INSERT INTO restaurants (slug, names, descriptions, cuisine, area, price_level, time_zone, currency, tax_rate_bps,
       service_charge_bps, opening_hours, image_url, cancellation_policy, sort)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      slug,
      json(names),
      json(source.descriptions),
      source.cuisine,
      source.area,
      source.priceLevel,
      source.timeZone,
      source.currency,
      source.taxRateBps,
      source.serviceChargeBps,
      json(source.openingHours),
      // The demo's own illustration: pictures are drawn by slug.
      `/media/restaurants/${source.slug}.svg`,
      json(source.cancellationPolicy),
      500 + source.sort,
    ],
  );
  const restaurantId = r!.id;

  const stationIds = new Map<string, string>();
  for (const [sort, s] of source.stations.entries()) {
    const row = await one<{ id: string }>(
      sequelize,
      'INSERT INTO stations (restaurant_id, names, sort) VALUES ($1, $2, $3) RETURNING id',
      [restaurantId, json(s.names), sort],
    );
    stationIds.set(s.key, row!.id);
  }

  let tableId = '';
  for (const t of source.tables) {
    const row = await one<{ id: string }>(
      sequelize,
      'INSERT INTO dining_tables (restaurant_id, label, seats) VALUES ($1, $2, $3) RETURNING id',
      [restaurantId, t.label, t.seats],
    );
    tableId ||= row!.id;
  }

  const categories: ShowcaseRestaurant['categories'] = [];
  const categoryIds = new Map<string, string>();
  for (const [sort, c] of source.categories.entries()) {
    const row = await one<{ id: string }>(
      sequelize,
      'INSERT INTO categories (restaurant_id, names, sort) VALUES ($1, $2, $3) RETURNING id',
      [restaurantId, json(c.names), sort],
    );
    categoryIds.set(c.key, row!.id);
    categories.push({ id: row!.id, names: c.names });
  }

  const lowIngredientKey = low.recipe[0]!.ingredient;
  const ingredients = new Map<string, ShowcaseIngredient>();
  for (const i of source.ingredients) {
    // The scarce one starts well above its alert level, so selling out also crosses it.
    const scarce = i.key === lowIngredientKey;
    const quantity = scarce ? lowPortions * low.recipe[0]!.quantity : i.quantity;
    const lowThreshold = scarce ? 0 : i.lowThreshold;
    const row = await one<{ id: string }>(
      sequelize,
      'INSERT INTO ingredients (restaurant_id, names, unit, quantity, low_threshold) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [restaurantId, json(i.names), i.unit, quantity, lowThreshold],
    );
    ingredients.set(i.key, { id: row!.id, names: i.names, unit: i.unit, quantity, lowThreshold });
  }

  const dishes = new Map<string, ShowcaseDish>();
  const ordered = source.categories.flatMap((c) => source.dishes.filter((d) => d.category === c.key));
  for (const [sort, d] of ordered.entries()) {
    const categoryId = categoryIds.get(d.category)!;
    const row = await one<{ id: string }>(
      sequelize,
      `INSERT INTO dishes (restaurant_id, category_id, station_id, names, descriptions, price_cents, image_url, tags, allergens,
         spice_level, active, sort)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9::text[], $10, true, $11) RETURNING id`,
      [
        restaurantId,
        categoryId,
        stationIds.get(d.station) ?? null,
        json(d.names),
        json(d.descriptions),
        d.priceCents,
        `/media/dishes/${dishSlug(d)}.svg`,
        d.tags,
        d.allergens,
        d.spiceLevel,
        sort,
      ],
    );
    const dishId = row!.id;
    const requiredOptionIds: string[] = [];
    for (const [groupSort, g] of d.modifiers.entries()) {
      const group = await one<{ id: string }>(
        sequelize,
        'INSERT INTO modifier_groups (dish_id, names, min_choices, max_choices, sort) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [dishId, json(g.names), g.minChoices, g.maxChoices, groupSort],
      );
      for (const [optionSort, o] of g.options.entries()) {
        const option = await one<{ id: string }>(
          sequelize,
          'INSERT INTO modifier_options (group_id, names, price_delta_cents, sort) VALUES ($1, $2, $3, $4) RETURNING id',
          [group!.id, json(o.names), o.priceDeltaCents, optionSort],
        );
        if (optionSort < g.minChoices) requiredOptionIds.push(option!.id);
      }
    }
    for (const line of d.recipe) {
      await exec(sequelize, 'INSERT INTO recipe_lines (dish_id, ingredient_id, quantity) VALUES ($1, $2, $3)', [
        dishId,
        ingredients.get(line.ingredient)!.id,
        line.quantity,
      ]);
    }
    dishes.set(d.names.en, { id: dishId, names: d.names, categoryId, requiredOptionIds });
  }

  const lowDish = dishes.get(low.names.en)!;
  return {
    id: restaurantId,
    slug,
    names,
    tableId,
    categories,
    dishes,
    ingredients,
    lowDish: { ...lowDish, ingredientId: ingredients.get(lowIngredientKey)!.id, portions: lowPortions },
  };
}

/** An order body for one portion of each dish, with its required options chosen. */
export function showcaseOrder(restaurant: ShowcaseRestaurant, dishes: ShowcaseDish[], extra: Record<string, unknown> = {}) {
  return {
    restaurantId: restaurant.id,
    channel: 'web',
    items: dishes.map((d) => ({ dishId: d.id, quantity: 1, ...(d.requiredOptionIds.length ? { modifierIds: d.requiredOptionIds } : {}) })),
    paymentMethod: 'counter',
    ...extra,
  };
}

// ------------------------------------------------------------------ browser tests

/** The repository root: where the node serves `kiosk/dist` and `dashboard/dist` from. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Fails with what to do when an app has not been built (`npm test` builds them before jest). */
export function requireBuiltApp(name: 'kiosk' | 'dashboard'): void {
  const index = path.join(REPO_ROOT, name, 'dist', 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${name}/dist/index.html is missing: build the apps first (npm run build -w ${name}; npm test does it before jest)`);
  }
}

/** How the browser tests start Chromium (playwright-core `chromium.launch`): the system's, quiet. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** `test-results/screenshots/<name>.png`, with the folder made. */
export function screenshotPath(name: string): string {
  const dir = path.join(REPO_ROOT, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
