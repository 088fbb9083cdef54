import crypto from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { exec, one } from '../db/sql';
import { hashPassword } from '../modules/accounts/passwords';
import { createSession } from '../modules/accounts/sessions';

/** Each test builds its own restaurant, so no test depends on another's data. */

const text = (s: string) => JSON.stringify({ en: s, 'zh-Hant': `${s}（繁）`, 'zh-Hans': `${s}（简）` });

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
  const slug = `test-${crypto.randomBytes(6).toString('hex')}`;
  const r = await one<{ id: string }>(
    sequelize,
    `INSERT INTO restaurants (slug, names, descriptions, cuisine, area, price_level, time_zone, currency, tax_rate_bps, service_charge_bps, sort)
     VALUES ($1, $2, $3, $4, 'Test floor', 2, 'Asia/Hong_Kong', 'HKD', $5, $6, 1000) RETURNING id`,
    [slug, text(`Restaurant ${slug}`), text('A test restaurant'), opts.cuisine ?? 'test', opts.taxRateBps ?? 0, opts.serviceChargeBps ?? 1000],
  );
  const st = await one<{ id: string }>(sequelize, 'INSERT INTO stations (restaurant_id, names) VALUES ($1, $2) RETURNING id', [r!.id, text('Wok')]);
  const cat = await one<{ id: string }>(sequelize, 'INSERT INTO categories (restaurant_id, names) VALUES ($1, $2) RETURNING id', [r!.id, text('Mains')]);
  const table = await one<{ id: string }>(sequelize, `INSERT INTO dining_tables (restaurant_id, label, seats) VALUES ($1, 'T1', 4) RETURNING id`, [r!.id]);
  return { id: r!.id, stationId: st!.id, categoryId: cat!.id, tableId: table!.id };
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
  const d = await one<{ id: string }>(
    sequelize,
    `INSERT INTO dishes (restaurant_id, category_id, station_id, names, descriptions, price_cents, tags, allergens)
     VALUES ($1, $2, $3, $4, $5, $6, '{savory}', '{soy}') RETURNING id`,
    [restaurant.id, restaurant.categoryId, restaurant.stationId, text(opts.name ?? 'Fried rice'), text('Tasty'), opts.priceCents ?? 5000],
  );
  let ingredientId: string | null = null;
  if (opts.stock !== undefined) {
    const per = opts.perPortion ?? 1;
    const ing = await one<{ id: string }>(
      sequelize,
      `INSERT INTO ingredients (restaurant_id, names, unit, quantity, low_threshold) VALUES ($1, $2, 'portion', $3, $4) RETURNING id`,
      [restaurant.id, text('Rice'), opts.stock * per, opts.lowThreshold ?? 0],
    );
    ingredientId = ing!.id;
    await exec(sequelize, 'INSERT INTO recipe_lines (dish_id, ingredient_id, quantity) VALUES ($1, $2, $3)', [d!.id, ingredientId, per]);
  }
  const sizeOptionIds: string[] = [];
  if (opts.withSizes) {
    const g = await one<{ id: string }>(
      sequelize,
      'INSERT INTO modifier_groups (dish_id, names, min_choices, max_choices) VALUES ($1, $2, 1, 1) RETURNING id',
      [d!.id, text('Size')],
    );
    for (const [name, delta, sort] of [['Regular', 0, 0], ['Large', 1500, 1]] as const) {
      const o = await one<{ id: string }>(
        sequelize,
        'INSERT INTO modifier_options (group_id, names, price_delta_cents, sort) VALUES ($1, $2, $3, $4) RETURNING id',
        [g!.id, text(name), delta, sort],
      );
      sizeOptionIds.push(o!.id);
    }
  }
  return { id: d!.id, ingredientId, sizeOptionIds };
}

let passwordHash: Promise<string> | null = null;

export async function makeUser(
  sequelize: Sequelize,
  role: 'manager' | 'kitchen' | 'host' | 'guest',
  restaurantIds: string[] = [],
): Promise<{ id: string; email: string; password: string; token: string }> {
  passwordHash ??= hashPassword('correct horse battery');
  const email = `${role}-${crypto.randomBytes(5).toString('hex')}@test.example`;
  const u = await one<{ id: string }>(
    sequelize,
    'INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id',
    [email, `Test ${role}`, await passwordHash, role],
  );
  for (const rid of restaurantIds) {
    await exec(sequelize, 'INSERT INTO staff_restaurants (user_id, restaurant_id) VALUES ($1, $2)', [u!.id, rid]);
  }
  const { token } = await createSession(sequelize, { userId: u!.id });
  return { id: u!.id, email, password: 'correct horse battery', token };
}

export async function makeDevice(
  sequelize: Sequelize,
  restaurantId: string,
  kind: 'kiosk' | 'kitchen' | 'board',
  stationId: string | null = null,
): Promise<{ id: string; token: string }> {
  const d = await one<{ id: string }>(
    sequelize,
    `INSERT INTO devices (restaurant_id, kind, station_id, name, paired_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
    [restaurantId, kind, stationId, `test ${kind}`],
  );
  const { token } = await createSession(sequelize, { deviceId: d!.id });
  return { id: d!.id, token };
}

export async function makeInHouseGuest(sequelize: Sequelize, roomNumber: string, guestName: string): Promise<void> {
  await exec(
    sequelize,
    `INSERT INTO hotel_stays (room_number, guest_name, check_in, check_out) VALUES ($1, $2, current_date - 2, current_date + 3)`,
    [roomNumber, guestName],
  );
}

export function orderBody(restaurant: TestRestaurant, items: { dishId: string; quantity?: number; modifierIds?: string[] }[], extra: Record<string, unknown> = {}) {
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
