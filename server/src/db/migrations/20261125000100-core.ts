import type { MigrationFn } from '../migrator';

/**
 * The core schema: restaurants and menus, inventory, accounts, orders, payments and the
 * event log. Money is integer minor units; stock is numeric in the ingredient's unit.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE restaurants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE,
      names jsonb NOT NULL,
      descriptions jsonb NOT NULL,
      cuisine text NOT NULL,
      area text NOT NULL,
      price_level smallint NOT NULL CHECK (price_level BETWEEN 1 AND 4),
      time_zone text NOT NULL,
      currency char(3) NOT NULL,
      tax_rate_bps integer NOT NULL DEFAULT 0 CHECK (tax_rate_bps BETWEEN 0 AND 10000),
      service_charge_bps integer NOT NULL DEFAULT 0 CHECK (service_charge_bps BETWEEN 0 AND 10000),
      opening_hours jsonb NOT NULL DEFAULT '[]',
      image_url text,
      cancellation_policy jsonb NOT NULL DEFAULT '{}',
      sort integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- One row per restaurant: the event counter (REALTIME.md). Incremented inside the writing
    -- transaction, its row lock hands out seq gap-free and in commit order. last_* remember the
    -- latest seq each audience was sent, so every event can carry its audience's prevSeq.
    CREATE TABLE restaurant_counters (
      restaurant_id uuid PRIMARY KEY REFERENCES restaurants(id) ON DELETE CASCADE,
      seq bigint NOT NULL DEFAULT 0,
      last_kitchen bigint NOT NULL DEFAULT 0,
      last_board bigint NOT NULL DEFAULT 0,
      last_menu bigint NOT NULL DEFAULT 0,
      -- scratch: the last_* values before the latest increment, set by the same UPDATE
      -- (PostgreSQL 15's RETURNING sees only new values)
      prev bigint[] NOT NULL DEFAULT '{0,0,0}'
    );

    CREATE TABLE stations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      sort integer NOT NULL DEFAULT 0
    );
    CREATE INDEX stations_restaurant ON stations (restaurant_id);

    CREATE TABLE dining_tables (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      label text NOT NULL,
      seats smallint NOT NULL CHECK (seats BETWEEN 1 AND 40),
      UNIQUE (restaurant_id, label)
    );

    CREATE TABLE categories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      sort integer NOT NULL DEFAULT 0
    );
    CREATE INDEX categories_restaurant ON categories (restaurant_id);

    CREATE TABLE dishes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
      station_id uuid REFERENCES stations(id) ON DELETE SET NULL,
      names jsonb NOT NULL,
      descriptions jsonb NOT NULL,
      price_cents integer NOT NULL CHECK (price_cents >= 0),
      image_url text,
      tags text[] NOT NULL DEFAULT '{}',
      allergens text[] NOT NULL DEFAULT '{}',
      spice_level smallint NOT NULL DEFAULT 0 CHECK (spice_level BETWEEN 0 AND 5),
      active boolean NOT NULL DEFAULT true,
      sort integer NOT NULL DEFAULT 0
    );
    -- menu of one restaurant
    CREATE INDEX dishes_restaurant ON dishes (restaurant_id, sort);

    CREATE TABLE modifier_groups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dish_id uuid NOT NULL REFERENCES dishes(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      min_choices smallint NOT NULL DEFAULT 0,
      max_choices smallint NOT NULL DEFAULT 1,
      sort integer NOT NULL DEFAULT 0,
      CHECK (min_choices >= 0 AND max_choices >= min_choices AND max_choices >= 1)
    );
    CREATE INDEX modifier_groups_dish ON modifier_groups (dish_id);

    CREATE TABLE modifier_options (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      group_id uuid NOT NULL REFERENCES modifier_groups(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      price_delta_cents integer NOT NULL DEFAULT 0,
      sort integer NOT NULL DEFAULT 0
    );
    CREATE INDEX modifier_options_group ON modifier_options (group_id);

    CREATE TABLE ingredients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      names jsonb NOT NULL,
      unit text NOT NULL,
      -- the database itself refuses negative stock, whatever the code does
      quantity numeric(14,3) NOT NULL CHECK (quantity >= 0),
      low_threshold numeric(14,3) NOT NULL DEFAULT 0 CHECK (low_threshold >= 0)
    );
    CREATE INDEX ingredients_restaurant ON ingredients (restaurant_id);

    CREATE TABLE recipe_lines (
      dish_id uuid NOT NULL REFERENCES dishes(id) ON DELETE CASCADE,
      ingredient_id uuid NOT NULL REFERENCES ingredients(id) ON DELETE CASCADE,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (dish_id, ingredient_id)
    );
    -- which dishes an ingredient's stock change affects
    CREATE INDEX recipe_lines_ingredient ON recipe_lines (ingredient_id);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      phone_enc text,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('manager', 'kitchen', 'host', 'guest')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email ON users (lower(email));

    CREATE TABLE staff_restaurants (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, restaurant_id)
    );

    CREATE TABLE devices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('kiosk', 'kitchen', 'board')),
      station_id uuid REFERENCES stations(id) ON DELETE SET NULL,
      name text NOT NULL,
      pairing_code_hash text UNIQUE,
      pairing_expires_at timestamptz,
      paired_at timestamptz,
      revoked_at timestamptz,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX devices_restaurant ON devices (restaurant_id);

    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      device_id uuid REFERENCES devices(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((user_id IS NULL) <> (device_id IS NULL))
    );
    CREATE INDEX sessions_device ON sessions (device_id) WHERE device_id IS NOT NULL;

    -- The hotel's in-house guest list, against which room charges are checked.
    CREATE TABLE hotel_stays (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_number text NOT NULL,
      guest_name text NOT NULL,
      check_in date NOT NULL,
      check_out date NOT NULL,
      CHECK (check_out > check_in)
    );
    CREATE INDEX hotel_stays_room ON hotel_stays (room_number, check_in, check_out);

    CREATE TABLE promotions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      code text NOT NULL,
      names jsonb NOT NULL,
      kind text NOT NULL CHECK (kind IN ('percent', 'amount')),
      value integer NOT NULL CHECK (value > 0),
      min_subtotal_cents integer NOT NULL DEFAULT 0,
      starts_at timestamptz,
      ends_at timestamptz,
      active boolean NOT NULL DEFAULT true
    );
    CREATE UNIQUE INDEX promotions_code ON promotions (restaurant_id, upper(code));

    -- Short pickup numbers, per restaurant per local business day.
    CREATE TABLE order_numbers (
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      business_date date NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (restaurant_id, business_date)
    );

    CREATE TABLE orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      number integer NOT NULL,
      business_date date NOT NULL,
      channel text NOT NULL CHECK (channel IN ('kiosk', 'web', 'staff', 'room')),
      table_id uuid REFERENCES dining_tables(id) ON DELETE SET NULL,
      status text NOT NULL CHECK (status IN ('placed', 'preparing', 'ready', 'completed', 'cancelled')),
      subtotal_cents integer NOT NULL CHECK (subtotal_cents >= 0),
      discount_cents integer NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
      service_charge_cents integer NOT NULL DEFAULT 0 CHECK (service_charge_cents >= 0),
      tax_cents integer NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
      total_cents integer NOT NULL CHECK (total_cents >= 0),
      currency char(3) NOT NULL,
      payment_method text NOT NULL CHECK (payment_method IN ('card', 'counter', 'room')),
      payment_status text NOT NULL,
      refunded_cents integer NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= total_cents),
      processor_ref text,
      card_brand text,
      card_last4 text,
      guest_name_enc text,
      room_number text,
      promo_code text,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      device_id uuid REFERENCES devices(id) ON DELETE SET NULL,
      order_token_hash text,
      version integer NOT NULL DEFAULT 1,
      last_event_seq bigint NOT NULL DEFAULT 0,
      placed_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      UNIQUE (restaurant_id, business_date, number)
    );
    -- a screen's first load: open orders of one restaurant
    CREATE INDEX orders_restaurant_status ON orders (restaurant_id, status, placed_at);
    -- GET /me/orders
    CREATE INDEX orders_user ON orders (user_id, placed_at) WHERE user_id IS NOT NULL;

    CREATE TABLE order_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      dish_id uuid NOT NULL REFERENCES dishes(id),
      names jsonb NOT NULL,
      quantity smallint NOT NULL CHECK (quantity BETWEEN 1 AND 99),
      modifiers jsonb NOT NULL DEFAULT '[]',
      note text,
      unit_price_cents integer NOT NULL,
      line_total_cents integer NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'cooking', 'ready', 'served', 'cancelled')),
      station_id uuid REFERENCES stations(id) ON DELETE SET NULL,
      -- what this item took from stock, to give back exactly that on cancel
      stock_taken jsonb NOT NULL DEFAULT '[]',
      position smallint NOT NULL,
      status_changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX order_items_order ON order_items (order_id, position);

    CREATE TABLE stock_movements (
      id bigserial PRIMARY KEY,
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      ingredient_id uuid NOT NULL REFERENCES ingredients(id) ON DELETE CASCADE,
      delta numeric(14,3) NOT NULL,
      quantity_after numeric(14,3) NOT NULL,
      reason text NOT NULL CHECK (reason IN ('order', 'cancel', 'receive', 'waste', 'count', 'correction', 'seed')),
      -- deferred: an order's stock is taken before its row is written, in the same transaction
      order_id uuid REFERENCES orders(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
      actor_kind text NOT NULL,
      actor_id uuid,
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- an ingredient's ledger
    CREATE INDEX stock_movements_ingredient ON stock_movements (ingredient_id, id);

    -- Money movements of our own books (the processor keeps its own).
    CREATE TABLE payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      method text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('charge', 'refund')),
      amount_cents integer NOT NULL CHECK (amount_cents >= 0),
      processor_ref text,
      room_stay_id uuid REFERENCES hotel_stays(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX payments_order ON payments (order_id);

    -- The sandbox card processor's own ledger: it stands for the outside processor, so it is
    -- written outside our transactions, as a real processor's records would be.
    CREATE TABLE sandbox_charges (
      id text PRIMARY KEY,
      idempotency_key text UNIQUE,
      amount_cents integer NOT NULL CHECK (amount_cents >= 0),
      currency char(3) NOT NULL,
      status text NOT NULL CHECK (status IN ('authorized', 'captured', 'voided')),
      captured_cents integer NOT NULL DEFAULT 0,
      refunded_cents integer NOT NULL DEFAULT 0,
      brand text NOT NULL,
      last4 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (refunded_cents <= captured_cents)
    );

    -- Idempotency-Key: the unique key serialises retries of one request; the first to insert
    -- wins, the others wait for it to commit and then read its stored response.
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response_status integer,
      response_body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    );

    -- The event log: one row per change, written in the change's transaction.
    CREATE TABLE events (
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      type text NOT NULL,
      order_id uuid,
      -- the previous seq each audience was sent (staff: seq - 1)
      prev_kitchen bigint,
      prev_board bigint,
      prev_menu bigint,
      prev_order bigint,
      data jsonb NOT NULL,
      -- clock_timestamp, not now(): as close to the commit as the row can know (latency is measured from it)
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      -- GET /restaurants/:id/events?after=
      PRIMARY KEY (restaurant_id, seq)
    );
    -- catch-up of one order's subscribers
    CREATE INDEX events_order ON events (order_id, seq) WHERE order_id IS NOT NULL;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS events, idempotency_keys, sandbox_charges, payments, stock_movements,
      order_items, orders, order_numbers, promotions, hotel_stays, sessions, devices,
      staff_restaurants, users, recipe_lines, ingredients, modifier_options, modifier_groups,
      dishes, categories, dining_tables, stations, restaurant_counters, restaurants CASCADE;
  `);
};
