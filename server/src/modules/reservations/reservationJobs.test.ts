import crypto from 'node:crypto';
import type { Ctx } from '../../context';
import { rows } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeBookableRestaurant, TEST_CARD, type TestBookableRestaurant } from '../../test/factories';
import { client, eventually, startTestNode, testSequelize } from '../../test/harness';
import type { Notifier, OutgoingMessage } from '../notifications/notifier';
import { SandboxProcessor } from '../payments/sandboxProcessor';
import { localDate } from './localTime';
import { bookTable } from './reservationBooker';
import { voidUnusedDeposit } from './depositWorker';
import { cancelReservation } from './reservationLifecycle';
import { RESERVATION_NO_SHOW, RESERVATION_REMIND, remindGuest, type BookingJob } from './reservationJobs';

/**
 * The reminder and the automatic no-show on the durable queue, with two nodes working the same
 * queues (one namespace) and every job sent a second time besides: each booking is reminded once
 * and made a no-show once. Both nodes send mail through one counting notifier.
 */

class CountingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  async send(m: OutgoingMessage): Promise<void> {
    this.sent.push(m);
  }
}

const db = testSequelize();
const notifier = new CountingNotifier();
const namespace = `t${crypto.randomBytes(4).toString('hex')}`;
let nodeA: DinewireNode;
let nodeB: DinewireNode;
beforeAll(async () => {
  [nodeA, nodeB] = await Promise.all([
    startTestNode({ jobNamespace: namespace, notifier }),
    startTestNode({ jobNamespace: namespace, notifier }),
  ]);
});
afterAll(async () => {
  await Promise.all([nodeA?.close(), nodeB?.close()]);
  await db.close();
});

const ALL_DAY = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '00:00', closes: '00:00' }));
/** Open midnight to midnight with 30-minute stays: every half hour of every day is a slot, whatever the clock reads now. */
const STAY = { stayMinutes: 30 };
const SLOT = 30 * 60_000;
const guest = (r: TestBookableRestaurant, startsAt: Date, email: string) => ({
  restaurantId: r.id,
  partySize: 2,
  startsAt: startsAt.toISOString(),
  name: 'Wong Siu Ming',
  phone: '+852 6123 4567',
  email,
});
const ctxOf = (node: DinewireNode): Ctx => ({ ...node.services, actor: { kind: 'anonymous' }, requestId: 'test', ip: '127.0.0.1' });

const noShowEvents = (ids: string[]) =>
  rows<{ id: string }>(
    db,
    `SELECT data->>'id' AS id FROM events WHERE type = 'reservation.updated' AND data->>'status' = 'no_show' AND data->>'id' = ANY($ids)`,
    { ids },
  );

it('makes a booking whose party never came a no-show once, with two nodes and every job twice', async () => {
  const r = await makeBookableRestaurant(db, {
    tables: [{ seats: 2 }, { seats: 2 }, { seats: 2 }],
    openingHours: ALL_DAY,
    policy: { ...STAY, noShowGraceMinutes: 5 },
  });
  // A slot that started twenty minutes or more ago, booked (with the clock set back) when it was still ahead.
  const startsAt = new Date(Math.floor((Date.now() - 20 * 60_000) / SLOT) * SLOT);
  expect(localDate(startsAt, 'Asia/Hong_Kong')).toBe(localDate(new Date(startsAt.getTime() - 60_000), 'Asia/Hong_Kong'));
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const booked = await bookTable(
      ctxOf(nodeA),
      { body: guest(r, startsAt, `ns${i}@example.com`), idempotencyKey: crypto.randomUUID() },
      new Date(startsAt.getTime() - 60_000),
    );
    ids.push(booked.body.reservation.id);
  }
  for (const id of ids) {
    await nodeB.services.jobs.send<BookingJob>(RESERVATION_NO_SHOW, { reservationId: id, startsAt: startsAt.toISOString() });
  }
  await eventually(async () => {
    const statuses = await rows<{ status: string }>(db, 'SELECT status FROM reservations WHERE id = ANY($ids)', { ids });
    expect(statuses.map((s) => s.status)).toEqual(['no_show', 'no_show', 'no_show']);
  }, 20_000);
  // Give the doubled jobs time to run as well.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect((await noShowEvents(ids)).map((e) => e.id).sort()).toEqual([...ids].sort());
  const holds = await rows<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM reservation_tables WHERE reservation_id = ANY($ids) AND active',
    { ids },
  );
  expect(holds[0].n).toBe(0);
  // Nobody is reminded of a booking that starts within the hour it was made in.
  expect(notifier.sent.filter((m) => /ns\d@example.com/.test(m.to))).toEqual([]);
});

