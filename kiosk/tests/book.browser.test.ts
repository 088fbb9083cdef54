/**
 * Booking a table from a guest's phone, in real Chromium against a real node: from the menu's
 * "Book a table" to a day, a party size, a slot and the guest's details, to the confirmation
 * code; the booking is then in the database and on the host's list. A day with no free table
 * offers the waitlist instead. The booking's own page and a waitlist place are driven against
 * the protocol's shapes with the lifecycle endpoints (being built on other branches) answered
 * at the network by `page.route`, so their screens are checked now and run for real at merge.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CancellationQuote, Reservation, WaitlistEntry } from '@dinewire/protocol';
import type { Page } from 'playwright-core';
import { one } from '../../server/src/db/sql';
import { makeBookableRestaurant, makeDish, makeUser } from '../../server/src/test/factories';
import { client } from '../../server/src/test/harness';
import { AXE_CONTEXT, expectAccessible, expectLargeTargets } from '../../ui/test/axe';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 10_000 };
const PHONE = { width: 390, height: 844 };
const suite = browserSuite('kiosk');

/** Screenshots go to BOOK_SHOTS_DIR when it is set, to look at. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.BOOK_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function checked(page: Page, screen: string): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expectAccessible(page, screen);
  await expectLargeTargets(page, screen);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Tomorrow in Hong Kong (the test restaurants' zone): every slot of it is still ahead. */
