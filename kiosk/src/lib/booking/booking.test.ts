import type { BookingPolicy, Restaurant } from '@dinewire/protocol';
import { ApiError } from '@dinewire/ui/api';
import { MemoryStorage, restaurant as restaurantFixture } from '@dinewire/ui/testing';
import { BookState, type BookApi } from './book.svelte';
import { bookableDates, depositFor, localDate, weekdayOf } from './rules';
import { BOOKING_TOKENS_KEY, BookingTokens } from './tokens.svelte';

const POLICY: BookingPolicy = {
  freeCancelHours: 24,
  lateCancelFeePercent: 50,
  noShowFeePercent: 100,
  depositPerGuestCents: 0,
  modifyUntilHours: 2,
  bookingLeadMinutes: 0,
  bookingHorizonDays: 6,
  slotMinutes: 30,
  stayMinutes: 90,
  minPartySize: 1,
  maxPartySize: 8,
};
const everyDay = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '11:00', closes: '22:00' }));

function restaurantWith(policy: Partial<BookingPolicy> | null, overrides: Partial<Restaurant> = {}): Restaurant {
  return restaurantFixture({
    timeZone: 'Asia/Hong_Kong',
    openingHours: everyDay,
    bookingPolicy: policy && { ...POLICY, ...policy },
    ...overrides,
  });
}

describe('the days a guest may book', () => {
  it('start from the restaurant’s own today, not the device’s', () => {
    // 17:30 UTC on 1 Dec is already 2 Dec in Hong Kong (UTC+8), still 1 Dec in New York.
    const now = new Date('2026-12-01T17:30:00Z');
    expect(localDate(now, 'Asia/Hong_Kong')).toBe('2026-12-02');
    expect(localDate(now, 'America/New_York')).toBe('2026-12-01');
    expect(bookableDates(restaurantWith({}), now)[0]).toBe('2026-12-02');
    expect(bookableDates(restaurantWith({}, { timeZone: 'America/New_York' }), now)[0]).toBe('2026-12-01');
  });

  it('run to the horizon (today is day 0), leaving out closed dates and days it does not open', () => {
    const now = new Date('2026-12-02T04:00:00Z'); // Wednesday 2 Dec in Hong Kong
    const openingHours = everyDay.filter((h) => h.day !== 1); // closed on Mondays
    const dates = bookableDates(restaurantWith({ closedDates: ['2026-12-05'] }, { openingHours }), now);
    expect(dates).toEqual(['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-06', '2026-12-08']);
    expect(weekdayOf('2026-12-07')).toBe(1);
  });

  it('are none when the restaurant takes no bookings', () => {
    expect(bookableDates(restaurantWith(null), new Date())).toEqual([]);
  });
});

describe('the deposit shown', () => {
  it('is the party times the first matching rule’s amount, else the per-guest default', () => {
    const policy: BookingPolicy = {
      ...POLICY,
      depositPerGuestCents: 1000,
      depositRules: [
        { fromPartySize: 6, perGuestCents: 5000 },
        { days: [5, 6], perGuestCents: 2000 }, // Friday, Saturday
        { fromPartySize: 4, days: [5], perGuestCents: 9900 }, // never reached for 6+: the first rule wins
      ],
    };
    expect(depositFor(policy, 2, '2026-12-02')).toBe(2 * 1000); // Wednesday: the default
    expect(depositFor(policy, 2, '2026-12-04')).toBe(2 * 2000); // Friday
    expect(depositFor(policy, 6, '2026-12-04')).toBe(6 * 5000); // a large party, first rule
    expect(depositFor(policy, 5, '2026-12-02')).toBe(5 * 1000);
    expect(depositFor({ ...POLICY }, 4, '2026-12-04')).toBe(0);
    expect(depositFor(null, 4, '2026-12-04')).toBe(0);
  });
});

describe('the booking tokens a phone keeps', () => {
  it('are kept in storage by kind and id, read back by a later visit, and forgotten', () => {
    const storage = new MemoryStorage();
    const tokens = new BookingTokens(storage);
    tokens.save('reservation', 'r1', 'rt_one');
    tokens.save('waitlist', 'w1', 'wt_one');
    const later = new BookingTokens(storage);
    expect(later.get('reservation', 'r1')).toBe('rt_one');
    expect(later.get('waitlist', 'w1')).toBe('wt_one');
    expect(later.get('reservation', 'w1')).toBeNull();
    later.forget('reservation', 'r1');
    expect(new BookingTokens(storage).get('reservation', 'r1')).toBeNull();
    expect(new BookingTokens(storage).ids('waitlist')).toEqual(['w1']);
  });

  it('survive bad stored data, and keep only the newest fifty', () => {
    const storage = new MemoryStorage();
    storage.setItem(BOOKING_TOKENS_KEY, '{not json');
    const tokens = new BookingTokens(storage);
    expect(tokens.ids('reservation')).toEqual([]);
    for (let i = 0; i < 55; i++) tokens.save('reservation', `r${i}`, `rt_${i}`);
    const kept = new BookingTokens(storage).ids('reservation');
    expect(kept).toHaveLength(50);
    expect(kept[0]).toBe('r5');
    expect(kept.at(-1)).toBe('r54');
  });
});

