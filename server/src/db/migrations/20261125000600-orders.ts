import type { MigrationFn } from '../migrator';

/**
 * Orders: pickup numbers, orders and their items, our payment books, idempotency keys.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
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
    -- an order with its items, in order
    CREATE INDEX order_items_order ON order_items (order_id, position);

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
    -- an order's charges and refunds (cancel, refund)
    CREATE INDEX payments_order ON payments (order_id);

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
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS idempotency_keys, payments, order_items, orders, order_numbers;
  `);
};