function tomorrowInHongKong(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(new Date());
  const at = new Date(`${today}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString().slice(0, 10);
}

describe('booking a table on a phone', () => {
  it.each(['en', 'zh-Hant'] as const)(
    'in %s: from the menu, picks a day, party and slot, fills the form and sees the code; the booking is in the database and on the host’s list',
    async (lang) => {
      const r = await makeBookableRestaurant(suite.db, { tables: [{ seats: 2 }, { seats: 4 }] });
      const dish = await makeDish(suite.db, r, { name: 'Char Siu', priceCents: 12800 });
      const { slug } = (await one<{ slug: string }>(suite.db, 'SELECT slug FROM restaurants WHERE id = $id', { id: r.id }))!;
      const date = tomorrowInHongKong();
      const page = await suite.newPage({ ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' }, `/kiosk/r/${slug}?lang=${lang}`);
      await page.locator('[data-book-link]').click(WAIT);
      await page.locator('[data-book]').waitFor(WAIT);
      expect(new URL(page.url()).pathname).toBe(`/kiosk/r/${slug}/book`);

      await page.locator(`label[data-date="${date}"]`).click();
      await page.getByRole('button', { name: lang === 'en' ? 'One guest more' : '增加一位' }).click();
      await page.locator('[data-party-size="3"]').waitFor(WAIT);
      const slots = page.locator('label[data-slot]');
      await slots.first().waitFor(WAIT);
      await checked(page, `${lang} book`);
      await shot(page, `${lang}-book-slots`);
      // 19:00 Hong Kong time is 11:00 UTC.
      const slot = page.locator(`label[data-slot="${date}T11:00:00.000Z"]`);
      await slot.click();

      // A form sent half-filled names what is missing, and books nothing.
      await page.locator('[data-submit-booking]').click();
      await page.locator('[aria-invalid="true"]').first().waitFor(WAIT);
      await shot(page, `${lang}-book-errors`);
      await page.locator('input[name="name"]').fill('Mei Chan');
      await page.locator('input[name="phone"]').fill('+852 9123 4567');
      await page.locator('input[name="email"]').fill('mei@example.com');
      await page.locator('textarea[name="notes"]').fill('A quiet corner, please');
      await page.locator('label[data-allergen="peanut"]').click();
      // Ordering ahead: two of a dish from the menu.
      await page.locator('details.preorder summary').click();
      const more = page.locator(`[data-preorder-dish="${dish.id}"] button`).last();
      await more.click();
      await more.click();
      await shot(page, `${lang}-book-filled`);
      expect(await page.locator('[data-submit-booking]').textContent()).toContain('19:00');
      const sent = page.waitForRequest((req) => req.method() === 'POST' && req.url().endsWith('/api/v1/reservations'));
      await page.locator('[data-submit-booking]').click();
      const request = await sent;
      expect(request.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(request.postDataJSON()).toMatchObject({
        restaurantId: r.id,
        partySize: 3,
        startsAt: `${date}T11:00:00.000Z`,
        allergies: ['peanut'],
        preorder: [{ dishId: dish.id, quantity: 2 }],
        notes: 'A quiet corner, please',
      });

      const confirmation = page.locator('[data-reservation-id][data-status="booked"]');
      await confirmation.waitFor(WAIT);
      const code = (await page.locator('[data-code]').textContent())!.trim();
      const id = (await confirmation.getAttribute('data-reservation-id'))!;
      expect(code.length).toBeGreaterThan(3);
      await checked(page, `${lang} booked`);
      await shot(page, `${lang}-booked`);

      const row = await one<{ code: string; party_size: number; starts_at: Date; status: string }>(
        suite.db,
        'SELECT code, party_size, starts_at, status FROM reservations WHERE id = $id',
        { id },
      );
      expect(row).toMatchObject({ code, party_size: 3, status: 'booked' });
      expect(row!.starts_at.toISOString()).toBe(`${date}T11:00:00.000Z`);
      // The host's list has it, with the guest's contact.
      const host = await makeUser(suite.db, 'host', [r.id]);
      const list = await client(suite.node.url, host.token).get(`/api/v1/restaurants/${r.id}/reservations?date=${date}`);
      const listed = (list.body.reservations as Reservation[]).find((b) => b.id === id);
      expect(listed).toMatchObject({ code, partySize: 3, guest: { name: 'Mei Chan', email: 'mei@example.com' } });
      // The phone keeps its token, and the confirmation links to the booking's page with it.
      const kept = await page.evaluate(() => localStorage.getItem('dinewire.booking.tokens'));
      expect(kept).toContain(`reservation:${id}`);
      expect(
        await page.getByRole('link', { name: lang === 'en' ? 'View or change this booking' : '查看或更改訂座' }).getAttribute('href'),
      ).toMatch(new RegExp(`/kiosk/bookings/${id}\\?token=rt_`));
    },
  );

  it('shows the deposit the restaurant’s rules ask for the party, with card or room to pay it', async () => {
    const r = await makeBookableRestaurant(suite.db, {
      tables: [{ seats: 4 }],
      policy: { depositPerGuestCents: 0, depositRules: [{ fromPartySize: 3, perGuestCents: 5000 }] },
    });
    const { slug } = (await one<{ slug: string }>(suite.db, 'SELECT slug FROM restaurants WHERE id = $id', { id: r.id }))!;
    const page = await suite.newPage({ ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' }, `/kiosk/r/${slug}/book?lang=zh-Hant`);
    await page.locator(`label[data-date="${tomorrowInHongKong()}"]`).click(WAIT);
    await page.locator('label[data-slot]').first().waitFor(WAIT);
    // Two guests: no rule matches, no deposit.
    expect(await page.locator('[data-deposit-cents]').count()).toBe(0);
    await page.getByRole('button', { name: '增加一位' }).click();
    const deposit = page.locator('fieldset[data-deposit-cents]');
    await deposit.waitFor(WAIT);
    expect(await deposit.getAttribute('data-deposit-cents')).toBe('15000');
    expect(await deposit.textContent()).toContain('HK$150.00');
    await page.locator('label[data-slot]').first().click();
    expect(await page.locator('[data-submit-booking]').textContent()).toContain('支付 HK$150.00');
    await page.getByText('記入我的房間帳').click();
    await page.getByLabel('房號', { exact: true }).waitFor(WAIT);
    await checked(page, 'book deposit');
    await shot(page, 'zh-Hant-book-deposit');
  });

  it('offers the waitlist when no table is free on the day', async () => {
    // Tables of two only: a party of three finds nothing.
    const r = await makeBookableRestaurant(suite.db, { tables: [{ seats: 2 }] });
    const { slug } = (await one<{ slug: string }>(suite.db, 'SELECT slug FROM restaurants WHERE id = $id', { id: r.id }))!;
    const page = await suite.newPage({ ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' }, `/kiosk/r/${slug}/book?lang=en`);
    await page.locator(`label[data-date="${tomorrowInHongKong()}"]`).click(WAIT);
    await page.getByRole('button', { name: 'One guest more' }).click();
    await page.locator('[data-full]').waitFor(WAIT);
    expect(await page.locator('[data-full]').textContent()).toContain('No table is free for 3');
    expect(await page.locator('[data-join-waitlist]').textContent()).toBe('Join the waitlist');
    await checked(page, 'book full');
    await shot(page, 'en-book-full');
    // The kiosk's big portrait screen too.
    await page.setViewportSize({ width: 1080, height: 1920 });
    await checked(page, 'book full at kiosk size');
    await shot(page, 'en-book-full-kiosk');
  });
});

describe('a booking’s page and a waitlist place (lifecycle endpoints answered at the network until they land)', () => {
  const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 11) + '11:00:00.000Z';
  function reservation(r: { id: string }, over: Partial<Reservation> = {}): Reservation {
    return {
      id: '0a1b2c3d-0000-4000-8000-000000000001',
      restaurantId: r.id,
      code: 'K7QX2M',
      status: 'booked',
      partySize: 4,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 90 * 60_000).toISOString(),
      tableIds: ['t1'],
      depositCents: 20000,
      payment: 'paid',
      paidCents: 20000,
      refundedCents: 0,
      notes: null,
      allergies: ['peanut', 'tree-nut'],
      preorderOrderId: null,
      walkIn: false,
      version: 1,
      ...over,
    };
  }

  it.each(['en', 'zh-Hant'] as const)(
    'in %s: shows the booking, keeps it as it was on a refused change, and shows the refund before cancelling',
    async (lang) => {
      const r = await makeBookableRestaurant(suite.db, { tables: [{ seats: 4 }] });
      let booking = reservation(r);
      const quote: CancellationQuote = {
        policy: { freeCancelHours: 24, lateCancelFeePercent: 50, noShowFeePercent: 100 },
        freeUntil: new Date(Date.parse(startsAt) - 86_400_000).toISOString(),
        paidCents: 20000,
        refund: { amountCents: 20000, feeCents: 0 },
      };
      const page = await suite.newPage({ ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' });
      const cancelled: unknown[] = [];
      await page.route(`**/api/v1/reservations/${booking.id}**`, async (route) => {
        const req = route.request();
        const url = new URL(req.url());
        if (url.pathname.endsWith('/cancellation')) return route.fulfill({ json: quote });
        if (url.pathname.endsWith('/cancel')) {
          cancelled.push(req.postDataJSON());
          booking = { ...booking, status: 'cancelled', payment: 'refunded', refundedCents: 20000, version: 2 };
          return route.fulfill({ json: { reservation: booking, refund: quote.refund } });
        }
        if (req.method() === 'PATCH') {
          return route.fulfill({ status: 409, json: { error: { code: 'slot_unavailable', message: 'no table', details: [] } } });
        }
        expect(url.searchParams.get('token')).toBe('rt_test');
        return route.fulfill({ json: { reservation: booking } });
      });
      await page.goto(`${suite.node.url}/kiosk/bookings/${booking.id}?token=rt_test&lang=${lang}`);
      await page.locator(`[data-reservation-id="${booking.id}"][data-status="booked"]`).waitFor(WAIT);
      await checked(page, `${lang} booking`);
      await shot(page, `${lang}-booking`);

      // A change no table can take: said so, and the booking shown as it was.
      await page.locator('[data-change]').click();
      await page.locator('label[data-slot]').first().waitFor(WAIT);
      await page.locator('label[data-slot]').nth(1).click();
      await checked(page, `${lang} booking change`);
      await shot(page, `${lang}-booking-change`);
      await page.locator('[data-save-change]').click();
      const refused = page.locator('[data-error-code="slot_unavailable"]');
      await refused.waitFor(WAIT);
      expect(await refused.textContent()).toContain(lang === 'en' ? 'kept as it was' : '維持原狀');
      expect(await page.locator('[data-starts-at]').getAttribute('data-starts-at')).toBe(startsAt);
      await shot(page, `${lang}-booking-conflict`);

      // Cancelling: the policy and the exact refund first, nothing sent until confirmed.
      await page.getByRole('button', { name: lang === 'en' ? 'Keep as it is' : '維持不變' }).click();
      await page.locator('[data-cancel]').click();
      const shown = page.locator('[data-quote] [data-refund-cents="20000"]');
      await shown.waitFor(WAIT);
      expect(cancelled).toEqual([]);
      await checked(page, `${lang} cancel quote`);
      await shot(page, `${lang}-booking-cancel-quote`);
      await page.locator('[data-confirm-cancel]').click();
      await page.locator('[data-status="cancelled"]').waitFor(WAIT);
      expect(cancelled).toEqual([{ token: 'rt_test', version: 1 }]);
      await shot(page, `${lang}-booking-cancelled`);
      // The phone kept the token: the address alone opens the booking again.
      await page.goto(`${suite.node.url}/kiosk/bookings/${booking.id}?lang=${lang}`);
      await page.locator(`[data-reservation-id="${booking.id}"]`).waitFor(WAIT);
    },
  );

  it.each(['en', 'zh-Hant'] as const)('in %s: a waitlist offer counts down and its accept opens the new booking', async (lang) => {
    const r = await makeBookableRestaurant(suite.db, { tables: [{ seats: 4 }] });
    const booking = reservation(r, { depositCents: 0, payment: 'none', paidCents: 0, allergies: [] });
    const entry: WaitlistEntry = {
      id: '0a1b2c3d-0000-4000-8000-0000000000w1'.replace('w1', 'a1'),
      restaurantId: r.id,
      status: 'offered',
      partySize: 4,
      date: startsAt.slice(0, 10),
      from: null,
      to: null,
      position: 1,
      offer: { startsAt, endsAt: booking.endsAt, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(), tableIds: ['t1'] },
      estimatedWaitMinutes: null,
      reservationId: null,
      createdAt: new Date().toISOString(),
      version: 2,
    };
    const page = await suite.newPage({ ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' });
    await page.route(`**/api/v1/waitlist/${entry.id}**`, (route) =>
      new URL(route.request().url()).pathname.endsWith('/accept')
        ? route.fulfill({
            json: { entry: { ...entry, status: 'booked', offer: null, reservationId: booking.id }, reservation: booking, token: 'rt_new' },
          })
        : route.fulfill({ json: { entry } }),
    );
    await page.route(`**/api/v1/reservations/${booking.id}**`, (route) => route.fulfill({ json: { reservation: booking } }));
    await page.goto(`${suite.node.url}/kiosk/waitlist/${entry.id}?token=wt_test&lang=${lang}`);
    const countdown = page.locator('[data-seconds-left]');
    await countdown.waitFor(WAIT);
    const first = Number(await countdown.getAttribute('data-seconds-left'));
    expect(first).toBeGreaterThan(590);
    expect(first).toBeLessThanOrEqual(600);
    await page.waitForFunction(
      (s) => Number(document.querySelector('[data-seconds-left]')?.getAttribute('data-seconds-left')) < s,
      first,
      WAIT,
    );
    await checked(page, `${lang} waitlist offer`);
    await shot(page, `${lang}-waitlist-offer`);
    await page.locator('[data-accept]').click();
    await page.locator(`[data-reservation-id="${booking.id}"]`).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe(`/kiosk/bookings/${booking.id}`);
    expect(new URL(page.url()).searchParams.get('token')).toBe('rt_new');
  });
});