describe('booking a table', () => {
  const slot = { startsAt: '2026-12-02T11:00:00.000Z', endsAt: '2026-12-02T12:30:00.000Z' };
  function apiWith(book: BookApi['book']): BookApi & { keys: string[] } {
    const keys: string[] = [];
    return {
      keys,
      availability: async () => ({ slots: [slot] }),
      book: (body, key, signal) => {
        keys.push(key);
        return book(body, key, signal);
      },
      joinWaitlist: async () => ({ entry: { id: 'w1' }, token: 'wt_1' }),
    };
  }
  const booked = { reservation: { id: 'r1' } as never, token: 'rt_1' };

  function filled(api: BookApi, policy: Partial<BookingPolicy> = {}): BookState {
    const b = new BookState(restaurantWith(policy), api, { now: () => new Date('2026-12-02T01:00:00Z'), sleep: async () => undefined });
    b.startsAt = slot.startsAt;
    b.name = 'Mei Chan';
    b.phone = '+852 9123 4567';
    b.email = 'mei@example.com';
    return b;
  }

  it('sends the same Idempotency-Key on every retry until the server answers, then a new one for the next booking', async () => {
    let calls = 0;
    const api = apiWith(async () => {
      calls++;
      if (calls < 3) throw new ApiError(0, 'network', 'offline');
      return booked;
    });
    const b = filled(api);
    expect(await b.submit()).toEqual(booked);
    expect(api.keys).toHaveLength(3);
    expect(new Set(api.keys).size).toBe(1);
    expect(b.pendingKey).toBeNull();
    await b.submit();
    expect(api.keys[3]).not.toBe(api.keys[0]);
  });

  it('a refusal books nothing and the next try is a new booking; a bad form is not sent', async () => {
    const api = apiWith(async () => {
      throw new ApiError(409, 'slot_unavailable' as never, 'taken');
    });
    const b = filled(api);
    expect(await b.submit()).toBeNull();
    expect(b.error?.code).toBe('slot_unavailable');
    b.startsAt = slot.startsAt;
    await b.submit();
    expect(api.keys).toHaveLength(2);
    expect(api.keys[0]).not.toBe(api.keys[1]);

    b.email = 'not an email';
    b.phone = 'x';
    expect(await b.submit()).toBeNull();
    expect(b.errors).toEqual({ email: true, phone: true });
    expect(api.keys).toHaveLength(2);
  });

  it('asks the deposit’s payment only when the rules want one, with allergies and the pre-order', () => {
    const free = filled(apiWith(async () => booked));
    free.toggleAllergy('peanut');
    free.setQuantity('d1', 2);
    free.setQuantity('d2', 1);
    free.setQuantity('d2', 0);
    const body = free.body();
    expect(body.paymentMethod).toBeUndefined();
    expect(body.allergies).toEqual(['peanut']);
    expect(body.preorder).toEqual([{ dishId: 'd1', quantity: 2 }]);

    const paid = filled(
      apiWith(async () => booked),
      { depositPerGuestCents: 2500 },
    );
    expect(paid.depositCents).toBe(2 * 2500);
    paid.paymentMethod = 'room';
    expect(paid.body({ roomNumber: '1208', guestName: 'Chan' })).toMatchObject({
      paymentMethod: 'room',
      roomNumber: '1208',
      guestName: 'Chan',
    });
  });

  it('keeps the party within the restaurant’s limits and starts from a signed-in guest’s details', () => {
    const b = new BookState(
      restaurantWith({ minPartySize: 2, maxPartySize: 4 }),
      apiWith(async () => booked),
    );
    b.setPartySize(9);
    expect(b.partySize).toBe(4);
    b.setPartySize(0);
    expect(b.partySize).toBe(2);
    b.name = 'Typed';
    b.prefill({ name: 'Mei', email: 'mei@example.com', phone: null });
    expect([b.name, b.email, b.phone]).toEqual(['Typed', 'mei@example.com', '']);
  });
});

describe('the form’s field errors', () => {
  it('show from the first try to send, and each goes once its field is fixed', async () => {
    const api: BookApi = {
      availability: async () => ({ slots: [] }),
      book: async () => ({ reservation: { id: 'r1' } as never, token: 'rt_1' }),
      joinWaitlist: async () => ({ entry: { id: 'w1' }, token: 'wt_1' }),
    };
    const b = new BookState(restaurantWith({}), api);
    b.startsAt = '2026-12-02T11:00:00.000Z';
    expect(b.errors).toEqual({});
    await b.submit();
    expect(b.errors).toEqual({ name: true, phone: true, email: true });
    b.name = 'Mei';
    b.email = 'mei@example.com';
    expect(b.errors).toEqual({ phone: true });
  });
});
