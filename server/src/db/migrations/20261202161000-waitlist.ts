import type { MigrationFn } from '../migrator';

/**
 * The waitlist: guests (and hosts' walk-ins) waiting for a table on a local date, in join order.
 * Contact is encrypted (lib/pii), the entry's token kept only as a keyed hash.
 *
 * An offer holds its table the way a booking does: a reservation of status `held` with its
 * reservation_tables rows, so availability, booking, walk-ins and changes all see the table
 * taken, and the exclusion constraint stays the one final guard. Accepting turns that row into
 * the booking (status `booked`); an offer that expires or is declined deletes it (and its holds).
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
    ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
      CHECK (status IN ('booked', 'seated', 'completed', 'cancelled', 'no_show', 'held'));

    CREATE TABLE waitlist_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'expired', 'cancelled')),
      party_size smallint NOT NULL CHECK (party_size BETWEEN 1 AND 100),
      -- the restaurant's local day, and the local window of start times the guest takes (null: any)
      date date NOT NULL,
      from_time text CHECK (from_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
      to_time text CHECK (to_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
      name_enc text NOT NULL,
      phone_enc text NOT NULL,
      email_enc text NOT NULL,
      notes text,
      -- the language the guest joined in: the offer message is written in it
      lang text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'zh-Hant', 'zh-Hans')),
      walk_in boolean NOT NULL DEFAULT false,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      token_hash text NOT NULL,
      -- while offered: the held reservation (status 'held'); once booked: the booking it became
      reservation_id uuid REFERENCES reservations(id) ON DELETE SET NULL,
      offer_starts_at timestamptz,
      offer_ends_at timestamptz,
      offer_expires_at timestamptz,
      offer_table_ids uuid[],
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (from_time IS NULL OR to_time IS NULL OR from_time < to_time),
      CHECK (status <> 'offered' OR (reservation_id IS NOT NULL AND offer_expires_at IS NOT NULL))
    );
    -- the line of a day, in join order
    CREATE INDEX waitlist_entries_line ON waitlist_entries (restaurant_id, date, created_at);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS waitlist_entries;
    DELETE FROM reservations WHERE status = 'held';
    ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
    ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
      CHECK (status IN ('booked', 'seated', 'completed', 'cancelled', 'no_show'));
  `);
};