it('reminds each guest once through the outbox, with two nodes and every job twice', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }, { seats: 2 }, { seats: 2 }], openingHours: ALL_DAY, policy: STAY });
  // Three hours ahead: the 24-hour reminder is due already, and goes at once.
  const startsAt = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / SLOT) * SLOT);
  const bookings: { id: string; code: string; email: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const email = `remind-${namespace}-${i}@example.com`;
    const res = await client(i % 2 ? nodeB.url : nodeA.url).post('/api/v1/reservations', guest(r, startsAt, email), {
      'idempotency-key': crypto.randomUUID(),
    });
    expect(res.status).toBe(201);
    bookings.push({ id: res.body.reservation.id, code: res.body.reservation.code, email });
  }
  for (const b of bookings) {
    await nodeB.services.jobs.send<BookingJob>(RESERVATION_REMIND, { reservationId: b.id, startsAt: startsAt.toISOString() });
    await nodeA.services.jobs.send<BookingJob>(RESERVATION_REMIND, { reservationId: b.id, startsAt: startsAt.toISOString() });
  }
  const mine = () => notifier.sent.filter((m) => m.to.startsWith(`remind-${namespace}`));
  await eventually(() => expect(mine()).toHaveLength(3), 20_000);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(
    mine()
      .map((m) => m.to)
      .sort(),
  ).toEqual(bookings.map((b) => b.email).sort());
  for (const b of bookings) {
    const m = mine().find((x) => x.to === b.email)!;
    expect(m.text).toContain(b.code);
    expect(m.subject).toContain('Your table at');
  }
  const reminded = await rows<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM reservations WHERE id = ANY($ids) AND reminded_at IS NOT NULL',
    {
      ids: bookings.map((b) => b.id),
    },
  );
  expect(reminded[0].n).toBe(3);
});

it('reminds the guest again of a booking moved to a new time, the new time', async () => {
  const r = await makeBookableRestaurant(db, { tables: [{ seats: 2 }], openingHours: ALL_DAY, policy: STAY });
  const startsAt = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / SLOT) * SLOT);
  const email = `moved-${namespace}@example.com`;
  const res = await client(nodeA.url).post('/api/v1/reservations', guest(r, startsAt, email), { 'idempotency-key': crypto.randomUUID() });
  expect(res.status).toBe(201);
  const sent = () => notifier.sent.filter((m) => m.to === email);
  await eventually(() => expect(sent()).toHaveLength(1), 20_000);
  const later = new Date(startsAt.getTime() + 2 * SLOT);
  const moved = await client(nodeB.url).patch(`/api/v1/reservations/${res.body.reservation.id}`, {
    token: res.body.token,
    startsAt: later.toISOString(),
  });
  expect(moved.status).toBe(200);
  await eventually(() => expect(sent()).toHaveLength(2), 20_000);
  const when = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Hong_Kong', timeStyle: 'short' }).format(d);
  expect(sent()[0].text).toContain(when(startsAt));
  expect(sent()[1].text).toContain(when(later));
});

