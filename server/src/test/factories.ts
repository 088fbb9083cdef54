import crypto from 'node:crypto';
import type { BookingPolicy, OpeningHours } from '@dinewire/protocol';
import { literal, type Sequelize } from 'sequelize';
import { models } from '../models';
import { hashPassword } from '../modules/accounts/passwords';
import { emailColumns } from '../modules/accounts/accountEmail';
import { createSession } from '../modules/accounts/sessions';
import { checkInGuest } from '../modules/hotel/hotelStays';
import { testConfig } from './harness';

/** Each test builds its own restaurant, so no test depends on another's data. */

const text = (s: string) => ({ en: s, 'zh-Hant': `${s}（繁）`, 'zh-Hans': `${s}（简）` });

export interface TestRestaurant {
  id: string;
  stationId: string;
  categoryId: string;
  tableId: string;
}

export async function makeRestaurant(
  sequelize: Sequelize,
  opts: { serviceChargeBps?: number; taxRateBps?: number; cuisine?: string } = {},
): Promise<TestRestaurant> {
  const m = models(sequelize);
  const slug = `test-${crypto.randomBytes(6).toString('hex')}`;
  const r = await m.Restaurant.create({
    slug,
    names: text(`Restaurant ${slug}`),
    descriptions: text('A test restaurant'),
    cuisine: opts.cuisine ?? 'test',
    area: 'Test floor',
    priceLevel: 2,
    timeZone: 'Asia/Hong_Kong',
    currency: 'HKD',
    taxRateBps: opts.taxRateBps ?? 0,
    serviceChargeBps: opts.serviceChargeBps ?? 1000,
    sort: 1000,
  });
  const [st, cat, table] = await Promise.all([
    m.Station.create({ restaurantId: r.id, names: text('Wok') }),
    m.Category.create({ restaurantId: r.id, names: text('Mains') }),
    m.DiningTable.create({ restaurantId: r.id, label: 'T1', seats: 4 }),
  ]);
  return { id: r.id, stationId: st.id, categoryId: cat.id, tableId: table.id };
}

export interface TestDish {
  id: string;
  ingredientId: string | null;
  /** Option ids of the dish's "Size" group (required, one of), when made with modifiers. */
  sizeOptionIds: string[];
}

/** A dish; with `stock`, one ingredient of which each portion takes `perPortion`, stock for `stock` portions. */
export async function makeDish(
  sequelize: Sequelize,
  restaurant: TestRestaurant,
  opts: { priceCents?: number; stock?: number; perPortion?: number; lowThreshold?: number; withSizes?: boolean; name?: string } = {},
): Promise<TestDish> {
  const m = models(sequelize);
  const d = await m.Dish.create({
    restaurantId: restaurant.id,
    categoryId: restaurant.categoryId,
    stationId: restaurant.stationId,
    names: text(opts.name ?? 'Fried rice'),
    descriptions: text('Tasty'),
    priceCents: opts.priceCents ?? 5000,
    tags: ['savory'],
    allergens: ['soy'],
  });
  let ingredientId: string | null = null;
  if (opts.stock !== undefined) {
    const per = opts.perPortion ?? 1;
    const ing = await m.Ingredient.create({
      restaurantId: restaurant.id,
      names: text('Rice'),
      unit: 'portion',
      quantity: opts.stock * per,
      lowThreshold: opts.lowThreshold ?? 0,
    });
    ingredientId = ing.id;
    await m.RecipeLine.create({ dishId: d.id, ingredientId, quantity: per });
  }
  const sizeOptionIds: string[] = [];
  if (opts.withSizes) {
    const g = await m.ModifierGroup.create({ dishId: d.id, names: text('Size'), minChoices: 1, maxChoices: 1 });
    const options = await m.ModifierOption.bulkCreate([
      { groupId: g.id, names: text('Regular'), priceDeltaCents: 0, sort: 0 },
      { groupId: g.id, names: text('Large'), priceDeltaCents: 1500, sort: 1 },
    ]);
    sizeOptionIds.push(...options.map((o) => o.id));
  }
  return { id: d.id, ingredientId, sizeOptionIds };
}

let passwordHash: Promise<string> | null = null;

export async function makeUser(
  sequelize: Sequelize,
  role: 'manager' | 'kitchen' | 'host' | 'guest',
  restaurantIds: string[] = [],
): Promise<{ id: string; email: string; password: string; token: string }> {
  const m = models(sequelize);
  passwordHash ??= hashPassword('correct horse battery');
  const email = `${role}-${crypto.randomBytes(5).toString('hex')}@test.example`;
  const u = await m.User.create({
    ...emailColumns(testConfig().piiKey, email),
    name: `Test ${role}`,
    passwordHash: await passwordHash,
    role,
  });
  await m.StaffRestaurant.bulkCreate(restaurantIds.map((restaurantId) => ({ userId: u.id, restaurantId })));
  const { token } = await createSession(sequelize, { userId: u.id });
  return { id: u.id, email, password: 'correct horse battery', token };
}

