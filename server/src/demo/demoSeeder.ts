import { randomUUID } from 'node:crypto';
import type { CreationAttributes, Model, ModelStatic, Sequelize, Transaction } from 'sequelize';
import {
  models,
  type Category,
  type DiningTable,
  type Dish,
  type HotelStay,
  type Ingredient,
  type ModifierGroup,
  type ModifierOption,
  type Models,
  type Promotion,
  type RecipeLine,
  type Restaurant,
  type StaffRestaurant,
  type Station,
  type StockMovement,
  type User,
} from '../models';
import { encryptPii } from '../lib/pii';
import { emailColumns, phoneColumns } from '../modules/accounts/accountEmail';
import { hashPassword } from '../modules/accounts/passwords';
import { normalisedRoom } from '../modules/hotel/hotelStays';
import { hashRoomPin } from '../modules/hotel/roomPins';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_RESTAURANTS,
  demoDataProblems,
  demoHotelStays,
  dishSlug,
  type DemoDish,
  type DemoRestaurant,
} from './demoData';

/** Serialises seeding when several nodes start on one empty database at once. */
const SEED_LOCK_KEY = 727001;

/** Rows to write, per model, in foreign-key order (parents first). */
interface DemoRows {
  Restaurant: CreationAttributes<Restaurant>[];
  Station: CreationAttributes<Station>[];
  DiningTable: CreationAttributes<DiningTable>[];
  Category: CreationAttributes<Category>[];
  Ingredient: CreationAttributes<Ingredient>[];
  StockMovement: CreationAttributes<StockMovement>[];
  Dish: CreationAttributes<Dish>[];
  ModifierGroup: CreationAttributes<ModifierGroup>[];
  ModifierOption: CreationAttributes<ModifierOption>[];
  RecipeLine: CreationAttributes<RecipeLine>[];
  Promotion: CreationAttributes<Promotion>[];
  HotelStay: CreationAttributes<HotelStay>[];
  User: CreationAttributes<User>[];
  StaffRestaurant: CreationAttributes<StaffRestaurant>[];
}

/**
 * Writes the demo hotel into an empty database (one with no restaurant), in one
 * transaction; does nothing when any restaurant exists. Safe to call from every node at
 * start-up: an advisory lock lets one of them seed and the others then see it done.
 * Counter rows come from the restaurants trigger, as for any restaurant.
 */
export async function seedDemo(
  sequelize: Sequelize,
  opts: { piiKey: Buffer; log?: (msg: string) => void; now?: Date },
): Promise<{ seeded: boolean }> {
  const problems = demoDataProblems();
  if (problems.length > 0) throw new Error(`demo data is inconsistent:\n  ${problems.join('\n  ')}`);
  const m = models(sequelize);

  return sequelize.transaction(async (transaction) => {
    await sequelize.query('SELECT pg_advisory_xact_lock($key)', { bind: { key: SEED_LOCK_KEY }, transaction });
    if (await m.Restaurant.findOne({ attributes: ['id'], transaction })) {
      opts.log?.('demo data: restaurants exist, not seeding');
      return { seeded: false };
    }
    const rows = await demoRows(opts.now ?? new Date(), opts.piiKey);
    await writeRows(m, rows, transaction);
    opts.log?.(
      `demo data: seeded ${rows.Restaurant.length} restaurants, ${rows.Dish.length} dishes, ` +
        `${rows.Ingredient.length} ingredients, ${rows.User.length} accounts, ${rows.HotelStay.length} hotel stays`,
    );
    return { seeded: true };
  });
}

async function writeRows(m: Models, rows: DemoRows, transaction: Transaction): Promise<void> {
  // Key order is foreign-key order; ids are made here, so nothing needs to come back.
  for (const name of Object.keys(rows) as (keyof DemoRows)[]) {
    const model = m[name] as unknown as ModelStatic<Model>;
    if (rows[name].length > 0) await model.bulkCreate(rows[name] as CreationAttributes<Model>[], { transaction, returning: false });
  }
}

async function demoRows(now: Date, piiKey: Buffer): Promise<DemoRows> {
  const rows: DemoRows = {
    Restaurant: [],
    Station: [],
    DiningTable: [],
    Category: [],
    Ingredient: [],
    StockMovement: [],
    Dish: [],
    ModifierGroup: [],
    ModifierOption: [],
    RecipeLine: [],
    Promotion: [],
    HotelStay: [],
    User: [],
    StaffRestaurant: [],
  };

  const restaurantIds = DEMO_RESTAURANTS.map((r) => addRestaurant(rows, r));

  for (const s of demoHotelStays(now)) {
    // As the desk checks a guest in (hotel/hotelStays): the name encrypted, the PIN as its keyed hash.
    const id = randomUUID();
    rows.HotelStay.push({
      id,
      roomNumber: normalisedRoom(s.roomNumber),
      guestNameEnc: encryptPii(piiKey, s.guestName)!,
      pinHash: hashRoomPin(piiKey, id, s.pin),
      checkIn: s.checkIn,
      checkOut: s.checkOut,
    });
  }

  // The contract fixes the demo password, not its hash: each account gets its own hash and salt,
  // so the stored rows do not show which accounts share a password.
  const passwordHashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  const first = DEMO_RESTAURANTS.reduce((a, b, i) => (b.sort < DEMO_RESTAURANTS[a].sort ? i : a), 0);
  for (const [i, a] of DEMO_ACCOUNTS.entries()) {
    const id = randomUUID();
    rows.User.push({
      id,
      ...emailColumns(piiKey, a.email),
      name: a.name,
      ...phoneColumns(piiKey, a.phone),
      passwordHash: passwordHashes[i],
      role: a.role,
    });
    const of = a.restaurants === 'all' ? restaurantIds : a.restaurants === 'first' ? [restaurantIds[first]] : [];
    for (const restaurantId of of) rows.StaffRestaurant.push({ userId: id, restaurantId });
  }
  return rows;
}

