import { QueryTypes } from 'sequelize';
import { decryptPii, encryptPii } from '../../lib/pii';
import type { MigrationFn } from '../migrator';

/**
 * Room charges that a stranger cannot make: the in-house guest list's names encrypted at rest (the
 * existing ones moved over with the PII key), each stay's check-in PIN as a keyed hash, the rooms
 * locked after repeated misses, the restaurant's settings for held room charges and unpaid counter
 * orders, and the stay a room order is charged to (kept while a held charge waits for staff).
 */
export const up: MigrationFn = async ({ context: q, secrets: { piiKey } }) => {
  const db = q.sequelize;
  // Checked before any change: without the key, nothing is altered.
  const stays = await db.query<{ id: string; guest_name: string }>('SELECT id, guest_name FROM hotel_stays', { type: QueryTypes.SELECT });
  if (stays.length > 0 && !piiKey) throw new Error('moving the hotel guest list into encrypted columns needs PII_KEY');
  await db.query(`
    ALTER TABLE hotel_stays ADD COLUMN guest_name_enc text, ADD COLUMN pin_hash text;
    -- room numbers as room charges look them up (modules/hotel/hotelStays normalisedRoom)
    UPDATE hotel_stays SET room_number = upper(trim(room_number));
  `);
  for (const s of stays) {
    await db.query('UPDATE hotel_stays SET guest_name_enc = $enc WHERE id = $id', {
      bind: { id: s.id, enc: encryptPii(piiKey!, s.guest_name) },
    });
  }
  await db.query(`
    -- The guest's name, AES-256-GCM with PII_KEY (lib/pii); the plain column goes.
    ALTER TABLE hotel_stays ALTER COLUMN guest_name_enc SET NOT NULL, DROP COLUMN guest_name;
    -- pin_hash: HMAC-SHA256 of the stay's check-in PIN under a key derived from PII_KEY; NULL: no PIN was
    -- given (stays from before PINs), so only staff, or a restaurant that holds room charges, charge the room.

    -- Misses of self-service room charges per room number (whether or not anyone stays in it, so a lock
    -- says nothing about occupancy), counted in a window of 24 hours; locked_at set once a room keeps
    -- missing: guests' devices can no longer charge it until a host or manager unlocks it.
    CREATE TABLE room_locks (
      room_number text PRIMARY KEY,
      misses integer NOT NULL DEFAULT 0,
      window_started_at timestamptz NOT NULL DEFAULT now(),
      locked_at timestamptz,
      -- the restaurant whose order made the last miss: its staff are told of the lock
      restaurant_id uuid REFERENCES restaurants(id) ON DELETE SET NULL
    );
    -- the staff list of locked rooms
    CREATE INDEX room_locks_locked ON room_locks (locked_at) WHERE locked_at IS NOT NULL;

    ALTER TABLE restaurants
      -- a room charge from a guest's device without its PIN waits for a host or manager to confirm it
      ADD COLUMN hold_room_charges boolean NOT NULL DEFAULT false,
      -- an unpaid pay-at-counter order gives its stock back after this many minutes
      ADD COLUMN counter_payment_minutes integer NOT NULL DEFAULT 30 CHECK (counter_payment_minutes BETWEEN 1 AND 1440);

    -- The stay a room order is charged to: its payment row is written when the charge is made, which for
    -- a held charge is when staff confirm it.
    ALTER TABLE orders ADD COLUMN room_stay_id uuid REFERENCES hotel_stays(id);
  `);
};

export const down: MigrationFn = async ({ context: q, secrets: { piiKey } }) => {
  const db = q.sequelize;
  const stays = await db.query<{ id: string; guest_name_enc: string }>('SELECT id, guest_name_enc FROM hotel_stays', {
    type: QueryTypes.SELECT,
  });
  if (stays.length > 0 && !piiKey) throw new Error('moving the hotel guest list back to plain names needs PII_KEY');
  await db.query(`
    ALTER TABLE orders DROP COLUMN IF EXISTS room_stay_id;
    ALTER TABLE restaurants DROP COLUMN IF EXISTS hold_room_charges, DROP COLUMN IF EXISTS counter_payment_minutes;
    DROP TABLE IF EXISTS room_locks;
    ALTER TABLE hotel_stays ADD COLUMN guest_name text;
  `);
  for (const s of stays) {
    await db.query('UPDATE hotel_stays SET guest_name = $name WHERE id = $id', {
      bind: { id: s.id, name: decryptPii(piiKey!, s.guest_name_enc) },
    });
  }
  await db.query(`
    ALTER TABLE hotel_stays ALTER COLUMN guest_name SET NOT NULL, DROP COLUMN guest_name_enc, DROP COLUMN pin_hash;
  `);
};
