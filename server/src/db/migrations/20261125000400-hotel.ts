import type { MigrationFn } from '../migrator';

/**
 * The hotel's in-house guest list.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    -- The hotel's in-house guest list, against which room charges are checked.
    CREATE TABLE hotel_stays (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_number text NOT NULL,
      guest_name text NOT NULL,
      check_in date NOT NULL,
      check_out date NOT NULL,
      CHECK (check_out > check_in)
    );
    -- a room charge: is this room occupied today, and by whom
    CREATE INDEX hotel_stays_room ON hotel_stays (room_number, check_in, check_out);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS hotel_stays;
  `);
};
