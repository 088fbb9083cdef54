import crypto from 'node:crypto';
import pg from 'pg';

/**
 * The bench hotel: restaurants written straight into the bench database (there is no admin API
 * for creating restaurants yet), with ample stock, and sessions for the screens. Tokens are made
 * the way the server makes them: random, stored as a SHA-256 hash.
 */

export interface BenchRestaurant {
  id: string;
  stationId: string;
  dishes: { id: string; optionIds: string[] }[];
  kioskToken: string;
}

export interface BenchHotel {
  restaurants: BenchRestaurant[];
  managerToken: string;
  chefToken: string;
}

const text = (s: string) => JSON.stringify({ en: s, 'zh-Hant': s, 'zh-Hans': s });

function token(): { token: string; hash: string } {
  const t = `dw_${crypto.randomBytes(32).toString('base64url')}`;
  return { token: t, hash: crypto.createHash('sha256').update(t).digest('hex') };
}

export async function resetDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createBenchHotel(db: pg.Pool, count: number, opts: { stock?: number } = {}): Promise<BenchHotel> {
  const stock = opts.stock ?? 1e9;
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    // These accounts never sign in nor are shown (their sessions are written below), and the
    // bench does not know the nodes' PII_KEY: random lookup hashes, and no email to encrypt.
    const users = await client.query<{ id: string }>(
      `INSERT INTO users (email_enc, email_hash, name, password_hash, role) VALUES
        ('none', $1, 'Bench manager', 'x', 'manager'), ('none', $2, 'Bench chef', 'x', 'kitchen') RETURNING id`,
      [crypto.randomBytes(32).toString('base64url'), crypto.randomBytes(32).toString('base64url')],
    );
    const [managerId, chefId] = users.rows.map((r) => r.id);
    const manager = token();
    const chef = token();
    await client.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day'), ($3, $4, now() + interval '1 day')`,
      [manager.hash, managerId, chef.hash, chefId],
    );
    const restaurants: BenchRestaurant[] = [];
    for (let i = 0; i < count; i++) {
      const r = await client.query<{ id: string }>(
        `INSERT INTO restaurants (slug, names, descriptions, cuisine, area, price_level, time_zone, currency, service_charge_bps, sort)
         VALUES ($1, $2, $2, 'bench', 'Bench', 2, 'Asia/Hong_Kong', 'HKD', 1000, 100 + $3) RETURNING id`,
        [`bench-${i}-${crypto.randomBytes(3).toString('hex')}`, text(`Bench ${i}`), i],
      );
      const rid = r.rows[0].id;
      await client.query('INSERT INTO staff_restaurants (user_id, restaurant_id) VALUES ($1, $3), ($2, $3)', [managerId, chefId, rid]);
      const st = await client.query<{ id: string }>('INSERT INTO stations (restaurant_id, names) VALUES ($1, $2) RETURNING id', [
        rid,
        text('Wok'),
      ]);
      const cat = await client.query<{ id: string }>('INSERT INTO categories (restaurant_id, names) VALUES ($1, $2) RETURNING id', [
        rid,
        text('Mains'),
      ]);
      const ings = await client.query<{ id: string }>(
        `INSERT INTO ingredients (restaurant_id, names, unit, quantity, low_threshold)
         SELECT $1, $2, 'g', $3, 0 FROM generate_series(1, 3) RETURNING id`,
        [rid, text('Rice'), stock],
      );
      const dishes: BenchRestaurant['dishes'] = [];
      for (let d = 0; d < 4; d++) {
        const dish = await client.query<{ id: string }>(
          `INSERT INTO dishes (restaurant_id, category_id, station_id, names, descriptions, price_cents, sort)
           VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id`,
          [rid, cat.rows[0].id, st.rows[0].id, text(`Dish ${d}`), 4800 + d * 600, d],
        );
        const did = dish.rows[0].id;
        for (const [k, ing] of ings.rows.entries()) {
          if (k <= d % 3)
            await client.query('INSERT INTO recipe_lines (dish_id, ingredient_id, quantity) VALUES ($1, $2, $3)', [
              did,
              ing.id,
              120 + k * 30,
            ]);
        }
        const g = await client.query<{ id: string }>(
          `INSERT INTO modifier_groups (dish_id, names, min_choices, max_choices) VALUES ($1, $2, 1, 1) RETURNING id`,
          [did, text('Size')],
        );
        const opts2 = await client.query<{ id: string }>(
          `INSERT INTO modifier_options (group_id, names, price_delta_cents, sort) VALUES ($1, $2, 0, 0), ($1, $3, 1500, 1) RETURNING id`,
          [g.rows[0].id, text('Regular'), text('Large')],
        );
        dishes.push({ id: did, optionIds: opts2.rows.map((o) => o.id) });
      }
      const dev = await client.query<{ id: string }>(
        `INSERT INTO devices (restaurant_id, kind, name, paired_at) VALUES ($1, 'kiosk', 'bench kiosk', now()) RETURNING id`,
        [rid],
      );
      const kiosk = token();
      await client.query(`INSERT INTO sessions (token_hash, device_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
        kiosk.hash,
        dev.rows[0].id,
      ]);
      restaurants.push({ id: rid, stationId: st.rows[0].id, dishes, kioskToken: kiosk.token });
    }
    await client.query('COMMIT');
    return { restaurants, managerToken: manager.token, chefToken: chef.token };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** A kiosk order body of two items with options, as a guest would send it. */
/** A bench order's note that carries the moment it was sent (the flood scenario times orders to screens by it). */
export const SENT_NOTE = 'sent:';

export function orderBody(r: BenchRestaurant, i: number) {
  const a = r.dishes[i % r.dishes.length];
  const b = r.dishes[(i + 1) % r.dishes.length];
  return {
    restaurantId: r.id,
    channel: 'kiosk',
    items: [
      { dishId: a.id, quantity: 1 + (i % 2), modifierIds: [a.optionIds[i % 2]] },
      { dishId: b.id, quantity: 1, modifierIds: [b.optionIds[0]], note: 'no spring onion' },
    ],
    paymentMethod: 'counter',
  };
}
