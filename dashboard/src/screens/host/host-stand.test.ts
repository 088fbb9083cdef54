import type { Reservation, WaitlistEntry } from '@dinewire/protocol';
import { ApiError } from '@dinewire/ui/api';
import { FakeSubscriber, RESTAURANT_ID, event, settle } from '@dinewire/ui/testing';
import { HostStand, actionsFor } from './host-stand.svelte';
import { axisFor } from './timeline';

const TZ = 'Asia/Hong_Kong';
/** 12:00 on 3 December in Hong Kong. */
const NOW = new Date('2026-12-03T04:00:00Z');

function booking(id: string, overrides: Partial<Reservation> = {}): Reservation {
  return {
    id,
    restaurantId: RESTAURANT_ID,
    code: id.toUpperCase(),
    status: 'booked',
    partySize: 2,
    startsAt: '2026-12-03T11:00:00.000Z', // 19:00 local
    endsAt: '2026-12-03T12:30:00.000Z',
    tableIds: ['t1'],
    depositCents: 0,
    payment: 'none',
    paidCents: 0,
    refundedCents: 0,
    notes: null,
    allergies: [],
    preorderOrderId: null,
    walkIn: false,
    version: 1,
    guest: { name: 'Chan Tai Man', phone: '+852 9123 4567', email: 'tm@example.com' },
    ...overrides,
  };
}

