import type { CancellationQuote, Reservation, WaitlistEntry } from '@dinewire/protocol';
import { ApiError } from '@dinewire/ui/api';
import type { KioskApi } from '../order/api';
import { ReservationPage } from './reservation.svelte';
import { WaitlistPage } from './waitlist.svelte';

const booking: Reservation = {
  id: 'r1',
  restaurantId: 'x',
  code: 'ABC123',
  status: 'booked',
  partySize: 2,
  startsAt: '2026-12-05T11:00:00.000Z',
  endsAt: '2026-12-05T12:30:00.000Z',
  tableIds: ['t1'],
  depositCents: 0,
  payment: 'none',
  paidCents: 0,
  refundedCents: 0,
  notes: null,
  allergies: [],
  preorderOrderId: null,
  walkIn: false,
  version: 3,
};
const quote: CancellationQuote = {
  policy: { freeCancelHours: 24, lateCancelFeePercent: 50, noShowFeePercent: 100 },
  freeUntil: '2026-12-04T11:00:00.000Z',
  paidCents: 0,
  refund: { amountCents: 0, feeCents: 0 },
};

function apiOf(over: Partial<KioskApi> = {}) {
  const calls: { name: string; args: unknown[] }[] = [];
  const api = {
    reservation: async (...args: unknown[]) => (calls.push({ name: 'reservation', args }), booking),
    changeReservation: async (...args: unknown[]) => {
      calls.push({ name: 'change', args });
      throw new ApiError(409, 'slot_unavailable' as never, 'no table');
    },
    cancellationQuote: async (...args: unknown[]) => (calls.push({ name: 'quote', args }), quote),
    cancelReservation: async (...args: unknown[]) => {
      calls.push({ name: 'cancel', args });
      return { reservation: { ...booking, status: 'cancelled' as const, version: 4 }, refund: quote.refund };
    },
    availability: async () => ({ slots: [] }),
    ...over,
  } as unknown as KioskApi;
  return { api, calls };
}

describe('a booking’s page', () => {
  it('sends a change with the token and version; a refused one leaves the booking as it was, read again', async () => {
    const { api, calls } = apiOf();
    const page = new ReservationPage('r1', 'rt_x', api);
    await page.reload();
    expect(await page.change({ partySize: 4 })).toBe(false);
    expect(page.error?.code).toBe('slot_unavailable');
    expect(calls.find((c) => c.name === 'change')!.args).toEqual(['r1', { partySize: 4, version: 3, token: 'rt_x' }]);
    expect(page.reservation).toEqual(booking);
  });

  it('cancels only once the quote has been read, then shows the refund', async () => {
    const { api, calls } = apiOf();
    const page = new ReservationPage('r1', null, api);
    await page.reload();
    expect(await page.cancel()).toBe(false);
    expect(calls.some((c) => c.name === 'cancel')).toBe(false);
    await page.askCancel();
    expect(page.quote.value).toEqual(quote);
    expect(await page.cancel()).toBe(true);
    expect(calls.find((c) => c.name === 'cancel')!.args).toEqual(['r1', null, 3]);
    expect(page.reservation?.status).toBe('cancelled');
    expect(page.refund).toEqual({ amountCents: 0, feeCents: 0 });
    expect(page.quote.value).toBeNull();
  });
});

describe('a waitlist place', () => {
  const entry: WaitlistEntry = {
    id: 'w1',
    restaurantId: 'x',
    status: 'offered',
    partySize: 2,
    date: '2026-12-05',
    from: null,
    to: null,
    position: 1,
    offer: { startsAt: booking.startsAt, endsAt: booking.endsAt, expiresAt: '2026-12-05T10:00:00.000Z', tableIds: ['t1'] },
    estimatedWaitMinutes: null,
    reservationId: null,
    createdAt: '2026-12-05T09:00:00.000Z',
    version: 1,
  };

  it('counts down to the offer’s expiry and does not accept an expired offer', async () => {
    let now = Date.parse('2026-12-05T09:58:30.000Z');
    let accepted = 0;
    const api = {
      waitlistEntry: async () => entry,
      acceptOffer: async () => {
        accepted++;
        return { entry: { ...entry, status: 'booked' }, reservation: booking, token: 'rt_new' };
      },
    } as unknown as KioskApi;
    const page = new WaitlistPage('w1', 'wt_x', api, () => now);
    await page.reload();
    expect(page.secondsLeft).toBe(90);
    now += 91_000;
    page.now = now;
    expect(page.secondsLeft).toBe(0);
    expect(await page.accept()).toBeNull();
    expect(accepted).toBe(0);
    now -= 60_000;
    page.now = now;
    expect((await page.accept())?.token).toBe('rt_new');
    expect(page.secondsLeft).toBeNull();
  });
});
