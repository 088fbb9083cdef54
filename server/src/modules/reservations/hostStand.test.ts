import crypto from 'node:crypto';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeBookableRestaurant, makeDevice, makeUser, type TestBookableRestaurant } from '../../test/factories';
import { client, startTestNode, testSequelize } from '../../test/harness';
import { localDate } from './localTime';

/** The host stand over HTTP through two nodes: seat, complete, walk-ins; who may; what they free. */

const db = testSequelize();
let nodeA: DinewireNode;
let nodeB: DinewireNode;
beforeAll(async () => {
  [nodeA, nodeB] = await Promise.all([startTestNode({ redis: true }), startTestNode({ redis: true })]);
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await db.close();
});

function evening(days = 3, hhmm = '19:00'): string {
  const today = localDate(new Date(), 'Asia/Hong_Kong');
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${date}T${hhmm}:00+08:00`).toISOString();
}
const key = () => crypto.randomUUID();
const book = async (r: TestBookableRestaurant, extra: Record<string, unknown> = {}) => {
  const res = await client(nodeA.url).post(
    '/api/v1/reservations',
    { restaurantId: r.id, partySize: 2, startsAt: evening(), name: 'Lee', phone: '+852 9000 0000', email: 'lee@example.com', ...extra },
    { 'idempotency-key': key() },
  );
  expect(res.status).toBe(201);
  return res.body.reservation as { id: string; tableIds: string[]; version: number };
};
const holdsOf = async (reservationId: string) =>
  (
    (await db.query(
      'SELECT table_id, lower(during) AS "from", upper(during) AS "to", active FROM reservation_tables WHERE reservation_id = $id',
      {
        bind: { id: reservationId },
      },
    )) as [{ table_id: string; from: Date; to: Date; active: boolean }[], unknown]
  )[0];

it('lets only hosts and managers of the restaurant seat and complete a booking; others learn nothing of it', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }] });
  const booked = await book(r);
  const [manager, kitchen, otherHost, guest] = await Promise.all([
    makeUser(db, 'manager', [r.id]),
    makeUser(db, 'kitchen', [r.id]),
    makeUser(db, 'host'),
    makeUser(db, 'guest'),
  ]);
  const screen = await makeDevice(db, r.id, 'kitchen');
  for (const path of ['seat', 'complete']) {
    for (const token of [kitchen.token, otherHost.token, guest.token, screen.token, undefined]) {
      const res = await client(nodeA.url, token).post(`/api/v1/reservations/${booked.id}/${path}`, {});
      expect({ path, status: res.status, code: res.body.error.code }).toEqual({ path, status: 404, code: 'not_found' });
    }
  }
  const missing = await client(nodeA.url, manager.token).post(`/api/v1/reservations/${crypto.randomUUID()}/seat`, {});
  expect(missing.status).toBe(404);
  expect((await client(nodeA.url, manager.token).post('/api/v1/reservations/nope/seat', {})).body.error.details[0].field).toBe(
    'reservationId',
  );
  expect((await client(nodeA.url, manager.token).post(`/api/v1/reservations/${booked.id}/seat`, { version: 0 })).status).toBe(400);

  // Not seated yet: nothing to complete. A stale version: refused, unchanged.
  const early = await client(nodeA.url, manager.token).post(`/api/v1/reservations/${booked.id}/complete`, {});
  expect([early.status, early.body.error.code]).toEqual([409, 'invalid_transition']);
  const stale = await client(nodeB.url, manager.token).post(`/api/v1/reservations/${booked.id}/seat`, { version: 2 });
  expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
  expect((await models(db).Reservation.findByPk(booked.id))!.status).toBe('booked');

  const seated = await client(nodeB.url, manager.token).post(`/api/v1/reservations/${booked.id}/seat`, { version: 1 });
  expect(seated.body.reservation).toMatchObject({ status: 'seated', version: 2, guest: { name: 'Lee' } });
  const done = await client(nodeA.url, manager.token).post(`/api/v1/reservations/${booked.id}/complete`, {});
  expect(done.body.reservation).toMatchObject({ status: 'completed', version: 3, tableIds: booked.tableIds });
  // Left before its time began: its tables are let go whole, and the slot is bookable again.
  expect((await holdsOf(booked.id)).map((h) => h.active)).toEqual([false]);
  expect((await client(nodeA.url, manager.token).post(`/api/v1/reservations/${booked.id}/seat`, {})).status).toBe(409);
  await book(r);

  const staff = (await client(nodeA.url, manager.token).get(`/api/v1/restaurants/${r.id}/events?after=0&scope=staff`)).body.events;
  const updates = staff.filter((e: { type: string }) => e.type === 'reservation.updated');
  expect(updates.map((e: { data: { status: string; version: number } }) => [e.data.status, e.data.version])).toEqual([
    ['seated', 2],
    ['completed', 3],
  ]);
  expect(updates[0].data.guest).toEqual({ name: 'Lee', phone: '+852 9000 0000', email: 'lee@example.com' });
  const kitchenEvents = (await client(nodeA.url, screen.token).get(`/api/v1/restaurants/${r.id}/events?after=0&scope=kitchen`)).body.events;
  expect(kitchenEvents.filter((e: { type: string }) => e.type.startsWith('reservation.'))).toEqual([]);
  const [stored] = (await db.query("SELECT data::text AS data FROM events WHERE restaurant_id = $r AND type = 'reservation.updated'", {
    bind: { r: r.id },
  })) as [{ data: string }[], unknown];
  for (const e of stored) expect(e.data).not.toContain('lee@example.com');
});

it('seats a walk-in now at the smallest free table that fits, or the tables given, and 409s when none is free', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 6 }, { seats: 2 }, { seats: 4 }] });
  const host = await makeUser(db, 'host', [r.id]);
  const walkIn = (body: Record<string, unknown>) => client(nodeA.url, host.token).post(`/api/v1/restaurants/${r.id}/walk-ins`, body);

  const before = Date.now();
  const first = await walkIn({ partySize: 3 });
  expect(first.status).toBe(201);
  const w = first.body.reservation;
  expect(w).toMatchObject({
    walkIn: true,
    status: 'seated',
    partySize: 3,
    tableIds: [r.tables[2].id],
    guest: { name: '', phone: '', email: '' },
    allergies: [],
    preorderOrderId: null,
    version: 1,
  });
  expect(Date.parse(w.startsAt)).toBeGreaterThanOrEqual(before - 1000);
  expect(Date.parse(w.endsAt) - Date.parse(w.startsAt)).toBe(90 * 60_000);
  // The contact is encrypted even when empty; the name when given.
  const named = await walkIn({ partySize: 1, name: 'Mr Wong', notes: 'by the window' });
  expect(named.body.reservation).toMatchObject({ tableIds: [r.tables[1].id], guest: { name: 'Mr Wong', phone: '', email: '' } });
  const [raw] = (await db.query('SELECT name_enc, phone_enc FROM reservations WHERE id = $id', {
    bind: { id: named.body.reservation.id },
  })) as [{ name_enc: string; phone_enc: string }[], unknown];
  expect(raw[0].name_enc).toMatch(/^v2:/);
  expect(raw[0].name_enc).not.toContain('Wong');
  expect(raw[0].phone_enc).toMatch(/^v2:/);

  // The four-top is taken now: asking for it is refused by the constraint; a party of 7 fits nowhere.
  const taken = await walkIn({ partySize: 2, tableIds: [r.tables[2].id] });
  expect([taken.status, taken.body.error.code]).toEqual([409, 'slot_unavailable']);
  expect((await walkIn({ partySize: 7 })).status).toBe(409);
  const six = await walkIn({ partySize: 2, tableIds: [r.tables[0].id] });
  expect(six.body.reservation.tableIds).toEqual([r.tables[0].id]);
  const none = await walkIn({ partySize: 1 });
  expect([none.status, none.body.error.code]).toEqual([409, 'slot_unavailable']);

  const bad = await walkIn({ partySize: 2, tableIds: [crypto.randomUUID()] });
  expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'tableIds.0']);
  expect((await walkIn({ partySize: 0 })).body.error.details[0].field).toBe('partySize');

  // Completing frees the table from now on: the rest of the stay is bookable again.
  const done = await client(nodeB.url, host.token).post(`/api/v1/reservations/${w.id}/complete`, {});
  expect(done.body.reservation).toMatchObject({ status: 'completed', version: 2 });
  const [hold] = await holdsOf(w.id);
  expect(hold.active).toBe(true);
  expect(new Date(hold.to).getTime()).toBeLessThan(Date.parse(w.endsAt));
  expect(new Date(hold.to).getTime()).toBeGreaterThan(Date.parse(w.startsAt));
  const next = await walkIn({ partySize: 3 });
  expect(next.status).toBe(201);
  expect(next.body.reservation.tableIds).toEqual([r.tables[2].id]);

  const staff = (await client(nodeA.url, host.token).get(`/api/v1/restaurants/${r.id}/events?after=0&scope=staff`)).body.events;
  expect(staff.filter((e: { type: string }) => e.type === 'reservation.created').map((e: { data: { id: string } }) => e.data.id)).toContain(
    w.id,
  );
});

it('lets only hosts and managers of the restaurant seat walk-ins', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }] });
  const [manager, kitchen, guest, elsewhere] = await Promise.all([
    makeUser(db, 'manager', [r.id]),
    makeUser(db, 'kitchen', [r.id]),
    makeUser(db, 'guest'),
    makeUser(db, 'host'),
  ]);
  const kiosk = await makeDevice(db, r.id, 'kiosk');
  const post = (token?: string) => client(nodeA.url, token).post(`/api/v1/restaurants/${r.id}/walk-ins`, { partySize: 2 });
  expect((await post()).status).toBe(401);
  for (const token of [kitchen.token, guest.token, elsewhere.token, kiosk.token]) expect((await post(token)).status).toBe(403);
  expect(await models(db).Reservation.count({ where: { restaurantId: r.id } })).toBe(0);
  expect((await post(manager.token)).status).toBe(201);
  expect(
    (await client(nodeA.url, manager.token).post(`/api/v1/restaurants/${crypto.randomUUID()}/walk-ins`, { partySize: 2 })).status,
  ).toBe(403);
});

it('10 concurrent walk-ins over two nodes: as many are seated as tables fit, the rest 409, no table held twice', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 4 }, { seats: 2 }] });
  const host = await makeUser(db, 'host', [r.id]);
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      client(i % 2 ? nodeB.url : nodeA.url, host.token).post(`/api/v1/restaurants/${r.id}/walk-ins`, { partySize: 2 }),
    ),
  );
  const statuses = answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${a.body?.error?.code}`));
  expect(statuses.filter((s) => s === 201)).toHaveLength(3);
  expect(statuses.filter((s) => s !== 201)).toEqual(Array(7).fill('409 slot_unavailable'));
  const held = answers.filter((a) => a.status === 201).flatMap((a) => a.body.reservation.tableIds as string[]);
  expect(new Set(held).size).toBe(3);
});
