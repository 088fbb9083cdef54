import type { MigrationFn } from '../migrator';

/**
 * Table reservations. A booking holds one or more tables (a joinable combination for a large
 * party) through `reservation_tables`, whose exclusion constraint is what guarantees that two
 * active holds of one table never overlap in time, whatever the application does: the booking
 * code only chooses candidates and relies on it for races (SQLSTATE 23P01). Ranges are `[)`,
 * so a booking may start the minute the previous one ends.
 *
 * The booking rules stay in `restaurants.cancellation_policy` (CONTRACT's bookingPolicy, typed
 * by protocol's BookingPolicySchema); tables that may be pushed together share a `join_group`.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE EXTENSION IF NOT EXISTS btree_gist;

    -- Tables of one restaurant with the same join_group can be put together for one party.
    ALTER TABLE dining_tables ADD COLUMN join_group text;

    CREATE TABLE reservations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      -- the short confirmation code the guest reads out at the host stand
      code text NOT NULL,
      status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'seated', 'completed', 'cancelled', 'no_show')),
      party_size smallint NOT NULL CHECK (party_size BETWEEN 1 AND 100),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      -- the guest's contact, encrypted (lib/pii)
      name_enc text NOT NULL,
      phone_enc text NOT NULL,
      email_enc text NOT NULL,
      notes text,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      -- keyed hash of the guest's booking token; the token itself is never stored
      token_hash text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (restaurant_id, code),
      CHECK (ends_at > starts_at)
    );
    -- a restaurant's day (host stand, availability's pacing)
    CREATE INDEX reservations_restaurant_starts ON reservations (restaurant_id, starts_at);
    CREATE INDEX reservations_user ON reservations (user_id) WHERE user_id IS NOT NULL;

    CREATE TABLE reservation_tables (
      reservation_id uuid NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
      table_id uuid NOT NULL REFERENCES dining_tables(id) ON DELETE CASCADE,
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
      -- false once the booking is cancelled or over: the table is free again for that time
      active boolean NOT NULL DEFAULT true,
      PRIMARY KEY (reservation_id, table_id),
      CONSTRAINT reservation_tables_no_overlap EXCLUDE USING gist (table_id WITH =, during WITH &&) WHERE (active)
    );
    -- availability reads a restaurant's holds over a day
    CREATE INDEX reservation_tables_restaurant_during ON reservation_tables USING gist (restaurant_id, during) WHERE (active);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS reservation_tables, reservations;
    ALTER TABLE dining_tables DROP COLUMN IF EXISTS join_group;
  `);
};