function addRestaurant(rows: DemoRows, r: DemoRestaurant): string {
  const restaurantId = randomUUID();
  rows.Restaurant.push({
    id: restaurantId,
    slug: r.slug,
    names: r.names,
    descriptions: r.descriptions,
    cuisine: r.cuisine,
    area: r.area,
    priceLevel: r.priceLevel,
    timeZone: r.timeZone,
    currency: r.currency,
    taxRateBps: r.taxRateBps,
    serviceChargeBps: r.serviceChargeBps,
    openingHours: r.openingHours,
    imageUrl: `/media/restaurants/${r.slug}.svg`,
    cancellationPolicy: { ...r.cancellationPolicy },
    sort: r.sort,
    holdRoomCharges: r.holdRoomCharges ?? false,
    ticketAmberMinutes: r.ticketAges.amberMinutes,
    ticketRedMinutes: r.ticketAges.redMinutes,
  });

  const stationIds = new Map<string, string>();
  r.stations.forEach((s, sort) => {
    const id = randomUUID();
    stationIds.set(s.key, id);
    rows.Station.push({ id, restaurantId, names: s.names, sort });
  });

  for (const table of r.tables)
    rows.DiningTable.push({
      id: randomUUID(),
      restaurantId,
      label: table.label,
      seats: table.seats,
      joinGroup: table.joinGroup ?? null,
    });

  const categoryIds = new Map<string, string>();
  r.categories.forEach((c, sort) => {
    const id = randomUUID();
    categoryIds.set(c.key, id);
    rows.Category.push({ id, restaurantId, names: c.names, sort });
  });

  const ingredientIds = new Map<string, string>();
  for (const i of r.ingredients) {
    const id = randomUUID();
    ingredientIds.set(i.key, id);
    rows.Ingredient.push({ id, restaurantId, names: i.names, unit: i.unit, quantity: i.quantity, lowThreshold: i.lowThreshold });
    rows.StockMovement.push({
      restaurantId,
      ingredientId: id,
      delta: i.quantity,
      quantityAfter: i.quantity,
      reason: 'seed',
      actorKind: 'system',
      note: 'demo opening stock',
    });
  }

  // Dishes sorted by category, then as listed.
  const ordered = r.categories.flatMap((c) => r.dishes.filter((d) => d.category === c.key));
  const dishIds = new Map<string, string>();
  ordered.forEach((d, sort) => {
    const dishId = randomUUID();
    dishIds.set(dishSlug(d), dishId);
    rows.Dish.push(
      demoDishAttributes(d, {
        id: dishId,
        restaurantId,
        categoryId: mustGet(categoryIds, d.category),
        stationId: mustGet(stationIds, d.station),
        sort,
      }),
    );
    d.modifiers.forEach((g, groupSort) => {
      const groupId = randomUUID();
      rows.ModifierGroup.push({ id: groupId, dishId, names: g.names, minChoices: g.minChoices, maxChoices: g.maxChoices, sort: groupSort });
      g.options.forEach((o, optionSort) => {
        rows.ModifierOption.push({ id: randomUUID(), groupId, names: o.names, priceDeltaCents: o.priceDeltaCents, sort: optionSort });
      });
    });
    for (const line of d.recipe) {
      rows.RecipeLine.push({ dishId, ingredientId: mustGet(ingredientIds, line.ingredient), quantity: line.quantity });
    }
  });

  const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  r.promotions.forEach((p, sort) => {
    rows.Promotion.push({
      id: randomUUID(),
      restaurantId,
      code: p.code,
      names: p.names,
      kind: p.kind,
      value: p.value,
      minSubtotalCents: p.minSubtotalCents,
      categoryId: p.category ? mustGet(categoryIds, p.category) : null,
      freeDishId: p.freeDish ? mustGet(dishIds, p.freeDish) : null,
      channels: p.channels ?? null,
      daysOfWeek: p.window?.days ?? null,
      windowStartMinute: p.window ? minute(p.window.from) : null,
      windowEndMinute: p.window ? minute(p.window.to) : null,
      priority: p.priority ?? 0,
      stackable: p.stackable ?? true,
      perGuestLimit: p.perGuestLimit ?? null,
      sort,
      active: true,
    });
  });
  return restaurantId;
}

/** A demo dish as a row of `dishes` (the seeder's and the tests' showcase restaurant's). */
export function demoDishAttributes(
  d: DemoDish,
  at: { id: string; restaurantId: string; categoryId: string; stationId: string | null; sort: number },
): CreationAttributes<Dish> {
  return {
    ...at,
    names: d.names,
    descriptions: d.descriptions,
    priceCents: d.priceCents,
    imageUrl: `/media/dishes/${dishSlug(d)}.svg`,
    tags: d.tags,
    allergens: d.allergens,
    spiceLevel: d.spiceLevel,
    active: true,
  };
}

function mustGet(map: Map<string, string>, key: string): string {
  const v = map.get(key);
  if (v === undefined) throw new Error(`demo data: unknown key ${key}`);
  return v;
}