it('reminds no one of a cancelled booking, nor of a time the booking has since moved from', async () => {
  const r = await makeBookableRestaurant(db, {
    tables: [{ seats: 2 }, { seats: 2 }],
    openingHours: ALL_DAY,
    policy: { ...STAY, reminderHours: 2 },
  });
  // Reminded two hours ahead: these jobs wait, and the test runs them by hand.
  const startsAt = new Date(Math.ceil((Date.now() + 26 * 3_600_000) / SLOT) * SLOT);
  const email = `quiet-${namespace}@example.com`;
  const a = await bookTable(ctxOf(nodeA), { body: guest(r, startsAt, email), idempotencyKey: crypto.randomUUID() });
  const b = await bookTable(ctxOf(nodeA), { body: guest(r, startsAt, email), idempotencyKey: crypto.randomUUID() });
  await cancelReservation(ctxOf(nodeA), { id: a.body.reservation.id, token: a.body.token });
  await remindGuest(nodeA.services, { reservationId: a.body.reservation.id, startsAt: startsAt.toISOString() });
  await remindGuest(nodeA.services, { reservationId: b.body.reservation.id, startsAt: new Date(startsAt.getTime() - SLOT).toISOString() });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(notifier.sent.filter((m) => m.to === email)).toEqual([]);
  await remindGuest(nodeA.services, { reservationId: b.body.reservation.id, startsAt: startsAt.toISOString() });
  await eventually(() => expect(notifier.sent.filter((m) => m.to === email)).toHaveLength(1));
});

/** The authorization has lapsed at the processor by the time of the capture: a real refusal from its ledger. */
class LapsedAuthorization extends SandboxProcessor {
  override async capture(id: string, amountCents: number, key?: string): Promise<void> {
    await super.void(id);
    await super.capture(id, amountCents, key);
  }
}

it('cancels a booking whose deposit capture the processor refuses, freeing its table and keeping no money', async () => {
  const ns = `t${crypto.randomBytes(4).toString('hex')}`;
  const n = await startTestNode({ jobNamespace: ns, payments: new LapsedAuthorization(db) });
  try {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 2 }],
      openingHours: ALL_DAY,
      policy: { ...STAY, depositPerGuestCents: 500 },
    });
    const startsAt = new Date(Math.ceil((Date.now() + 30 * 3_600_000) / SLOT) * SLOT);
    const res = await client(n.url).post(
      '/api/v1/reservations',
      { ...guest(r, startsAt, 'lapsed@example.com'), paymentMethod: 'card', card: TEST_CARD },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(res.status).toBe(201);
    const id = res.body.reservation.id;
    await eventually(async () => {
      const [v] = await rows<{ status: string; paid_cents: number; payment_status: string }>(
        db,
        'SELECT status, paid_cents, payment_status FROM reservations WHERE id = $id',
        { id },
      );
      expect(v).toEqual({ status: 'cancelled', paid_cents: 0, payment_status: 'none' });
    }, 20_000);
    const [charge] = await rows<{ status: string; ledger: string }>(
      db,
      'SELECT p.status, c.status AS ledger FROM payments p JOIN sandbox_charges c ON c.id = p.processor_ref WHERE p.reservation_id = $id',
      { id },
    );
    expect(charge).toEqual({ status: 'void', ledger: 'voided' });
    const holds = await rows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM reservation_tables WHERE reservation_id = $id AND active', {
      id,
    });
    expect(holds[0].n).toBe(0);
    // The freed table is offered to that day's waitlist.
    const offers = await rows<{ date: string }>(
      db,
      "SELECT data->>'date' AS date FROM pgboss.job WHERE name = $name AND data->>'restaurantId' = $restaurantId",
      { name: `${ns}.waitlist.offer`, restaurantId: r.id },
    );
    expect(offers).toEqual([{ date: localDate(startsAt, 'Asia/Hong_Kong') }]);
  } finally {
    await n.close();
  }
});