export async function makeDevice(
  sequelize: Sequelize,
  restaurantId: string,
  kind: 'kiosk' | 'kitchen' | 'board',
  stationId: string | null = null,
): Promise<{ id: string; token: string }> {
  const d = await models(sequelize).Device.create({ restaurantId, kind, stationId, name: `test ${kind}`, pairedAt: new Date() });
  const { token } = await createSession(sequelize, { deviceId: d.id });
  return { id: d.id, token };
}

/** A date the database computes (its today, as room charges see it); create()'s types take no SQL, hence the cast. */
const databaseDate = (sql: string) => literal(sql) as unknown as string;

/**
 * A guest staying in the hotel from two days ago until three days on (dates as the database sees
 * today), checked in as the desk does it (name encrypted with the test nodes' PII key, PIN hashed).
 * Returns the stay's id.
 */
export async function makeInHouseGuest(sequelize: Sequelize, roomNumber: string, guestName: string, pin?: string): Promise<string> {
  return checkInGuest(sequelize, testConfig().piiKey, {
    roomNumber,
    guestName,
    pin,
    checkIn: databaseDate('current_date - 2'),
    checkOut: databaseDate('current_date + 3'),
  });
}

export function orderBody(
  restaurant: TestRestaurant,
  items: { dishId: string; quantity?: number; modifierIds?: string[] }[],
  extra: Record<string, unknown> = {},
) {
  return {
    restaurantId: restaurant.id,
    channel: 'web',
    items: items.map((i) => ({ dishId: i.dishId, quantity: i.quantity ?? 1, ...(i.modifierIds ? { modifierIds: i.modifierIds } : {}) })),
    paymentMethod: 'counter',
    ...extra,
  };
}

export const TEST_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };
export const DECLINED_CARD = { number: '4000000000000002', expMonth: 12, expYear: 2040, cvc: '123' };

/** Booking rules for tests: open every day 11:00–23:00 (the factory's restaurants keep Hong Kong time), no lead time. */
export const TEST_BOOKING_POLICY: BookingPolicy = {
  freeCancelHours: 24,
  lateCancelFeePercent: 50,
  noShowFeePercent: 100,
  depositPerGuestCents: 0,
  modifyUntilHours: 2,
  bookingLeadMinutes: 0,
  bookingHorizonDays: 30,
  slotMinutes: 30,
  stayMinutes: 90,
  minPartySize: 1,
  maxPartySize: 10,
};

export interface TestBookableRestaurant extends TestRestaurant {
  /** The tables made, in the order asked: id, seats and join group. */
  tables: { id: string; seats: number; joinGroup: string | null }[];
}

/**
 * A restaurant taking bookings: the plain test restaurant (its one table T1 of 4 removed unless
 * asked for), the given tables, opening hours and rules over TEST_BOOKING_POLICY.
 */
export async function makeBookableRestaurant(
  sequelize: Sequelize,
  opts: {
    tables: { seats: number; joinGroup?: string }[];
    policy?: Partial<BookingPolicy>;
    openingHours?: OpeningHours[];
  },
): Promise<TestBookableRestaurant> {
  const m = models(sequelize);
  const r = await makeRestaurant(sequelize);
  await m.DiningTable.destroy({ where: { id: r.tableId } });
  await m.Restaurant.update(
    {
      cancellationPolicy: { ...TEST_BOOKING_POLICY, ...opts.policy },
      openingHours: opts.openingHours ?? [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '11:00', closes: '23:00' })),
    },
    { where: { id: r.id } },
  );
  const made = await m.DiningTable.bulkCreate(
    opts.tables.map((t, i) => ({ restaurantId: r.id, label: `B${i + 1}`, seats: t.seats, joinGroup: t.joinGroup ?? null })),
  );
  const tables = made.map((t) => ({ id: t.id, seats: t.seats, joinGroup: t.joinGroup ?? null }));
  return { ...r, tableId: tables[0]?.id ?? r.tableId, tables };
}

/**
 * A booking written straight into the tables (no application code): `partySize` guests holding
 * `tableIds` over [from, to). Returns its id.
 */
export async function makeHeldBooking(
  sequelize: Sequelize,
  r: { id: string },
  b: { tableIds: string[]; from: string; to: string; partySize?: number; active?: boolean },
): Promise<string> {
  const id = crypto.randomUUID();
  await sequelize.query(
    `WITH booking AS (
       INSERT INTO reservations (id, restaurant_id, code, party_size, starts_at, ends_at, name_enc, phone_enc, email_enc, token_hash, status)
       VALUES ($id, $restaurantId, $code, $partySize, $from, $to, 'x', 'x', 'x', 'x', CASE WHEN $active THEN 'booked' ELSE 'cancelled' END)
       RETURNING id)
     INSERT INTO reservation_tables (reservation_id, table_id, restaurant_id, during, active)
     SELECT booking.id, t, $restaurantId, tstzrange($from::timestamptz, $to::timestamptz, '[)'), $active
     FROM booking, unnest($tableIds::uuid[]) AS t`,
    {
      bind: {
        id,
        restaurantId: r.id,
        code: id.slice(0, 8),
        partySize: b.partySize ?? 2,
        from: b.from,
        to: b.to,
        active: b.active ?? true,
        tableIds: b.tableIds,
      },
    },
  );
  return id;
}