function entry(id: string, overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id,
    restaurantId: RESTAURANT_ID,
    status: 'waiting',
    partySize: 2,
    date: '2026-12-03',
    from: null,
    to: null,
    position: 1,
    offer: null,
    estimatedWaitMinutes: 20,
    reservationId: null,
    createdAt: '2026-12-03T03:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function open(answers: { reservations?: Reservation[]; waitlist?: WaitlistEntry[] | ApiError; post?: (path: string) => unknown }) {
  const calls: { method: string; path: string; query?: object; body?: unknown }[] = [];
  const http = {
    get: <T>(path: string, options: { query?: object } = {}): Promise<T> => {
      calls.push({ method: 'GET', path, query: options.query });
      if (path.endsWith('/reservations')) return Promise.resolve({ reservations: answers.reservations ?? [], latestSeq: 30 } as T);
      if (path.endsWith('/waitlist')) {
        const w = answers.waitlist ?? [];
        return w instanceof ApiError ? Promise.reject(w) : Promise.resolve({ entries: w } as T);
      }
      return Promise.resolve({
        restaurant: {
          tables: [
            { id: 't2', label: 'T10', seats: 4 },
            { id: 't1', label: 'T2', seats: 2 },
          ],
        },
      } as T);
    },
    post: <T>(path: string, body: unknown): Promise<T> => {
      calls.push({ method: 'POST', path, body });
      try {
        return Promise.resolve(answers.post?.(path) as T);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
  const connection = new FakeSubscriber();
  const stand = new HostStand({ id: RESTAURANT_ID, timeZone: TZ }, http, connection, NOW);
  stand.start();
  return { stand, connection, calls };
}

describe('HostStand', () => {
  it('loads the restaurant’s today, follows the staff scope from the list’s seq, and applies bookings by version', async () => {
    const { stand, connection, calls } = open({ reservations: [booking('a')] });
    await settle();
    expect(stand.date).toBe('2026-12-03');
    expect(calls.find((c) => c.path.endsWith('/reservations'))?.query).toEqual({ date: '2026-12-03' });
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'staff' });
    expect(connection.current.cursor).toBe(30);
    // Tables in label order, numbers as numbers.
    expect(stand.tables?.map((t) => t.label)).toEqual(['T2', 'T10']);

    const { onEvent } = connection.current.handlers;
    onEvent(event(31, 'reservation.created', booking('b', { startsAt: '2026-12-03T10:00:00.000Z' })));
    expect(stand.reservations.map((r) => r.id)).toEqual(['b', 'a']);
    onEvent(event(32, 'reservation.updated', booking('a', { status: 'seated', version: 2 })));
    // A late copy of an older version changes nothing.
    onEvent(event(33, 'reservation.updated', booking('a', { status: 'booked', version: 1 })));
    expect(stand.reservation('a')?.status).toBe('seated');
    // Moved to another day: off this one; a booking of another day never shows.
    onEvent(event(34, 'reservation.updated', booking('b', { startsAt: '2026-12-04T10:00:00.000Z', version: 2 })));
    onEvent(event(35, 'reservation.created', booking('c', { startsAt: '2026-12-02T10:00:00.000Z' })));
    expect(stand.reservations.map((r) => r.id)).toEqual(['a']);
    stand.dispose();
  });

  it('shows the waitlist’s error while the bookings work on, and follows the line by version', async () => {
    const { stand, connection } = open({ reservations: [booking('a')], waitlist: new ApiError(404, 'not_found', 'no such route') });
    await settle();
    expect(stand.status).toBe('ready');
    expect(stand.reservations).toHaveLength(1);
    expect(stand.waitlistError?.code).toBe('not_found');

    const { onEvent } = connection.current.handlers;
    onEvent(event(31, 'waitlist.updated', entry('w1')));
    onEvent(event(32, 'waitlist.updated', entry('w2', { position: 2 })));
    onEvent(
      event(
        33,
        'waitlist.updated',
        entry('w2', { status: 'offered', version: 2, offer: { startsAt: '', endsAt: '', expiresAt: '', tableIds: [] } }),
      ),
    );
    // Offered first; booked entries leave the line.
    expect(stand.waitlist.map((e) => e.id)).toEqual(['w2', 'w1']);
    onEvent(event(34, 'waitlist.updated', entry('w1', { status: 'booked', version: 2 })));
    expect(stand.waitlist.map((e) => e.id)).toEqual(['w2']);
    stand.dispose();
  });

  it('acts with the booking’s version and applies the answer; a refusal stays on the booking', async () => {
    let refuse = false;
    const { stand, calls } = open({
      reservations: [booking('a')],
      post: () => {
        if (refuse) throw new ApiError(409, 'invalid_transition', 'no');
        return { reservation: booking('a', { status: 'seated', version: 2 }) };
      },
    });
    await settle();
    expect(await stand.act('a', 'seat')).toBe(true);
    expect(calls.at(-1)).toEqual({ method: 'POST', path: '/api/v1/reservations/a/seat', body: { version: 1 } });
    expect(stand.reservation('a')?.status).toBe('seated');
    refuse = true;
    expect(await stand.act('a', 'complete')).toBe(false);
    expect(stand.errorOf('a')?.code).toBe('invalid_transition');
    expect(stand.reservation('a')?.status).toBe('seated');
    stand.dispose();
  });

  it('tells a walk-in with no free table from another failure', async () => {
    const { stand } = open({
      post: () => {
        throw new ApiError(409, 'slot_unavailable', 'none');
      },
    });
    await settle();
    expect(await stand.walkIn({ partySize: 6 })).toEqual({ kind: 'noTable' });
    stand.dispose();
  });

  it('puts a walk-in party into the line of the restaurant’s today, with only the contact given', async () => {
    const { stand, calls } = open({ post: () => ({ entry: entry('w9', { position: 4 }), token: 'wt_x' }) });
    await settle();
    const answer = await stand.joinWaitlist({ partySize: 3, name: 'Lam Ka Ho', phone: '+852 6123 4567' });
    expect(answer).toEqual({ kind: 'joined', entry: entry('w9', { position: 4 }) });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
    expect(calls.at(-1)).toEqual({
      method: 'POST',
      path: `/api/v1/restaurants/${RESTAURANT_ID}/waitlist`,
      body: { partySize: 3, name: 'Lam Ka Ho', date: today, phone: '+852 6123 4567' },
    });
    stand.dispose();
  });
});

describe('host stand helpers', () => {
  it('offers the actions a status allows', () => {
    expect(actionsFor({ status: 'booked' })).toEqual(['seat', 'no-show', 'cancel']);
    expect(actionsFor({ status: 'seated' })).toEqual(['complete']);
    expect(actionsFor({ status: 'completed' })).toEqual([]);
    expect(actionsFor({ status: 'cancelled' })).toEqual([]);
  });

  it('spans the day’s opening hours, shades the break, and widens to a booking outside them', () => {
    const hours = [
      { day: 4, opens: '11:30', closes: '15:00' },
      { day: 4, opens: '18:00', closes: '22:30' },
    ];
    // 3 December 2026 is a Thursday.
    expect(axisFor(hours, '2026-12-03', TZ, [])).toEqual({
      start: 11 * 60,
      end: 23 * 60,
      closed: [
        { from: 11 * 60, to: 11 * 60 + 30 },
        { from: 15 * 60, to: 18 * 60 },
        { from: 22 * 60 + 30, to: 23 * 60 },
      ],
    });
    const late = booking('x', { startsAt: '2026-12-03T15:00:00.000Z', endsAt: '2026-12-03T16:30:00.000Z' }); // 23:00–00:30
    expect(axisFor(hours, '2026-12-03', TZ, [late]).end).toBe(25 * 60);
    expect(axisFor([], '2026-12-03', TZ, [])).toEqual({ start: 11 * 60, end: 23 * 60, closed: [] });
  });
});