it('pays a refund only after its deposit is captured, when the guest cancels while the capture is still under way', async () => {
  const slow = new SandboxProcessor(db, () => new Date(), { captureDelayMs: 1500 });
  const n = await startTestNode({ jobNamespace: `t${crypto.randomBytes(4).toString('hex')}`, payments: slow });
  try {
    const r = await makeBookableRestaurant(db, {
      tables: [{ seats: 2 }],
      openingHours: ALL_DAY,
      policy: { ...STAY, depositPerGuestCents: 700 },
    });
    const startsAt = new Date(Math.ceil((Date.now() + 30 * 3_600_000) / SLOT) * SLOT);
    const res = await client(n.url).post(
      '/api/v1/reservations',
      { ...guest(r, startsAt, 'slow@example.com'), paymentMethod: 'card', card: TEST_CARD },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const cancel = await client(n.url).post(`/api/v1/reservations/${res.body.reservation.id}/cancel`, { token: res.body.token });
    expect(cancel.body).toMatchObject({
      refund: { amountCents: 1400, feeCents: 0 },
      reservation: { status: 'cancelled', payment: 'refunded' },
    });
    await eventually(async () => {
      const ps = await rows<{ kind: string; status: string }>(
        db,
        'SELECT kind, status FROM payments WHERE reservation_id = $id ORDER BY kind',
        {
          id: res.body.reservation.id,
        },
      );
      expect(ps).toEqual([
        { kind: 'charge', status: 'settled' },
        { kind: 'refund', status: 'settled' },
      ]);
    }, 30_000);
    const [ledger] = await rows<{ captured_cents: number; refunded_cents: number }>(
      db,
      `SELECT c.captured_cents, c.refunded_cents FROM sandbox_charges c JOIN payments p ON p.processor_ref = c.id
        WHERE p.reservation_id = $id AND p.kind = 'charge'`,
      { id: res.body.reservation.id },
    );
    expect(ledger).toEqual({ captured_cents: 1400, refunded_cents: 1400 });
  } finally {
    await n.close();
  }
});

it('voids an authorization whose booking never committed, and leaves one whose booking did', async () => {
  const processor = new SandboxProcessor(db);
  const services = { ...nodeA.services, payments: processor };
  const orphan = await processor.authorize({
    amountCents: 900,
    currency: 'HKD',
    card: TEST_CARD,
    idempotencyKey: `test:${crypto.randomUUID()}`,
  });
  if (!orphan.ok) throw new Error('not authorised');
  await voidUnusedDeposit(services, { paymentId: crypto.randomUUID(), authorizationId: orphan.authorizationId });
  const r = await makeBookableRestaurant(db, {
    tables: [{ seats: 2 }],
    openingHours: ALL_DAY,
    policy: { ...STAY, depositPerGuestCents: 500 },
  });
  const startsAt = new Date(Math.ceil((Date.now() + 30 * 3_600_000) / SLOT) * SLOT);
  const res = await client(nodeA.url).post(
    '/api/v1/reservations',
    { ...guest(r, startsAt, 'kept@example.com'), paymentMethod: 'card', card: TEST_CARD },
    { 'idempotency-key': crypto.randomUUID() },
  );
  const [charge] = await rows<{ id: string; processor_ref: string }>(
    db,
    'SELECT id, processor_ref FROM payments WHERE reservation_id = $id',
    {
      id: res.body.reservation.id,
    },
  );
  await voidUnusedDeposit(services, { paymentId: charge.id, authorizationId: charge.processor_ref });
  const ledger = await rows<{ id: string; status: string }>(db, 'SELECT id, status FROM sandbox_charges WHERE id = ANY($ids)', {
    ids: [orphan.authorizationId, charge.processor_ref],
  });
  expect(Object.fromEntries(ledger.map((l) => [l.id, l.status]))).toEqual({
    [orphan.authorizationId]: 'voided',
    [charge.processor_ref]: expect.stringMatching(/^(authorized|captured)$/),
  });
});
