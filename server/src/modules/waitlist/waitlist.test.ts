import crypto from 'node:crypto';
import type { BookingPolicy } from '@dinewire/protocol';
import { one, rows } from '../../db/sql';
import { decryptPii, encryptPii } from '../../lib/pii';
import type { DinewireNode } from '../../node';
import {
  DECLINED_CARD,
  makeBookableRestaurant,
  makeHeldBooking,
  makeUser,
  TEST_CARD,
  type TestBookableRestaurant,
} from '../../test/factories';
import { client, eventually, startTestNode, testConfig, testSequelize } from '../../test/harness';
import { localDate } from '../reservations/localTime';
import { enqueueWaitlistOffer } from './waitlistOffers';

/**
 * The waitlist over HTTP through two nodes that both work the job queue: joining, access by token,
 * offers to the first fitting entry when a table frees, the hold, expiry, accepting, and races.
 */

const db = testSequelize();
const piiKey = testConfig().piiKey;
const ns = `w${crypto.randomBytes(4).toString('hex')}`;
let nodeA: DinewireNode;
let nodeB: DinewireNode;
beforeAll(async () => {
  [nodeA, nodeB] = await Promise.all([startTestNode({ redis: true, jobNamespace: ns }), startTestNode({ redis: true, jobNamespace: ns })]);
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await db.close();
});

/** 18:00–21:00 with 90-minute stays: slots at 18:00, 18:30, 19:00 and 19:30. */
const EVENING = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '18:00', closes: '21:00' }));
const ALL_DAY = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '00:00', closes: '23:59' }));
const DATE = (() => {
  const today = localDate(new Date(), 'Asia/Hong_Kong');
  return new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
})();
const at = (hhmm: string, date = DATE) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

interface Full {
  r: TestBookableRestaurant;
  blockerId: string;
  host: string;
}

/** A restaurant of one four-seat table, taken the whole evening. */
async function fullRestaurant(policy: Partial<BookingPolicy> = {}): Promise<Full> {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING, policy });
  const blockerId = await makeHeldBooking(db, r, { tableIds: [r.tables[0].id], from: at('18:00'), to: at('21:00') });
  // The factory writes placeholder contact; the host's list of bookings opens it.
  const sealed = encryptPii(piiKey, 'Blocker')!;
  await db.query('UPDATE reservations SET name_enc = $s, phone_enc = $s, email_enc = $s WHERE id = $id', {
    bind: { s: sealed, id: blockerId },
  });
  return { r, blockerId, host: (await makeUser(db, 'host', [r.id])).token };
}

/** Frees the table as a cancellation would, and asks for offers in that transaction. */
async function free(f: Full, node = nodeA): Promise<void> {
  await db.transaction(async (t) => {
    await db.query("UPDATE reservations SET status = 'cancelled' WHERE id = $id", { bind: { id: f.blockerId }, transaction: t });
    await db.query('UPDATE reservation_tables SET active = false WHERE reservation_id = $id', {
      bind: { id: f.blockerId },
      transaction: t,
    });
    await enqueueWaitlistOffer(node.services, t, { restaurantId: f.r.id, date: DATE });
  });
}

