import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CreationAttributes, Sequelize } from 'sequelize';
import { DEMO_RESTAURANTS, type DemoRestaurant, type Localized } from '../demo/demoData';
import { demoDishAttributes } from '../demo/demoSeeder';
import { models, type Dish, type ModifierGroup, type ModifierOption, type RecipeLine } from '../models';

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

function tagged(names: Localized, tag: string): Localized {
  return { en: `${names.en} ${tag}`, 'zh-Hant': `${names['zh-Hant']} ${tag}`, 'zh-Hans': `${names['zh-Hans']} ${tag}` };
}

export async function makeShowcaseRestaurant(sequelize: Sequelize, opts: ShowcaseOptions = {}): Promise<ShowcaseRestaurant> {
  const source: DemoRestaurant | undefined = opts.from ? DEMO_RESTAURANTS.find((r) => r.slug === opts.from) : DEMO_RESTAURANTS[0];
  if (!source) throw new Error(`no demo restaurant ${opts.from}`);
  const low = opts.lowDish ? source.dishes.find((d) => d.names.en === opts.lowDish) : source.dishes.find((d) => d.recipe.length === 1);
  if (!low || low.recipe.length !== 1) throw new Error(`no dish with a one-ingredient recipe to make scarce in ${source.slug}`);
  const lowPortions = opts.lowPortions ?? 3;

  const tag = crypto.randomBytes(2).toString('hex');
  const slug = `${source.slug}-${crypto.randomBytes(4).toString('hex')}`;
  const names = tagged(source.names, tag);

  const m = models(sequelize);
  const restaurantId = randomUUID();
  // Parents first (foreign keys); ids are made here, so whole tables go in one statement each.
  await m.Restaurant.create({
    id: restaurantId,
    slug,
    names,
    descriptions: source.descriptions,
    cuisine: source.cuisine,
    area: source.area,
    priceLevel: source.priceLevel,
    timeZone: source.timeZone,
    currency: source.currency,
    taxRateBps: source.taxRateBps,
    serviceChargeBps: source.serviceChargeBps,
    openingHours: source.openingHours,
    // The demo's own picture: pictures are files named by slug.
    imageUrl: `/media/restaurants/${source.slug}.svg`,
    cancellationPolicy: { ...source.cancellationPolicy },
    sort: 500 + source.sort,
  });

  const stationIds = new Map(source.stations.map((s) => [s.key, randomUUID()]));
  await m.Station.bulkCreate(source.stations.map((s, sort) => ({ id: stationIds.get(s.key)!, restaurantId, names: s.names, sort })));

  const tables = source.tables.map((t) => ({ id: randomUUID(), restaurantId, label: t.label, seats: t.seats }));
  await m.DiningTable.bulkCreate(tables);
  const tableId = tables[0]?.id ?? '';

  const categories: ShowcaseRestaurant['categories'] = source.categories.map((c) => ({ id: randomUUID(), names: c.names }));
  const categoryIds = new Map(source.categories.map((c, i) => [c.key, categories[i].id]));
  await m.Category.bulkCreate(categories.map((c, sort) => ({ ...c, restaurantId, sort })));

  const lowIngredientKey = low.recipe[0]!.ingredient;
  const ingredients = new Map<string, ShowcaseIngredient>();
  for (const i of source.ingredients) {
    // The scarce one starts well above its alert level, so selling out also crosses it.
    const scarce = i.key === lowIngredientKey;
    const quantity = scarce ? lowPortions * low.recipe[0]!.quantity : i.quantity;
    ingredients.set(i.key, { id: randomUUID(), names: i.names, unit: i.unit, quantity, lowThreshold: scarce ? 0 : i.lowThreshold });
  }
  await m.Ingredient.bulkCreate([...ingredients.values()].map((i) => ({ ...i, restaurantId })));

  const dishes = new Map<string, ShowcaseDish>();
  const dishRows: CreationAttributes<Dish>[] = [];
  const groupRows: CreationAttributes<ModifierGroup>[] = [];
  const optionRows: CreationAttributes<ModifierOption>[] = [];
  const recipeRows: CreationAttributes<RecipeLine>[] = [];
  const ordered = source.categories.flatMap((c) => source.dishes.filter((d) => d.category === c.key));
  for (const [sort, d] of ordered.entries()) {
    const dishId = randomUUID();
    const categoryId = categoryIds.get(d.category)!;
    dishRows.push(demoDishAttributes(d, { id: dishId, restaurantId, categoryId, stationId: stationIds.get(d.station) ?? null, sort }));
    const requiredOptionIds: string[] = [];
    for (const [groupSort, g] of d.modifiers.entries()) {
      const groupId = randomUUID();
      groupRows.push({ id: groupId, dishId, names: g.names, minChoices: g.minChoices, maxChoices: g.maxChoices, sort: groupSort });
      for (const [optionSort, o] of g.options.entries()) {
        const optionId = randomUUID();
        optionRows.push({ id: optionId, groupId, names: o.names, priceDeltaCents: o.priceDeltaCents, sort: optionSort });
        if (optionSort < g.minChoices) requiredOptionIds.push(optionId);
      }
    }
    for (const line of d.recipe) recipeRows.push({ dishId, ingredientId: ingredients.get(line.ingredient)!.id, quantity: line.quantity });
    dishes.set(d.names.en, { id: dishId, names: d.names, categoryId, requiredOptionIds });
  }
  await m.Dish.bulkCreate(dishRows);
  await m.ModifierGroup.bulkCreate(groupRows);
  await m.ModifierOption.bulkCreate(optionRows);
  await m.RecipeLine.bulkCreate(recipeRows);

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
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/** `test-results/screenshots/<name>.png`, with the folder made. */
export function screenshotPath(name: string): string {
  const dir = path.join(REPO_ROOT, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
