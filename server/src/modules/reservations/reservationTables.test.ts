import { BookingPolicySchema } from '@dinewire/protocol';
import { QueryTypes } from 'sequelize';
import { DEMO_RESTAURANTS } from '../../demo/demoData';
import { makeBookableRestaurant, makeHeldBooking, type TestBookableRestaurant } from '../../test/factories';
import { testSequelize } from '../../test/harness';

/** The database itself keeps two bookings off one table at one time, whatever the application does. */

const db = testSequelize();
afterAll(() => db.close());

/** A booking row, written directly (no application code), holding `tableId` over [from, to). */
const hold = (r: TestBookableRestaurant, tableId: string, from: string, to: string, active = true) =>
  makeHeldBooking(db, r, { tableIds: [tableId], from, to, active });

const sqlState = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: { original?: { code?: string } }) => err.original?.code ?? String(err),
  );

it('refuses a booking inside a longer one on the same table (SQLSTATE 23P01)', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }] });
  await hold(r, r.tableId, '2030-01-10T18:00:00Z', '2030-01-10T21:00:00Z');
  expect(await sqlState(hold(r, r.tableId, '2030-01-10T19:00:00Z', '2030-01-10T19:30:00Z'))).toBe('23P01');
  expect(await sqlState(hold(r, r.tableId, '2030-01-10T17:30:00Z', '2030-01-10T18:01:00Z'))).toBe('23P01');
});

it('accepts a booking that starts when the previous one ends, and the same time on another table', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }, { seats: 4 }] });
  await hold(r, r.tables[0].id, '2030-01-10T18:00:00Z', '2030-01-10T19:30:00Z');
  expect(await sqlState(hold(r, r.tables[0].id, '2030-01-10T19:30:00Z', '2030-01-10T21:00:00Z'))).toBe('accepted');
  expect(await sqlState(hold(r, r.tables[0].id, '2030-01-10T16:30:00Z', '2030-01-10T18:00:00Z'))).toBe('accepted');
  expect(await sqlState(hold(r, r.tables[1].id, '2030-01-10T18:00:00Z', '2030-01-10T19:30:00Z'))).toBe('accepted');
});

it('frees the table of a cancelled booking (active = false), and refuses to reactivate it over another', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }] });
  const first = await hold(r, r.tableId, '2030-01-10T18:00:00Z', '2030-01-10T19:30:00Z');
  await db.query('UPDATE reservation_tables SET active = false WHERE reservation_id = $first', { bind: { first } });
  expect(await sqlState(hold(r, r.tableId, '2030-01-10T18:30:00Z', '2030-01-10T20:00:00Z'))).toBe('accepted');
  expect(await sqlState(db.query('UPDATE reservation_tables SET active = true WHERE reservation_id = $first', { bind: { first } }))).toBe(
    '23P01',
  );
  // A cancelled hold may itself overlap other cancelled ones.
  expect(await sqlState(hold(r, r.tableId, '2030-01-10T18:00:00Z', '2030-01-10T19:30:00Z', false))).toBe('accepted');
});

it('refuses a range that is empty or not [start, end)', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }] });
  const id = await hold(r, r.tableId, '2030-01-11T18:00:00Z', '2030-01-11T19:00:00Z');
  const insert = (range: string) =>
    db.query(`INSERT INTO reservation_tables (reservation_id, table_id, restaurant_id, during) VALUES ($id, $table, $r, ${range})`, {
      bind: { id, table: r.tableId, r: r.id },
      type: QueryTypes.INSERT,
    });
  expect(await sqlState(insert(`tstzrange('2030-01-12T18:00Z', '2030-01-12T18:00Z', '[)')`))).toBe('23514');
  expect(await sqlState(insert(`tstzrange('2030-01-12T18:00Z', '2030-01-12T19:00Z', '[]')`))).toBe('23514');
});

it("gives every demo restaurant booking rules that protocol's schema accepts", () => {
  for (const r of DEMO_RESTAURANTS) {
    const policy = BookingPolicySchema.parse(r.cancellationPolicy);
    expect(policy.minPartySize).toBeLessThanOrEqual(policy.maxPartySize);
  }
});
