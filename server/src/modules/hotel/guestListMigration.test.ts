import { QueryTypes } from 'sequelize';
import { createSequelize } from '../../db/connection';
import { createMigrator } from '../../db/migrator';
import { decryptPii } from '../../lib/pii';
import { scratchDatabase } from '../../test/scratchDb';
import { testConfig } from '../../test/harness';

/** The guest list of a database migrated before room PINs: its plain names move into encrypted ones, and back on down. */
describe('the room-charges migration', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  afterAll(() => scratch?.drop());

  it('encrypts the names of existing stays, leaves them without a PIN, and restores them going down', async () => {
    scratch = await scratchDatabase('guest_list');
    const sequelize = createSequelize(scratch.url, { poolMax: 2 });
    const { piiKey } = testConfig();
    try {
      await createMigrator(sequelize).up({ to: '20261125000900-events' });
      await sequelize.query(
        `INSERT INTO hotel_stays (room_number, guest_name, check_in, check_out) VALUES (' 12a ', 'Emily Carter', current_date, current_date + 2)`,
      );
      // Without the key the names cannot move: the migration says so and changes nothing.
      await expect(createMigrator(sequelize).up()).rejects.toThrow(/PII_KEY/);

      const migrator = createMigrator(sequelize, undefined, { piiKey });
      await migrator.up();
      const [after] = await sequelize.query<Record<string, unknown>>('SELECT * FROM hotel_stays', { type: QueryTypes.SELECT });
      expect(after).not.toHaveProperty('guest_name');
      expect(after).toMatchObject({ room_number: '12A', pin_hash: null });
      expect(JSON.stringify(after)).not.toContain('Emily');
      expect(decryptPii(piiKey, after.guest_name_enc as string)).toBe('Emily Carter');

      await migrator.down({ to: '20261201002000-room-charges' });
      const [before] = await sequelize.query<Record<string, unknown>>('SELECT * FROM hotel_stays', { type: QueryTypes.SELECT });
      expect(before).toMatchObject({ guest_name: 'Emily Carter', room_number: '12A' });
      expect(before).not.toHaveProperty('guest_name_enc');
    } finally {
      await sequelize.close();
    }
  });
});