const guest = (n: string) => ({ name: `Guest ${n}`, phone: '+852 9123 4567', email: `guest-${n}-${crypto.randomUUID()}@example.com` });
async function join(f: Full, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const body = { partySize: 2, date: DATE, ...guest('x'), ...extra };
  const res = await client(nodeA.url).post(`/api/v1/restaurants/${f.r.id}/waitlist`, body, headers);
  expect(res.status).toBe(201);
  return { id: res.body.entry.id as string, token: res.body.token as string, email: body.email, body: res.body };
}
const read = (id: string, token?: string, bearer?: string) =>
  client(nodeB.url, bearer).get(`/api/v1/waitlist/${id}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
const statusOf = async (id: string) =>
  (await one<{ status: string }>(db, 'SELECT status FROM waitlist_entries WHERE id = $id', { id }))!.status;

/** The offer messages in the outbox to `email`, decrypted. */
async function offersTo(email: string): Promise<{ lang: string; startsAt: string }[]> {
  const all = await rows<{ recipient_enc: string; payload_enc: string }>(
    db,
    "SELECT recipient_enc, payload_enc FROM outbox_messages WHERE template = 'waitlist.offered'",
  );
  return all.filter((m) => decryptPii(piiKey, m.recipient_enc) === email).map((m) => JSON.parse(decryptPii(piiKey, m.payload_enc)!));
}
const events = (restaurantId: string, type: string) =>
  rows<{ data: Record<string, unknown> }>(db, 'SELECT data FROM events WHERE restaurant_id = $restaurantId AND type = $type ORDER BY seq', {
    restaurantId,
    type,
  });
const jobsDone = async (name: string) =>
  (await one<{ n: number }>(db, "SELECT count(*)::int AS n FROM pgboss.job WHERE name = $name AND state = 'completed'", {
    name: `${ns}.${name}`,
  }))!.n;

it('joins the line with a token, keeps contact and token out of the database, and refuses bad input by field', async () => {
  const f = await fullRestaurant();
  const first = await join(f, { notes: 'Birthday' });
  const second = await join(f);
  expect(first.token).toMatch(/^wt_/);
  expect(first.body.entry).toMatchObject({ status: 'waiting', partySize: 2, date: DATE, position: 1, offer: null, notes: 'Birthday' });
  expect(first.body.entry.guest.email).toBe(first.email);
  expect((await read(second.id, second.token)).body.entry.position).toBe(2);
  const raw = JSON.stringify(await one(db, 'SELECT * FROM waitlist_entries WHERE id = $id', { id: first.id }));
  for (const plain of [first.email, '9123 4567', 'Guest x', first.token]) expect(raw).not.toContain(plain);
  const bad = await client(nodeA.url).post(`/api/v1/restaurants/${f.r.id}/waitlist`, { partySize: 0, date: DATE, ...guest('b') });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details[0].field).toBe('partySize');
  const tooBig = await client(nodeA.url).post(`/api/v1/restaurants/${f.r.id}/waitlist`, { partySize: 50, date: DATE, ...guest('b') });
  expect(tooBig.status).toBe(400);
  expect(tooBig.body.error.details[0].field).toBe('partySize');
  const window = await client(nodeA.url).post(`/api/v1/restaurants/${f.r.id}/waitlist`, {
    partySize: 2,
    date: DATE,
    from: '20:00',
    to: '19:00',
    ...guest('b'),
  });
  expect(window.status).toBe(400);
});

it('lets the guest account that joined act on its entry without the token, and no other account', async () => {
  const f = await fullRestaurant();
  const me = await makeUser(db, 'guest');
  const other = await makeUser(db, 'guest');
  const res = await client(nodeA.url, me.token).post(`/api/v1/restaurants/${f.r.id}/waitlist`, {
    partySize: 2,
    date: DATE,
    ...guest('acct'),
  });
  expect(res.status).toBe(201);
  const id = res.body.entry.id as string;
  expect((await read(id, undefined, me.token)).status).toBe(200);
  expect((await read(id, undefined, other.token)).status).toBe(404);
  expect((await client(nodeB.url, other.token).post(`/api/v1/waitlist/${id}/cancel`, {})).status).toBe(404);
  const cancelled = await client(nodeB.url, me.token).post(`/api/v1/waitlist/${id}/cancel`, {});
  expect(cancelled.body.entry.status).toBe('cancelled');
});

it('tells the staff scope of every change, with the contact, and no other scope', async () => {
  const f = await fullRestaurant();
  const mine = await join(f);
  await client(nodeA.url).post(`/api/v1/waitlist/${mine.id}/cancel`, { token: mine.token });
  const staff = await client(nodeB.url, f.host).get(`/api/v1/restaurants/${f.r.id}/events?after=0&scope=staff`);
  const told = staff.body.events.filter((e: { type: string }) => e.type === 'waitlist.updated');
  expect(told.map((e: { data: { status: string; guest: { email: string } } }) => [e.data.status, e.data.guest.email])).toEqual([
    ['waiting', mine.email],
    ['cancelled', mine.email],
  ]);
  const cook = await makeUser(db, 'kitchen', [f.r.id]);
  for (const scope of ['menu', 'board', 'kitchen']) {
    const res = await client(nodeA.url, cook.token).get(`/api/v1/restaurants/${f.r.id}/events?after=0&scope=${scope}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('waitlist');
  }
});

