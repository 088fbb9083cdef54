import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { hashPassword } from '../modules/accounts/passwords';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_RESTAURANTS,
  demoDataProblems,
  demoHotelStays,
  dishSlug,
  type DemoRestaurant,
} from './demoData';

/** Serialises seeding when several nodes start on one empty database at once. */
const SEED_LOCK_KEY = 727001;

type Row = Record<string, unknown>;

/**
 * Writes the demo hotel into an empty database (one with no restaurant), in one
 * transaction; does nothing when any restaurant exists. Safe to call from every node at
 * start-up: an advisory lock lets one of them seed and the others then see it done.
 */
export async function seedDemo(
  sequelize: Sequelize,
  opts: { log?: (msg: string) => void; now?: Date } = {},
): Promise<{ seeded: boolean }> {
  const problems = demoDataProblems();
  if (problems.length > 0) throw new Error(`demo data is inconsistent:\n  ${problems.join('\n  ')}`);

  return sequelize.transaction(async (t) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(:key)', {
      replacements: { key: SEED_LOCK_KEY },
      type: QueryTypes.SELECT,
      transaction: t,
    });
    const [{ n }] = await sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM restaurants', {
      type: QueryTypes.SELECT,
      transaction: t,
    });
    if (n > 0) {
      opts.log?.('demo data: restaurants exist, not seeding');
      return { seeded: false };
    }

    const counts = await writeDemo(sequelize, t, opts.now ?? new Date());
    opts.log?.(
      `demo data: seeded ${counts.restaurants} restaurants, ${counts.dishes} dishes, ` +
        `${counts.ingredients} ingredients, ${counts.users} accounts, ${counts.stays} hotel stays`,
    );
    return { seeded: true };
  });
}

async function writeDemo(sequelize: Sequelize, t: Transaction, now: Date) {
  const rows: Record<string, Row[]> = {
    restaurants: [],
    stations: [],
    dining_tables: [],
    categories: [],
    ingredients: [],
    stock_movements: [],
    dishes: [],
    modifier_groups: [],
    modifier_options: [],
    recipe_lines: [],
    promotions: [],
    hotel_stays: [],
    users: [],
    staff_restaurants: [],
  };

  const restaurantIds: string[] = [];
  for (const r of DEMO_RESTAURANTS) restaurantIds.push(addRestaurant(rows, r));

  for (const s of demoHotelStays(now)) {
    rows.hotel_stays.push({
      id: randomUUID(),
      room_number: s.roomNumber,
      guest_name: s.guestName,
      check_in: s.checkIn,
      check_out: s.checkOut,
    });
  }

  // One hash for all: the demo accounts share their password (argon2id salts it anyway).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const first = DEMO_RESTAURANTS.reduce((a, b, i) => (b.sort < DEMO_RESTAURANTS[a].sort ? i : a), 0);
  for (const a of DEMO_ACCOUNTS) {
    const id = randomUUID();
    rows.users.push({
      id,
      email: a.email.toLowerCase(),
      name: a.name,
      // PII encryption is wired by the accounts module; demo phones stay in demoData.
      phone_enc: null,
      password_hash: passwordHash,
      role: a.role,
    });
    const of = a.restaurants === 'all' ? restaurantIds : a.restaurants === 'first' ? [restaurantIds[first]] : [];
    for (const restaurantId of of) rows.staff_restaurants.push({ user_id: id, restaurant_id: restaurantId });
  }

  // Parents before children (foreign keys).
  for (const [table, list] of Object.entries(rows)) await insertRows(sequelize, t, table, list);

  return {
    restaurants: rows.restaurants.length,
    dishes: rows.dishes.length,
    ingredients: rows.ingredients.length,
    users: rows.users.length,
    stays: rows.hotel_stays.length,
  };
}

