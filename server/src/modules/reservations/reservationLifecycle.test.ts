import crypto from 'node:crypto';
import type { Reservation } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { one, rows } from '../../db/sql';
import type { DinewireNode } from '../../node';
import type { Actor } from '../../policies';
import {
  DECLINED_CARD,
  makeBookableRestaurant,
  makeInHouseGuest,
  makeUser,
  TEST_CARD,
  type TestBookableRestaurant,
} from '../../test/factories';
import { client, eventually, startTestNode, testSequelize } from '../../test/harness';
import { localDate } from './localTime';
import { changeReservation } from './reservationChange';
import { cancelReservation, markNoShow } from './reservationLifecycle';

/**
 * A booking's life over HTTP and through its domain functions (where the clock must sit just
 * before or after a cutoff): deposits by card and room, who may see and change it, changes all
 * or nothing, cancellation and no-show refunds by the rules, and the guest's own list.
 */

const db = testSequelize();
let node: DinewireNode;
beforeAll(async () => {
  node = await startTestNode();
});
afterAll(async () => {
  await node?.close();
  await db.close();
});

const EVENING = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '18:00', closes: '22:00' }));
/** `hhmm` Hong Kong time (the test restaurants' zone), `days` after its today. */
function evening(days = 3, hhmm = '19:00'): string {
  const today = localDate(new Date(), 'Asia/Hong_Kong');
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${date}T${hhmm}:00+08:00`).toISOString();
}
const key = () => crypto.randomUUID();
const booking = (r: TestBookableRestaurant, extra: Record<string, unknown> = {}) => ({
  restaurantId: r.id,
  partySize: 2,
  startsAt: evening(),
  name: 'Chan Tai Man',
  phone: '+852 9123 4567',
  email: 'tai.man@example.com',
  ...extra,
});
const api = (token?: string) => client(node.url, token);

async function book(
  r: TestBookableRestaurant,
  extra: Record<string, unknown> = {},
  token?: string,
): Promise<{ reservation: Reservation; token: string }> {
  const res = await api(token).post('/api/v1/reservations', booking(r, extra), { 'idempotency-key': key() });
  expect(res.status).toBe(201);
  return res.body;
}

/** A command's context as a route builds it, for calls that pass their own clock. */
function ctxOf(actor: Actor = { kind: 'anonymous' }): Ctx {
  return { ...node.services, actor, requestId: 'test', ip: '127.0.0.1' };
}
async function actorOf(token: string): Promise<Actor> {
  return (await node.services.sessions.resolve(token))!;
}

const payments = (reservationId: string) =>
  rows<{ kind: string; method: string; amount_cents: number; status: string; processor_ref: string | null }>(
    db,
    'SELECT kind, method, amount_cents, status, processor_ref FROM payments WHERE reservation_id = $reservationId ORDER BY created_at, kind',
    { reservationId },
  );
const ledger = (id: string) =>
  one<{ status: string; captured_cents: number; refunded_cents: number }>(
    db,
    'SELECT status, captured_cents, refunded_cents FROM sandbox_charges WHERE id = $id',
    { id },
  );
const activeHolds = async (reservationId: string) =>
  (
    await rows<{ table_id: string }>(db, 'SELECT table_id FROM reservation_tables WHERE reservation_id = $reservationId AND active', {
      reservationId,
    })
  )
    .map((h) => h.table_id)
    .sort();
const updates = (reservationId: string) =>
  rows<{ status: string; version: number; payment: string }>(
    db,
    `SELECT data->>'status' AS status, (data->>'version')::int AS version, data->>'payment' AS payment FROM events
      WHERE type = 'reservation.updated' AND data->>'id' = $reservationId ORDER BY seq`,
    { reservationId },
  );

describe('deposits', () => {
  it('asks 402 deposit_required with the amount when the rules ask a deposit and nothing pays it, and writes nothing', async () => {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 4 }],
      openingHours: EVENING,
      policy: { depositPerGuestCents: 1000, depositRules: [{ fromPartySize: 3, perGuestCents: 2500 }] },
    });
    const res = await api().post('/api/v1/reservations', booking(r, { partySize: 3 }), { 'idempotency-key': key() });
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ code: 'deposit_required', details: [{ field: 'paymentMethod', amountCents: 7500 }] });
    const count = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM reservations WHERE restaurant_id = $id', { id: r.id });
    expect(count!.n).toBe(0);
  });

  it('takes a card deposit: authorised in the request, captured by its job, paid', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING, policy: { depositPerGuestCents: 1500 } });
    const { reservation } = await book(r, { paymentMethod: 'card', card: TEST_CARD });
    expect(reservation).toMatchObject({ depositCents: 3000, paidCents: 3000, refundedCents: 0, payment: 'pending' });
    await eventually(async () => expect((await payments(reservation.id))[0]?.status).toBe('settled'), 15_000);
    const [charge] = await payments(reservation.id);
    expect(charge).toMatchObject({ kind: 'charge', method: 'card', amount_cents: 3000 });
    expect(await ledger(charge.processor_ref!)).toMatchObject({ status: 'captured', captured_cents: 3000 });
    await eventually(async () => expect((await updates(reservation.id)).at(-1)).toMatchObject({ payment: 'paid', version: 2 }));
  });

  it('answers a retry of a card booking from the stored answer, without a second charge', async () => {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 4 }, { seats: 4 }],
      openingHours: EVENING,
      policy: { depositPerGuestCents: 1500 },
    });
    const k = key();
    const body = booking(r, { paymentMethod: 'card', card: TEST_CARD });
    const [a, b] = await Promise.all([
      api().post('/api/v1/reservations', body, { 'idempotency-key': k }),
      api().post('/api/v1/reservations', body, { 'idempotency-key': k }),
    ]);
    const c = await api().post('/api/v1/reservations', body, { 'idempotency-key': k });
    const answered = [a, b, c].filter((x) => x.status === 201);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    for (const x of answered) expect(x.body.reservation.id).toBe(c.body.reservation.id);
    const all = await rows<{ n: number }>(
      db,
      'SELECT count(*)::int AS n FROM payments p JOIN reservations v ON v.id = p.reservation_id WHERE v.restaurant_id = $id',
      { id: r.id },
    );
    expect(all[0].n).toBe(1);
  });

  it('refuses a declined card with 402 payment_declined, booking nothing', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING, policy: { depositPerGuestCents: 1500 } });
    const res = await api().post('/api/v1/reservations', booking(r, { paymentMethod: 'card', card: DECLINED_CARD }), {
      'idempotency-key': key(),
    });
    expect(res.status).toBe(402);
    expect(res.body.error.code).toBe('payment_declined');
    const count = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM reservations WHERE restaurant_id = $id', { id: r.id });
    expect(count!.n).toBe(0);
  });

  it('charges a deposit to an in-house guest’s room with the stay’s PIN, and asks the PIN of a guest’s device', async () => {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 4 }, { seats: 4 }],
      openingHours: EVENING,
      policy: { depositPerGuestCents: 2000 },
    });
    const room = `R${crypto.randomInt(10_000, 99_999)}`;
    await makeInHouseGuest(db, room, 'Emily Carter', '2649');
    const noPin = await api().post('/api/v1/reservations', booking(r, { paymentMethod: 'room', roomNumber: room, guestName: 'Carter' }), {
      'idempotency-key': key(),
    });
    expect(noPin.status).toBe(400);
    expect(noPin.body.error.details[0].field).toBe('roomPin');
    const { reservation } = await book(r, { paymentMethod: 'room', roomNumber: room, guestName: 'Emily Carter', roomPin: '2649' });
    expect(reservation).toMatchObject({ depositCents: 4000, paidCents: 4000, payment: 'paid' });
    expect(await payments(reservation.id)).toEqual([
      expect.objectContaining({ kind: 'charge', method: 'room', amount_cents: 4000, status: 'settled' }),
    ]);
  });
});

describe('who sees a booking', () => {
  it('shows it to its token, its account and its restaurant’s hosts and managers; 404 to everyone else', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }, { seats: 4 }], openingHours: EVENING });
    const [guest, otherGuest, host, manager, hostElsewhere, chef] = await Promise.all([
      makeUser(db, 'guest'),
      makeUser(db, 'guest'),
      makeUser(db, 'host', [r.id]),
      makeUser(db, 'manager', [r.id]),
      makeUser(db, 'host', []),
      makeUser(db, 'kitchen', [r.id]),
    ]);
    const mine = await book(r, {}, guest.token);
    const other = await book(r);
    const path = `/api/v1/reservations/${mine.reservation.id}`;
    expect((await api().get(`${path}?token=${mine.token}`)).body.reservation).toEqual(mine.reservation);
    expect((await api(guest.token).get(path)).body.reservation.guest.email).toBe('tai.man@example.com');
    for (const who of [host, manager]) expect((await api(who.token).get(path)).status).toBe(200);
    // No token, another booking's token, another account, staff elsewhere or in the kitchen: not found.
    expect((await api().get(path)).status).toBe(404);
    expect((await api().get(`${path}?token=${other.token}`)).status).toBe(404);
    for (const who of [otherGuest, hostElsewhere, chef]) {
      const res = await api(who.token).get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    // Nor may they cancel it, quote it or change it.
    expect((await api(otherGuest.token).post(`${path}/cancel`, { token: other.token })).status).toBe(404);
    expect((await api().get(`${path}/cancellation?token=${other.token}`)).status).toBe(404);
    expect((await api().patch(path, { partySize: 3, token: other.token })).status).toBe(404);
    expect((await api(otherGuest.token).patch(path, { partySize: 3 })).status).toBe(404);
    expect((await api(guest.token).get(path)).body.reservation).toMatchObject({ status: 'booked', partySize: 2, version: 1 });
    // A guest with its token is no host: a no-show is for the host stand.
    expect((await api().post(`${path}/no-show`, { token: mine.token })).status).toBe(403);
    expect((await api().get(`/api/v1/reservations/${crypto.randomUUID()}?token=${mine.token}`)).status).toBe(404);
    expect((await api().get('/api/v1/reservations/not-an-id')).status).toBe(400);
  });

  it('lists a signed-in guest’s own bookings, latest first, with their restaurants; 401 without an account', async () => {
    const [a, b] = await Promise.all([
      makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING }),
      makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING }),
    ]);
    const guest = await makeUser(db, 'guest');
    const soon = await book(a, { startsAt: evening(2) }, guest.token);
    const later = await book(b, { startsAt: evening(4) }, guest.token);
    await book(a, { startsAt: evening(5) }); // someone else's
    const res = await api(guest.token).get('/api/v1/me/reservations');
    expect(res.status).toBe(200);
    expect(res.body.reservations.map((x: Reservation) => x.id)).toEqual([later.reservation.id, soon.reservation.id]);
    expect(res.body.restaurants.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await api().get('/api/v1/me/reservations')).status).toBe(401);
  });
});

describe('cancelling', () => {
  it('before the cutoff: refunds the whole card deposit by its job, frees the tables, announces it', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING, policy: { depositPerGuestCents: 1500 } });
    const { reservation, token } = await book(r, { paymentMethod: 'card', card: TEST_CARD });
    const quote = await api().get(`/api/v1/reservations/${reservation.id}/cancellation?token=${token}`);
    expect(quote.body).toEqual({
      policy: { freeCancelHours: 24, lateCancelFeePercent: 50, noShowFeePercent: 100 },
      freeUntil: new Date(Date.parse(reservation.startsAt) - 24 * 3_600_000).toISOString(),
      paidCents: 3000,
      refund: { amountCents: 3000, feeCents: 0 },
    });
    const res = await api().post(`/api/v1/reservations/${reservation.id}/cancel`, { token });
    expect(res.status).toBe(200);
    expect(res.body.refund).toEqual({ amountCents: 3000, feeCents: 0 });
    expect(res.body.reservation).toMatchObject({
      status: 'cancelled',
      refundedCents: 3000,
      payment: 'refunded',
      tableIds: [r.tables[0].id],
    });
    expect(await activeHolds(reservation.id)).toEqual([]);
    await eventually(async () => expect((await payments(reservation.id)).map((p) => p.status)).toEqual(['settled', 'settled']), 20_000);
    const [charge] = await payments(reservation.id);
    expect(await ledger(charge.processor_ref!)).toMatchObject({ captured_cents: 3000, refunded_cents: 3000 });
    expect((await updates(reservation.id)).some((u) => u.status === 'cancelled')).toBe(true);
    // The host stand hears of it with the guest's contact opened; no other scope hears of it at all.
    const manager = await makeUser(db, 'manager', [r.id]);
    const staff = await api(manager.token).get(`/api/v1/restaurants/${r.id}/events?after=0&scope=staff`);
    const cancelled = staff.body.events.find(
      (e: { type: string; data: Reservation }) => e.type === 'reservation.updated' && e.data.status === 'cancelled',
    );
    expect(cancelled.data).toMatchObject({ id: reservation.id, guest: { email: 'tai.man@example.com' } });
    expect(cancelled.data).not.toHaveProperty('guestEnc');
    for (const scope of ['kitchen', 'board', 'menu']) {
      const res = await api(manager.token).get(`/api/v1/restaurants/${r.id}/events?after=0&scope=${scope}`);
      expect(res.body.events.filter((e: { type: string }) => e.type.startsWith('reservation.'))).toEqual([]);
    }
    // The table is free again: another party books it at once (paying its own deposit).
    await book(r, { paymentMethod: 'card', card: TEST_CARD });
    // Cancelling twice is refused.
    const again = await api().post(`/api/v1/reservations/${reservation.id}/cancel`, { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });

  it('keeps nothing one second before the cutoff and the late fee one second after it, never refunding more than paid', async () => {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 4 }, { seats: 4 }],
      openingHours: EVENING,
      policy: { depositPerGuestCents: 1234 },
    });
    const room = `R${crypto.randomInt(10_000, 99_999)}`;
    await makeInHouseGuest(db, room, 'Emily Carter', '2649');
    const pay = { paymentMethod: 'room', roomNumber: room, guestName: 'Emily Carter', roomPin: '2649' };
    const early = await book(r, pay);
    const late = await book(r, pay);
    const cutoff = Date.parse(early.reservation.startsAt) - 24 * 3_600_000;
    const before = await cancelReservation(ctxOf(), { id: early.reservation.id, token: early.token }, new Date(cutoff - 1000));
    expect(before.refund).toEqual({ amountCents: 2468, feeCents: 0 });
    const after = await cancelReservation(ctxOf(), { id: late.reservation.id, token: late.token }, new Date(cutoff + 1000));
    // 50 % of 2468 kept, the rest back as a credit on the room bill.
    expect(after.refund).toEqual({ amountCents: 1234, feeCents: 1234 });
    expect(after.reservation).toMatchObject({ status: 'cancelled', paidCents: 2468, refundedCents: 1234, payment: 'partially_refunded' });
    expect((await payments(late.reservation.id)).map((p) => [p.kind, p.method, p.amount_cents, p.status])).toEqual([
      ['charge', 'room', 2468, 'settled'],
      ['refund', 'room', 1234, 'settled'],
    ]);
    // The database itself never lets a booking refund more than it was paid.
    await expect(
      db.query('UPDATE reservations SET refunded_cents = paid_cents + 1 WHERE id = $id', { bind: { id: late.reservation.id } }),
    ).rejects.toThrow(/reservations_refund_within_paid/);
  });

  it('refunds once when the guest and the host cancel at the same moment', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }], openingHours: EVENING, policy: { depositPerGuestCents: 1000 } });
    const host = await makeUser(db, 'host', [r.id]);
    const { reservation, token } = await book(r, { paymentMethod: 'card', card: TEST_CARD });
    const path = `/api/v1/reservations/${reservation.id}/cancel`;
    const answers = await Promise.all([
      ...[0, 1, 2].map(() => api().post(path, { token })),
      ...[0, 1, 2].map(() => api(host.token).post(path, {})),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const refunds = (await payments(reservation.id)).filter((p) => p.kind === 'refund');
    expect(refunds.map((p) => p.amount_cents)).toEqual([2000]);
  });

  it('lets staff waive the late fee, and refuses that to the guest', async () => {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 4 }],
      openingHours: EVENING,
      policy: { depositPerGuestCents: 1000, freeCancelHours: 720 },
    });
    const host = await makeUser(db, 'host', [r.id]);
    const { reservation, token } = await book(r, { paymentMethod: 'card', card: TEST_CARD });
    const byGuest = await api().post(`/api/v1/reservations/${reservation.id}/cancel`, { token, waiveFee: true });
    expect(byGuest.status).toBe(401);
    expect((await api().get(`/api/v1/reservations/${reservation.id}/cancellation?token=${token}`)).body.refund).toEqual({
      amountCents: 1000,
      feeCents: 1000,
    });
    const byHost = await api(host.token).post(`/api/v1/reservations/${reservation.id}/cancel`, { waiveFee: true });
    expect(byHost.status).toBe(200);
    expect(byHost.body.refund).toEqual({ amountCents: 2000, feeCents: 0 });
  });
});

describe('no-shows', () => {
  it('lets the host mark a party that did not come once its start passed, keeping the no-show fee', async () => {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 4 }],
      openingHours: EVENING,
      policy: { depositPerGuestCents: 1000, noShowFeePercent: 25 },
    });
    const host = await makeUser(db, 'host', [r.id]);
    const { reservation } = await book(r, { paymentMethod: 'card', card: TEST_CARD });
    const early = await api(host.token).post(`/api/v1/reservations/${reservation.id}/no-show`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('invalid_transition');
    const hostCtx = ctxOf(await actorOf(host.token));
    const done = await markNoShow(hostCtx, { id: reservation.id }, new Date(Date.parse(reservation.startsAt) + 20 * 60_000));
    expect(done.refund).toEqual({ amountCents: 1500, feeCents: 500 });
    expect(done.reservation).toMatchObject({ status: 'no_show', refundedCents: 1500, payment: 'partially_refunded' });
    expect(await activeHolds(reservation.id)).toEqual([]);
    await expect(
      markNoShow(hostCtx, { id: reservation.id }, new Date(Date.parse(reservation.startsAt) + 30 * 60_000)),
    ).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });
});

describe('changing', () => {
  it('moves a booking to a new time on fitting tables, and a change no table can take leaves it exactly as it was', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 6 }], openingHours: EVENING });
    const { reservation, token } = await book(r, { partySize: 2 });
    expect(reservation.tableIds).toEqual([r.tables[0].id]);
    // Someone else has the big table at 20:00.
    await book(r, { partySize: 5, startsAt: evening(3, '20:00') });
    const moved = await api().patch(`/api/v1/reservations/${reservation.id}?token=${token}`, { startsAt: evening(3, '18:30') });
    expect(moved.status).toBe(200);
    expect(moved.body.reservation).toMatchObject({ startsAt: evening(3, '18:30'), partySize: 2, tableIds: [r.tables[0].id], version: 2 });
    // Four guests at 20:00: the 2-seat table is too small, the 6 is taken; nothing changes.
    const refused = await api().patch(`/api/v1/reservations/${reservation.id}`, { token, startsAt: evening(3, '20:00'), partySize: 4 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('slot_unavailable');
    const now = (await api().get(`/api/v1/reservations/${reservation.id}?token=${token}`)).body.reservation;
    expect(now).toEqual(moved.body.reservation);
    expect(await activeHolds(reservation.id)).toEqual([r.tables[0].id]);
    // A party of five at the new time takes the big table (free until the other party comes at 20:00).
    const bigger = await api().patch(`/api/v1/reservations/${reservation.id}`, { token, partySize: 5, version: 2 });
    expect(bigger.body.reservation).toMatchObject({ partySize: 5, tableIds: [r.tables[1].id], version: 3 });
    const stale = await api().patch(`/api/v1/reservations/${reservation.id}`, { token, partySize: 4, version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await updates(reservation.id)).map((u) => u.version)).toEqual([2, 3]);
  });

  it('gives one table to one of two bookings moving onto it at once; the other stays as it was', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 2 }], openingHours: EVENING });
    const a = await book(r, { startsAt: evening(3, '18:00') });
    const b = await book(r, { startsAt: evening(3, '18:00') });
    // One table is taken at 20:00 already: one of them can move there.
    await book(r, { startsAt: evening(3, '20:00') });
    const answers = await Promise.all(
      [a, b].map((x) => api().patch(`/api/v1/reservations/${x.reservation.id}`, { token: x.token, startsAt: evening(3, '20:00') })),
    );
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    const loser = answers[0].status === 409 ? a : b;
    const kept = (await api().get(`/api/v1/reservations/${loser.reservation.id}?token=${loser.token}`)).body.reservation;
    expect(kept).toEqual(loser.reservation);
    expect(await activeHolds(loser.reservation.id)).toEqual(loser.reservation.tableIds);
  });

  it('refuses a guest’s change past modifyUntilHours (409 too_late_to_change), not the host’s', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 4 }, { seats: 4 }], openingHours: EVENING });
    const host = await makeUser(db, 'host', [r.id]);
    const { reservation, token } = await book(r);
    const start = Date.parse(reservation.startsAt);
    const body = { partySize: 3, token };
    const roomCharges = { attempt: async () => {}, matched: async () => {} } as never;
    const cutoff = start - 2 * 3_600_000;
    await expect(changeReservation(ctxOf(), { id: reservation.id, body, roomCharges }, new Date(cutoff + 1000))).rejects.toMatchObject({
      code: 'too_late_to_change',
      status: 409,
    });
    const ok = await changeReservation(ctxOf(), { id: reservation.id, body, roomCharges }, new Date(cutoff - 1000));
    expect(ok.partySize).toBe(3);
    const byHost = await changeReservation(
      ctxOf(await actorOf(host.token)),
      { id: reservation.id, body: { partySize: 4 }, roomCharges },
      new Date(start),
    );
    expect(byHost.partySize).toBe(4);
  });

  it('asks the deposit’s top-up when a bigger party needs more, and takes it by card', async () => {
    const r = await makeBookableRestaurant(db, { tables: [{ seats: 6 }], openingHours: EVENING, policy: { depositPerGuestCents: 1000 } });
    const { reservation, token } = await book(r, { paymentMethod: 'card', card: TEST_CARD });
    const path = `/api/v1/reservations/${reservation.id}?token=${token}`;
    const unpaid = await api().patch(path, { partySize: 5 });
    expect(unpaid.status).toBe(402);
    expect(unpaid.body.error).toMatchObject({ code: 'deposit_required', details: [{ field: 'paymentMethod', amountCents: 3000 }] });
    expect((await api().patch(path, { partySize: 5, paymentMethod: 'card', card: DECLINED_CARD })).status).toBe(402);
    expect((await api().get(path)).body.reservation).toMatchObject({ partySize: 2, depositCents: 2000, paidCents: 2000 });
    expect(await activeHolds(reservation.id)).toEqual([r.tables[0].id]);
    const paid = await api().patch(path, { partySize: 5, paymentMethod: 'card', card: TEST_CARD });
    expect(paid.status).toBe(200);
    expect(paid.body.reservation).toMatchObject({ partySize: 5, depositCents: 5000, paidCents: 5000 });
    await eventually(
      async () =>
        expect((await payments(reservation.id)).map((p) => [p.amount_cents, p.status])).toEqual([
          [2000, 'settled'],
          [3000, 'settled'],
        ]),
      20_000,
    );
    // Back to four: the 1000 the rules no longer ask comes back off the top-up.
    const smaller = await api().patch(path, { partySize: 4 });
    expect(smaller.body.reservation).toMatchObject({ partySize: 4, depositCents: 4000, paidCents: 5000, refundedCents: 1000 });
    // Cancelling refunds the rest, each charge's share on its own authorization.
    const cancel = await api().post(`/api/v1/reservations/${reservation.id}/cancel`, { token });
    expect(cancel.body.refund).toEqual({ amountCents: 4000, feeCents: 0 });
    await eventually(async () => {
      const refunds = (await payments(reservation.id)).filter((p) => p.kind === 'refund');
      expect(refunds.every((p) => p.status === 'settled')).toBe(true);
      expect(refunds.reduce((n, p) => n + p.amount_cents, 0)).toBe(5000);
    }, 20_000);
    const charges = (await payments(reservation.id)).filter((p) => p.kind === 'charge');
    for (const c of charges) {
      expect(await ledger(c.processor_ref!)).toMatchObject({ captured_cents: c.amount_cents, refunded_cents: c.amount_cents });
    }
  });
});
