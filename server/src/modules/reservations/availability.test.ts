import type { DinewireNode } from '../../node';
import { makeBookableRestaurant, makeHeldBooking, type TestBookableRestaurant } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';
import { localDate } from './localTime';

/** Availability over HTTP: each rule of the restaurant's, then the tables. Test restaurants keep Hong Kong time (UTC+8, no DST). */

const db = testSequelize();
let node: DinewireNode;
beforeAll(async () => {
  node = await startTestNode();
});
afterAll(async () => {
  await node?.close();
  await db.close();
});

/** A local date `days` after Hong Kong's today. */
function hkDate(days: number): string {
  const today = localDate(new Date(), 'Asia/Hong_Kong');
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
/** `HH:MM` Hong Kong time on `date`, as the API answers it. */
const hk = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

const EVENING = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '18:00', closes: '21:00' }));

async function slots(r: TestBookableRestaurant, date: string, partySize: number): Promise<string[]> {
  const res = await client(node.url).get(`/api/v1/restaurants/${r.id}/availability?date=${date}&partySize=${partySize}`);
  expect(res.status).toBe(200);
  return res.body.slots.map((s: { startsAt: string }) => s.startsAt);
}

it('starts a slot every slotMinutes from opening, while the stay ends by closing', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING });
  const date = hkDate(3);
  const res = await client(node.url).get(`/api/v1/restaurants/${r.id}/availability?date=${date}&partySize=2`);
  expect(res.body.slots).toEqual(
    ['18:00', '18:30', '19:00', '19:30'].map((t) => ({
      startsAt: hk(date, t),
      endsAt: new Date(Date.parse(hk(date, t)) + 90 * 60_000).toISOString(),
    })),
  );
});

it('gives a party the stay its size has, and so fewer late slots to a longer stay', async () => {
  const r = await makeBookableRestaurant(db, {
    tables: [{ seats: 8 }],
    openingHours: EVENING,
    policy: {
      stayMinutesByPartySize: [
        { upToPartySize: 2, minutes: 60 },
        { upToPartySize: 6, minutes: 120 },
      ],
    },
  });
  const date = hkDate(3);
  expect(await slots(r, date, 2)).toEqual(['18:00', '18:30', '19:00', '19:30', '20:00'].map((t) => hk(date, t)));
  expect(await slots(r, date, 5)).toEqual(['18:00', '18:30', '19:00'].map((t) => hk(date, t)));
  expect(await slots(r, date, 8)).toEqual(['18:00', '18:30', '19:00', '19:30'].map((t) => hk(date, t)));
});

it('has no slots on a closed date, a day without opening hours, beyond the horizon, before today or inside the lead time', async () => {
  const date = hkDate(3);
  const closed = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING, policy: { closedDates: [date] } });
  expect(await slots(closed, date, 2)).toEqual([]);
  expect(await slots(closed, hkDate(4), 2)).toHaveLength(4);

  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const dark = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING.filter((h) => h.day !== weekday) });
  expect(await slots(dark, date, 2)).toEqual([]);
  expect(await slots(dark, hkDate(4), 2)).toHaveLength(4);

  const near = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING, policy: { bookingHorizonDays: 3 } });
  expect(await slots(near, hkDate(3), 2)).toHaveLength(4);
  expect(await slots(near, hkDate(4), 2)).toEqual([]);
  expect(await slots(near, hkDate(-1), 2)).toEqual([]);

  // Four days' notice: day 3's evening is too soon, day 5's is not.
  const lead = await makeBookableRestaurant(db, {
    tables: [{ seats: 4 }],
    openingHours: EVENING,
    policy: { bookingLeadMinutes: 4 * 24 * 60 },
  });
  expect(await slots(lead, hkDate(3), 2)).toEqual([]);
  expect(await slots(lead, hkDate(5), 2)).toHaveLength(4);
});

it('refuses bad input and parties outside the limits with 400 naming the field', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], policy: { minPartySize: 2, maxPartySize: 6 } });
  const api = client(node.url);
  const field = async (query: string) => {
    const res = await api.get(`/api/v1/restaurants/${r.id}/availability?${query}`);
    expect(res.status).toBe(400);
    return res.body.error.details.map((d: { field: string }) => d.field);
  };
  expect(await field(`date=${hkDate(3)}&partySize=7`)).toEqual(['partySize']);
  expect(await field(`date=${hkDate(3)}&partySize=1`)).toEqual(['partySize']);
  expect(await field(`date=${hkDate(3)}&partySize=two`)).toEqual(['partySize']);
  expect(await field('date=2030-02-30&partySize=2')).toEqual(['date']);
  expect(await field('date=2030-13-01&partySize=2')).toEqual(['date']);
  expect(await field('date=tomorrow&partySize=2')).toEqual(['date']);
  expect(await field('partySize=2')).toEqual(['date']);
});

it('seats a party at one table that fits, else at a join group’s tables together, never at tables that cannot join', async () => {
  const date = hkDate(3);
  const joinable = await makeBookableRestaurant(db, {
    tables: [
      { seats: 4, joinGroup: 'hall' },
      { seats: 4, joinGroup: 'hall' },
    ],
    openingHours: EVENING,
  });
  expect(await slots(joinable, date, 4)).toHaveLength(4);
  expect(await slots(joinable, date, 7)).toHaveLength(4);
  expect(await slots(joinable, date, 9)).toEqual([]);
  const apart = await makeBookableRestaurant(db, { tables: [{ seats: 4 }, { seats: 4, joinGroup: 'hall' }], openingHours: EVENING });
  expect(await slots(apart, date, 7)).toEqual([]);
});

it('drops the slots whose stay a booking of the only fitting table overlaps; a cancelled booking frees them', async () => {
  const date = hkDate(3);
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 6 }], openingHours: EVENING });
  await makeHeldBooking(db, r, { tableIds: [r.tables[1].id], from: hk(date, '18:00'), to: hk(date, '19:30'), partySize: 5 });
  expect(await slots(r, date, 5)).toEqual([hk(date, '19:30')]);
  // The party of two still has its own table.
  expect(await slots(r, date, 2)).toHaveLength(4);
  await makeHeldBooking(db, r, { tableIds: [r.tables[0].id], from: hk(date, '19:30'), to: hk(date, '21:00') });
  // Two-top free until 19:30, six-top from 19:30: 18:30 and 19:00 overlap both.
  expect(await slots(r, date, 2)).toEqual(['18:00', '19:30'].map((t) => hk(date, t)));
  const cancelled = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING });
  await makeHeldBooking(db, cancelled, { tableIds: [cancelled.tableId], from: hk(date, '18:00'), to: hk(date, '21:00'), active: false });
  expect(await slots(cancelled, date, 2)).toHaveLength(4);
});

it('paces the covers starting in one slot', async () => {
  const date = hkDate(3);
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }, { seats: 4 }], openingHours: EVENING, policy: { coversPerSlot: 4 } });
  await makeHeldBooking(db, r, { tableIds: [r.tables[0].id], from: hk(date, '18:00'), to: hk(date, '19:30'), partySize: 3 });
  expect(await slots(r, date, 2)).toEqual(['18:30', '19:00', '19:30'].map((t) => hk(date, t)));
  expect(await slots(r, date, 1)).toEqual(['18:00', '18:30', '19:00', '19:30'].map((t) => hk(date, t)));
});
