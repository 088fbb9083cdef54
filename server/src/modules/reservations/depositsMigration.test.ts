import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../db/connection';
import { createMigrator } from '../../db/migrator';
import { rows } from '../../db/sql';
import { makeBookableRestaurant, makeHeldBooking } from '../../test/factories';
import { testConfig } from '../../test/harness';
import { scratchDatabase } from '../../test/scratchDb';

const MIGRATION = '20261202160000-reservation-deposits';

/** A payments row belongs to an order or to a booking, exactly one; down takes the bookings' rows and the column away. */
describe('reservation deposits migration', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let sequelize: Sequelize;
  beforeAll(async () => {
    scratch = await scratchDatabase('deposits');
    sequelize = createSequelize(scratch.url, { poolMax: 2 });
  });
  afterAll(async () => {
    await sequelize?.close();
    await scratch?.drop();
  });

  it('holds exactly one owner per payment, and goes down and up again', async () => {
    const migrator = createMigrator(sequelize, undefined, { piiKey: testConfig().piiKey });
    await migrator.up({ to: MIGRATION });
    const r = await makeBookableRestaurant(sequelize, { tables: [{ seats: 2 }] });
    const id = await makeHeldBooking(sequelize, r, {
      tableIds: [r.tables[0].id],
      from: '2030-01-01T10:00:00Z',
      to: '2030-01-01T11:30:00Z',
    });
    const pay = (sql: string) => sequelize.query(sql, { bind: { id } });
    await pay(`INSERT INTO payments (reservation_id, method, kind, amount_cents) VALUES ($id, 'room', 'charge', 1000)`);
    await expect(
      pay(`INSERT INTO payments (method, kind, amount_cents) VALUES ('room', 'charge', 1000) RETURNING $id::uuid`),
    ).rejects.toThrow(/payments_one_owner/);
    await migrator.down({ to: MIGRATION });
    const columns = await rows<{ column_name: string }>(
      sequelize,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'payments' AND column_name IN ('reservation_id', 'refund_of')`,
    );
    expect(columns).toEqual([]);
    expect(await rows(sequelize, 'SELECT 1 FROM payments')).toEqual([]);
    await migrator.up();
  });
});
