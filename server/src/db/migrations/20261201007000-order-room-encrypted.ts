import { QueryTypes } from 'sequelize';
import { decryptPii, encryptPii } from '../../lib/pii';
import type { MigrationFn } from '../migrator';

/**
 * The room an order was charged to is the guest's, like their name: encrypted at rest with the
 * PII key (the existing rows moved over), the plain column dropped. The stay it was charged to
 * stays linked by id (room_stay_id).
 */
export const up: MigrationFn = async ({ context: q, secrets: { piiKey } }) => {
  const db = q.sequelize;
  const rows = await db.query<{ id: string; room_number: string }>('SELECT id, room_number FROM orders WHERE room_number IS NOT NULL', {
    type: QueryTypes.SELECT,
  });
  if (rows.length > 0 && !piiKey) throw new Error('moving the rooms of room-charged orders into an encrypted column needs PII_KEY');
  await db.query('ALTER TABLE orders ADD COLUMN room_number_enc text');
  for (const r of rows) {
    await db.query('UPDATE orders SET room_number_enc = $enc WHERE id = $id', {
      bind: { id: r.id, enc: encryptPii(piiKey!, r.room_number) },
    });
  }
  await db.query('ALTER TABLE orders DROP COLUMN room_number');
};

export const down: MigrationFn = async ({ context: q, secrets: { piiKey } }) => {
  const db = q.sequelize;
  const rows = await db.query<{ id: string; room_number_enc: string }>(
    'SELECT id, room_number_enc FROM orders WHERE room_number_enc IS NOT NULL',
    { type: QueryTypes.SELECT },
  );
  if (rows.length > 0 && !piiKey) throw new Error('restoring the rooms of room-charged orders needs PII_KEY');
  await db.query('ALTER TABLE orders ADD COLUMN room_number text');
  for (const r of rows) {
    await db.query('UPDATE orders SET room_number = $room WHERE id = $id', {
      bind: { id: r.id, room: decryptPii(piiKey!, r.room_number_enc) },
    });
  }
  await db.query('ALTER TABLE orders DROP COLUMN room_number_enc');
};