it('shows an entry to its token, its restaurant’s hosts and nobody else (404)', async () => {
  const f = await fullRestaurant();
  const mine = await join(f);
  const other = await join(f);
  expect((await read(mine.id, mine.token)).status).toBe(200);
  expect((await read(mine.id, other.token)).status).toBe(404);
  expect((await read(mine.id)).status).toBe(404);
  expect((await read(mine.id, undefined, f.host)).body.entry.guest.email).toBe(mine.email);
  const cook = await makeUser(db, 'kitchen', [f.r.id]);
  expect((await read(mine.id, undefined, cook.token)).status).toBe(404);
  const otherHost = await makeUser(db, 'host', []);
  expect((await read(mine.id, undefined, otherHost.token)).status).toBe(404);
  expect((await client(nodeA.url, cook.token).get(`/api/v1/restaurants/${f.r.id}/waitlist?date=${DATE}`)).status).toBe(403);
  expect((await client(nodeA.url).post(`/api/v1/waitlist/${mine.id}/cancel`, { token: other.token })).status).toBe(404);
});

it('offers a freed table to the first entry it fits, holds it against bookings, passes it on at expiry, and books it on accept', async () => {
  const f = await fullRestaurant();
  const big = await join(f, { partySize: 6 }); // no table seats six
  const late = await join(f, { from: '20:00', to: '20:30' }); // no slot starts then
  const fits = await join(f, { from: '18:30', to: '19:00' }, { 'accept-language': 'zh-HK' });
  const next = await join(f);
  await free(f);

  await eventually(async () => expect(await statusOf(fits.id)).toBe('offered'));
  const offered = (await read(fits.id, fits.token)).body.entry;
  expect(offered.offer).toMatchObject({ startsAt: at('18:30'), endsAt: at('20:00'), tableIds: [f.r.tables[0].id] });
  expect(Date.parse(offered.offer.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
  for (const e of [big, late, next]) expect(await statusOf(e.id)).toBe('waiting');
  expect(await offersTo(fits.email)).toEqual([expect.objectContaining({ lang: 'zh-Hant', startsAt: '18:30' })]);

  // The held table: no slot left for anyone else, and a booking of the offered slot is refused.
  const availability = await client(nodeB.url).get(`/api/v1/restaurants/${f.r.id}/availability?date=${DATE}&partySize=2`);
  expect(availability.body.slots).toEqual([]);
  const booking = await client(nodeB.url).post(
    '/api/v1/reservations',
    { restaurantId: f.r.id, partySize: 2, startsAt: at('18:30'), ...guest('z') },
    { 'idempotency-key': crypto.randomUUID() },
  );
  expect(booking.status).toBe(409);
  // The host's list: positions of those waiting, the offer, and no hold among the bookings.
  const list = await client(nodeA.url, f.host).get(`/api/v1/restaurants/${f.r.id}/waitlist?date=${DATE}`);
  expect(list.body.entries.map((e: { id: string; position: number | null }) => [e.id, e.position])).toEqual([
    [big.id, 1],
    [late.id, 2],
    [fits.id, null],
    [next.id, 3],
  ]);
  const bookings = await client(nodeA.url, f.host).get(`/api/v1/restaurants/${f.r.id}/reservations?date=${DATE}`);
  expect(bookings.body.reservations.map((b: { status: string }) => b.status)).toEqual(['cancelled']);
  // Staff were told, contact sealed.
  const told = await events(f.r.id, 'waitlist.updated');
  expect(told.map((e) => e.data.status)).toEqual(['waiting', 'waiting', 'waiting', 'waiting', 'offered']);
  expect(JSON.stringify(told)).not.toContain(fits.email);

  // The offer lapses (its time brought forward instead of waiting it out): the next who fits gets it.
  await db.query("UPDATE waitlist_entries SET offer_expires_at = now() - interval '1 second' WHERE id = $id", { bind: { id: fits.id } });
  await nodeB.services.jobs.send('waitlist.expire', { entryId: fits.id });
  await eventually(async () => expect(await statusOf(next.id)).toBe('offered'));
  expect(await statusOf(fits.id)).toBe('expired');
  const late1 = await client(nodeA.url).post(`/api/v1/waitlist/${fits.id}/accept`, { token: fits.token });
  expect(late1.status).toBe(409);
  expect(late1.body.error.code).toBe('offer_expired');
  const nextOffer = (await read(next.id, next.token)).body.entry.offer;
  expect(nextOffer.startsAt).toBe(at('18:00'));
  expect(
    await one(db, "SELECT count(*)::int AS n FROM reservations WHERE restaurant_id = $id AND status = 'held'", { id: f.r.id }),
  ).toEqual({
    n: 1,
  });

  // Accepting books the held slot: a real booking with its own token, announced to staff.
  const accepted = await client(nodeB.url).post(`/api/v1/waitlist/${next.id}/accept`, { token: next.token });
  expect(accepted.status).toBe(200);
  expect(accepted.body.entry).toMatchObject({ status: 'booked', reservationId: accepted.body.reservation.id, offer: null });
  expect(accepted.body.reservation).toMatchObject({
    status: 'booked',
    startsAt: at('18:00'),
    endsAt: at('19:30'),
    partySize: 2,
    tableIds: [f.r.tables[0].id],
    guest: { email: next.email },
  });
  expect(accepted.body.token).toMatch(/^rt_/);
  const created = await events(f.r.id, 'reservation.created');
  expect(created.map((e) => e.data.id)).toEqual([accepted.body.reservation.id]);
  expect(JSON.stringify(created)).not.toContain(next.email);
  const again = await client(nodeA.url).post(`/api/v1/waitlist/${next.id}/accept`, { token: next.token });
  expect(again.status).toBe(409);
  const stranger = await client(nodeA.url).post(`/api/v1/waitlist/${next.id}/accept`, { token: big.token });
  expect(stranger.status).toBe(404);
});

it('gives a cancelled offer to the next in line at once, and cancelling twice answers the same', async () => {
  const f = await fullRestaurant();
  const a = await join(f);
  const b = await join(f);
  await free(f);
  await eventually(async () => expect(await statusOf(a.id)).toBe('offered'));
  const cancelled = await client(nodeA.url).post(`/api/v1/waitlist/${a.id}/cancel`, { token: a.token });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.entry.status).toBe('cancelled');
  expect(await statusOf(b.id)).toBe('offered');
  const twice = await client(nodeB.url).post(`/api/v1/waitlist/${a.id}/cancel`, { token: a.token });
  expect(twice.body.entry).toEqual(cancelled.body.entry);
});

it('lets only one of two racing accepts book, and a racing booking never takes the held table', async () => {
  const f = await fullRestaurant();
  const a = await join(f, { from: '19:00', to: '19:15' });
  await free(f);
  await eventually(async () => expect(await statusOf(a.id)).toBe('offered'));
  const book = () =>
    client(nodeB.url).post(
      '/api/v1/reservations',
      { restaurantId: f.r.id, partySize: 2, startsAt: at('19:00'), ...guest('r') },
      { 'idempotency-key': crypto.randomUUID() },
    );
  const results = await Promise.all([
    client(nodeA.url).post(`/api/v1/waitlist/${a.id}/accept`, { token: a.token }),
    client(nodeB.url).post(`/api/v1/waitlist/${a.id}/accept`, { token: a.token }),
    book(),
    book(),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  expect(results[0].status + results[1].status).toBe(200 + 409);
  const overlaps = await one<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM reservation_tables x JOIN reservation_tables y
       ON x.table_id = y.table_id AND x.reservation_id < y.reservation_id AND x.during && y.during
     WHERE x.restaurant_id = $id AND x.active AND y.active`,
    { id: f.r.id },
  );
  expect(overlaps!.n).toBe(0);
  const live = await rows<{ status: string }>(db, "SELECT status FROM reservations WHERE restaurant_id = $id AND status <> 'cancelled'", {
    id: f.r.id,
  });
  expect(live).toEqual([{ status: 'booked' }]);
});

it('takes the deposit the rules ask when an offer is accepted, and queues the booking’s reminder and no-show check', async () => {
  // HK$50 a guest: a party of two owes HK$100.
  const f = await fullRestaurant({ depositPerGuestCents: 5000 });
  const a = await join(f);
  await free(f);
  await eventually(async () => expect(await statusOf(a.id)).toBe('offered'));
  const accept = (extra: Record<string, unknown> = {}) =>
    client(nodeA.url).post(`/api/v1/waitlist/${a.id}/accept`, { token: a.token, ...extra });

  // Nothing given: refused with the amount, the offer still standing.
  const unpaid = await accept();
  expect([unpaid.status, unpaid.body.error.code]).toEqual([402, 'deposit_required']);
  expect(unpaid.body.error.details[0]).toMatchObject({ field: 'paymentMethod', amountCents: 10000 });
  const declined = await accept({ paymentMethod: 'card', card: DECLINED_CARD });
  expect([declined.status, declined.body.error.code]).toEqual([402, 'payment_declined']);
  const junk = await accept({ paymentMethod: 'card' });
  expect([junk.status, junk.body.error.details[0].field]).toEqual([400, 'card']);
  expect(await statusOf(a.id)).toBe('offered');

  const paid = await accept({ paymentMethod: 'card', card: TEST_CARD });
  expect(paid.status).toBe(200);
  const id = paid.body.reservation.id as string;
  expect(paid.body.reservation).toMatchObject({ status: 'booked', depositCents: 10000, paidCents: 10000, payment: 'pending' });
  await eventually(async () => {
    const charge = await one<{ status: string; amount_cents: number }>(
      db,
      "SELECT status, amount_cents FROM payments WHERE reservation_id = $id AND kind = 'charge'",
      { id },
    );
    expect(charge).toEqual({ status: 'settled', amount_cents: 10000 });
  }, 15_000);
  // One charge, whatever was refused before it.
  expect((await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM payments WHERE reservation_id = $id', { id }))!.n).toBe(1);
  const queued = await rows<{ name: string }>(db, "SELECT name FROM pgboss.job WHERE data->>'reservationId' = $id ORDER BY name", { id });
  expect(queued.map((j) => j.name)).toEqual([`${ns}.reservation.noShow`, `${ns}.reservation.remind`]);
});

it('offers the line a stay given up by a change to another day, and the rest of a stay completed early', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING });
  const manager = (await makeUser(db, 'manager', [r.id])).token;
  const book = async (startsAt: string) => {
    const res = await client(nodeA.url).post(
      '/api/v1/reservations',
      { restaurantId: r.id, partySize: 2, startsAt, ...guest('b') },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(res.status).toBe(201);
    return res.body.reservation as { id: string; version: number };
  };
  // 18:00–19:30 and 19:30–21:00 on the one table: no slot left that day.
  const early = await book(at('18:00'));
  const late = await book(at('19:30'));
  const f: Full = { r, blockerId: early.id, host: manager };
  const a = await join(f);
  const b = await join(f);

  const nextDay = new Date(Date.parse(`${DATE}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const moved = await client(nodeB.url, manager).patch(`/api/v1/reservations/${early.id}`, { startsAt: at('18:00', nextDay) });
  expect(moved.status).toBe(200);
  await eventually(async () => expect(await statusOf(a.id)).toBe('offered'));
  expect((await read(a.id, a.token)).body.entry.offer.startsAt).toBe(at('18:00'));
  expect(await statusOf(b.id)).toBe('waiting');

  expect((await client(nodeB.url, manager).post(`/api/v1/reservations/${late.id}/seat`, {})).status).toBe(200);
  expect((await client(nodeB.url, manager).post(`/api/v1/reservations/${late.id}/complete`, {})).status).toBe(200);
  await eventually(async () => expect(await statusOf(b.id)).toBe('offered'));
  expect((await read(b.id, b.token)).body.entry.offer.startsAt).toBe(at('19:30'));
});

it('runs the offer and the expiry once each with two nodes working the queue, each job twice', async () => {
  const f = await fullRestaurant();
  const a = await join(f, { from: '18:30', to: '19:00' });
  const b = await join(f, { from: '18:30', to: '19:00' });
  const offersBefore = await jobsDone('waitlist.offer');
  // Two offer jobs for the same freed table, one queued from each node: both nodes run them.
  await free(f, nodeA);
  await db.transaction((t) => enqueueWaitlistOffer(nodeB.services, t, { restaurantId: f.r.id, date: DATE }));
  await eventually(async () => expect(await jobsDone('waitlist.offer')).toBeGreaterThanOrEqual(offersBefore + 2), 15_000);
  expect(await statusOf(a.id)).toBe('offered');
  expect(await statusOf(b.id)).toBe('waiting');
  expect(await offersTo(a.email)).toHaveLength(1);
  expect((await events(f.r.id, 'waitlist.updated')).filter((e) => e.data.status === 'offered')).toHaveLength(1);
  expect(
    await one(db, "SELECT count(*)::int AS n FROM reservations WHERE restaurant_id = $id AND status = 'held'", { id: f.r.id }),
  ).toEqual({
    n: 1,
  });

  const expiriesBefore = await jobsDone('waitlist.expire');
  await db.query("UPDATE waitlist_entries SET offer_expires_at = now() - interval '1 second' WHERE id = $id", { bind: { id: a.id } });
  await Promise.all([
    nodeA.services.jobs.send('waitlist.expire', { entryId: a.id }),
    nodeB.services.jobs.send('waitlist.expire', { entryId: a.id }),
  ]);
  await eventually(async () => expect(await jobsDone('waitlist.expire')).toBeGreaterThanOrEqual(expiriesBefore + 2), 15_000);
  expect(await statusOf(a.id)).toBe('expired');
  expect(await statusOf(b.id)).toBe('offered');
  expect(await offersTo(b.email)).toHaveLength(1);
  const statuses = (await events(f.r.id, 'waitlist.updated')).map((e) => [e.data.id, e.data.status]);
  expect(statuses.filter(([id, s]) => id === a.id && s === 'expired')).toHaveLength(1);
  expect(statuses.filter(([id, s]) => id === b.id && s === 'offered')).toHaveLength(1);
  expect(
    await one(db, "SELECT count(*)::int AS n FROM reservations WHERE restaurant_id = $id AND status = 'held'", { id: f.r.id }),
  ).toEqual({
    n: 1,
  });
});

it('estimates today’s waits from when the tables come free, counting the parties ahead', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: ALL_DAY });
  const host = (await makeUser(db, 'host', [r.id])).token;
  const now = Date.now();
  // Seated since ten minutes ago, for another fifty; then booked back to back until the evening is gone for a new stay.
  await makeHeldBooking(db, r, {
    tableIds: [r.tables[0].id],
    from: new Date(now - 10 * 60_000).toISOString(),
    to: new Date(now + 50 * 60_000).toISOString(),
  });
  const today = localDate(new Date(), 'Asia/Hong_Kong');
  // A window of times already past today: they wait in line and are offered nothing.
  const body = (n: string) => ({ partySize: 2, date: today, from: '00:00', to: '00:01', ...guest(n) });
  const first = await client(nodeA.url, host).post(`/api/v1/restaurants/${r.id}/waitlist`, body('1'));
  const second = await client(nodeA.url, host).post(`/api/v1/restaurants/${r.id}/waitlist`, body('2'));
  expect(first.status).toBe(201);
  // The host stand's parties for today are walk-ins; a guest's own entry is not.
  const walkIn = (id: string) => one<{ walk_in: boolean }>(db, 'SELECT walk_in FROM waitlist_entries WHERE id = $id', { id });
  expect(await walkIn(first.body.entry.id)).toEqual({ walk_in: true });
  const own = await client(nodeA.url).post(`/api/v1/restaurants/${r.id}/waitlist`, body('own'));
  expect(await walkIn(own.body.entry.id)).toEqual({ walk_in: false });
  await client(nodeA.url).post(`/api/v1/waitlist/${own.body.entry.id}/cancel`, { token: own.body.token });
  const list = await client(nodeA.url, host).get(`/api/v1/restaurants/${r.id}/waitlist`);
  const [e1, e2, cancelled] = list.body.entries;
  expect([e1.id, e2.id, cancelled.id]).toEqual([first.body.entry.id, second.body.entry.id, own.body.entry.id]);
  expect(cancelled).toMatchObject({ status: 'cancelled', position: null, estimatedWaitMinutes: null });
  expect(e1.status).toBe('waiting');
  expect(e1.estimatedWaitMinutes).toBeGreaterThanOrEqual(48);
  expect(e1.estimatedWaitMinutes).toBeLessThanOrEqual(50);
  // The party ahead takes the table for a 90-minute stay first.
  expect(e2.estimatedWaitMinutes).toBe(e1.estimatedWaitMinutes + 90);

  // A seated party past its end holds a table that is expected free any minute (not now).
  const sat = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: ALL_DAY });
  const seatedId = await makeHeldBooking(db, sat, {
    tableIds: [sat.tables[0].id],
    from: new Date(now - 100 * 60_000).toISOString(),
    to: new Date(now - 10 * 60_000).toISOString(),
  });
  await db.query("UPDATE reservations SET status = 'seated' WHERE id = $id", { bind: { id: seatedId } });
  const satHost = (await makeUser(db, 'host', [sat.id])).token;
  await client(nodeA.url, satHost).post(`/api/v1/restaurants/${sat.id}/waitlist`, body('3'));
  const [waiting] = (await client(nodeA.url, satHost).get(`/api/v1/restaurants/${sat.id}/waitlist`)).body.entries;
  expect(waiting.estimatedWaitMinutes).toBe(5);
});