function addRestaurant(rows: Record<string, Row[]>, r: DemoRestaurant): string {
  const restaurantId = randomUUID();
  rows.restaurants.push({
    id: restaurantId,
    slug: r.slug,
    names: r.names,
    descriptions: r.descriptions,
    cuisine: r.cuisine,
    area: r.area,
    price_level: r.priceLevel,
    time_zone: r.timeZone,
    currency: r.currency,
    tax_rate_bps: r.taxRateBps,
    service_charge_bps: r.serviceChargeBps,
    opening_hours: r.openingHours,
    image_url: `/media/restaurants/${r.slug}.svg`,
    cancellation_policy: r.cancellationPolicy,
    sort: r.sort,
  });

  const stationIds = new Map<string, string>();
  r.stations.forEach((s, sort) => {
    const id = randomUUID();
    stationIds.set(s.key, id);
    rows.stations.push({ id, restaurant_id: restaurantId, names: s.names, sort });
  });

  for (const table of r.tables) {
    rows.dining_tables.push({ id: randomUUID(), restaurant_id: restaurantId, label: table.label, seats: table.seats });
  }

  const categoryIds = new Map<string, string>();
  r.categories.forEach((c, sort) => {
    const id = randomUUID();
    categoryIds.set(c.key, id);
    rows.categories.push({ id, restaurant_id: restaurantId, names: c.names, sort });
  });

  const ingredientIds = new Map<string, string>();
  for (const i of r.ingredients) {
    const id = randomUUID();
    ingredientIds.set(i.key, id);
    rows.ingredients.push({
      id,
      restaurant_id: restaurantId,
      names: i.names,
      unit: i.unit,
      quantity: i.quantity,
      low_threshold: i.lowThreshold,
    });
    rows.stock_movements.push({
      restaurant_id: restaurantId,
      ingredient_id: id,
      delta: i.quantity,
      quantity_after: i.quantity,
      reason: 'seed',
      actor_kind: 'system',
      note: 'demo opening stock',
    });
  }

  // Dishes sorted by category, then as listed.
  const ordered = r.categories.flatMap((c) => r.dishes.filter((d) => d.category === c.key));
  ordered.forEach((d, sort) => {
    const dishId = randomUUID();
    rows.dishes.push({
      id: dishId,
      restaurant_id: restaurantId,
      category_id: mustGet(categoryIds, d.category),
      station_id: mustGet(stationIds, d.station),
      names: d.names,
      descriptions: d.descriptions,
      price_cents: d.priceCents,
      image_url: `/media/dishes/${dishSlug(d)}.svg`,
      tags: d.tags,
      allergens: d.allergens,
      spice_level: d.spiceLevel,
      active: true,
      sort,
    });
    d.modifiers.forEach((g, groupSort) => {
      const groupId = randomUUID();
      rows.modifier_groups.push({
        id: groupId,
        dish_id: dishId,
        names: g.names,
        min_choices: g.minChoices,
        max_choices: g.maxChoices,
        sort: groupSort,
      });
      g.options.forEach((o, optionSort) => {
        rows.modifier_options.push({
          id: randomUUID(),
          group_id: groupId,
          names: o.names,
          price_delta_cents: o.priceDeltaCents,
          sort: optionSort,
        });
      });
    });
    for (const line of d.recipe) {
      rows.recipe_lines.push({
        dish_id: dishId,
        ingredient_id: mustGet(ingredientIds, line.ingredient),
        quantity: line.quantity,
      });
    }
  });

  for (const p of r.promotions) {
    rows.promotions.push({
      id: randomUUID(),
      restaurant_id: restaurantId,
      code: p.code,
      names: p.names,
      kind: p.kind,
      value: p.value,
      min_subtotal_cents: p.minSubtotalCents,
      active: true,
    });
  }
  return restaurantId;
}

function mustGet(map: Map<string, string>, key: string): string {
  const v = map.get(key);
  if (v === undefined) throw new Error(`demo data: unknown key ${key}`);
  return v;
}

/** Columns whose values go in as JSON (jsonb) or as Postgres arrays (text[]). */
const JSON_COLUMNS = new Set(['names', 'descriptions', 'opening_hours', 'cancellation_policy']);
const ARRAY_COLUMNS = new Set(['tags', 'allergens']);

/** Multi-row INSERTs with bind parameters, in chunks well under Postgres' 65535-parameter cap. */
async function insertRows(sequelize: Sequelize, t: Transaction, table: string, list: Row[]): Promise<void> {
  if (list.length === 0) return;
  const columns = Object.keys(list[0]);
  const perChunk = Math.max(1, Math.floor(5000 / columns.length));
  for (let start = 0; start < list.length; start += perChunk) {
    const chunk = list.slice(start, start + perChunk);
    const bind: unknown[] = [];
    const tuples = chunk.map((row) => {
      const cells = columns.map((c) => {
        const v = row[c];
        if (JSON_COLUMNS.has(c)) {
          bind.push(JSON.stringify(v));
          return `$${bind.length}::jsonb`;
        }
        bind.push(v);
        return ARRAY_COLUMNS.has(c) ? `$${bind.length}::text[]` : `$${bind.length}`;
      });
      return `(${cells.join(', ')})`;
    });
    await sequelize.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, {
      bind,
      type: QueryTypes.INSERT,
      transaction: t,
    });
  }
}
