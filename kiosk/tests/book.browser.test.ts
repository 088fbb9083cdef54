/**
 * Booking a table from a guest's phone, in real Chromium against a real node: from the menu's
 * "Book a table" to a day, a party size, a slot and the guest's details, to the confirmation
 * code; the booking is then in the database, on the host's list, and live on an open host stand.
 * A day with no free table offers the waitlist instead. A booking's own page (a change refused
 * because another party took the slot first, the refund shown before cancelling) and a place on
 * the waitlist (offered a freed table by the job queue, accepted) run against the real endpoints.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BookingPolicy, Reservation, WaitlistEntry } from '@dinewire/protocol';
import type { Page } from 'playwright-core';
import { one } from '../../server/src/db/sql';
import { requireBuiltApp } from '../../server/src/test/appFixtures';
import { DECLINED_CARD, makeBookableRestaurant, makeDish, makeUser, TEST_CARD } from '../../server/src/test/factories';
import { client, eventually } from '../../server/src/test/harness';
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

describe('a booking seen live on the host stand', () => {
  it('booked on a phone, appears on an open host stand on its table’s row without a reload', async () => {
    requireBuiltApp('dashboard');
    const r = await makeBookableRestaurant(suite.db, { tables: [{ seats: 2 }, { seats: 4 }] });
    const { slug } = (await one<{ slug: string }>(suite.db, 'SELECT slug FROM restaurants WHERE id = $id', { id: r.id }))!;
    const date = tomorrowInHongKong();

    // The host signs in at the stand and turns to tomorrow.
    const host = await makeUser(suite.db, 'host', [r.id]);
    const stand = await suite.newPage(
      { ...AXE_CONTEXT, viewport: { width: 1280, height: 800 }, locale: 'en-GB' },
      `/dashboard/r/${r.id}/host`,
    );
    await stand.getByLabel('Email').fill(host.email);
    await stand.getByLabel('Password').fill(host.password);
    await stand.getByRole('button', { name: 'Sign in' }).click();
    await stand.locator('[data-connection="live"]').waitFor(WAIT);
    await stand.locator('.timeline').waitFor(WAIT);
    if ((await stand.locator('#host-date').inputValue()) !== date) await stand.getByRole('button', { name: 'Next day' }).click();
    expect(await stand.locator('#host-date').inputValue()).toBe(date);
    await stand.locator('.timeline [data-table-id]').first().waitFor(WAIT);
    expect(await stand.locator('[data-reservation-id]').count()).toBe(0);
    await stand.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // A guest books on their phone.
    const phone = await suite.newPage({ ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' }, `/kiosk/r/${slug}/book?lang=en`);
    await phone.locator(`label[data-date="${date}"]`).click(WAIT);
    await phone.locator(`label[data-slot="${date}T11:00:00.000Z"]`).click(WAIT);
    await phone.locator('input[name="name"]').fill('Lam Ka Ho');
    await phone.locator('input[name="phone"]').fill('+852 9876 5432');
    await phone.locator('input[name="email"]').fill('lam@example.com');
    await phone.locator('[data-submit-booking]').click();
    const confirmation = phone.locator('[data-reservation-id][data-status="booked"]');
    await confirmation.waitFor(WAIT);
    const id = (await confirmation.getAttribute('data-reservation-id'))!;

    // The stand shows it at once, on the row of the table it holds.
    const block = stand.locator(`[data-reservation-id="${id}"]`);
    await block.waitFor(WAIT);
    expect(await block.getAttribute('data-status')).toBe('booked');
    expect(await block.innerText()).toContain('Lam Ka Ho');
    const held = await one<{ table_id: string }>(
      suite.db,
      'SELECT table_id FROM reservation_tables WHERE reservation_id = $id AND active',
      {
        id,
      },
    );
    // Two guests: the two-seat table, the smallest that fits.
    expect(held!.table_id).toBe(r.tables[0].id);
    expect(await stand.locator(`[data-table-id="${held!.table_id}"] [data-reservation-id="${id}"]`).count()).toBe(1);
    expect(await stand.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await shot(stand, 'host-stand-after-phone-booking');
  });
});

/** The day `days` after today in Hong Kong. */
function daysAheadInHongKong(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface Booked {
  reservation: Reservation;
  token: string;
}

async function bookByApi(r: { id: string }, body: Record<string, unknown>): Promise<Booked> {
  const res = await client(suite.node.url).post(
    '/api/v1/reservations',
    { restaurantId: r.id, name: 'Mei Chan', phone: '+852 9123 4567', email: 'mei@example.com', ...body },
    { 'idempotency-key': crypto.randomUUID() },
  );
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  return res.body as Booked;
}

describe('a booking’s page and a waitlist place', () => {
  const day = daysAheadInHongKong(3);
  const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

  /**
   * One four-seat table open 18:00 to 21:00 (90-minute stays) taken all evening by two bookings
   * (paid with `payment` when the rules ask a deposit), and a party of two waiting on the line.
   */
  async function fullEvening(policy: Partial<BookingPolicy> = {}, payment: Record<string, unknown> = {}) {
    const r = await makeBookableRestaurant(suite.db, {
      tables: [{ seats: 4 }],
      openingHours: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day: d, opens: '18:00', closes: '21:00' })),
      policy,
    });
    const early = await bookByApi(r, { partySize: 2, startsAt: at('18:00'), ...payment });
    await bookByApi(r, { partySize: 2, startsAt: at('19:30'), ...payment });
    const joined = await client(suite.node.url).post(`/api/v1/restaurants/${r.id}/waitlist`, {
      partySize: 2,
      date: day,
      name: 'Ho Wing Sze',
      phone: '+852 9000 1111',
      email: 'ho@example.com',
    });
    expect(joined.status).toBe(201);
    return { r, early, entry: joined.body.entry as WaitlistEntry, waitToken: joined.body.token as string };
  }

  /** Until the job queue has offered the entry the freed table. */
  async function offerStands(entryId: string): Promise<void> {
    await eventually(async () => {
      const entry = await one<{ status: string }>(suite.db, 'SELECT status FROM waitlist_entries WHERE id = $id', { id: entryId });
      expect(entry!.status).toBe('offered');
    }, 15_000);
  }

  it.each(['en', 'zh-Hant'] as const)(
    'in %s: shows the booking, keeps it as it was when its new slot is taken first, and shows the refund before cancelling',
    async (lang) => {
      // One four-seat table; HK$50 a guest, paid by card.
      const r = await makeBookableRestaurant(suite.db, { tables: [{ seats: 4 }], policy: { depositPerGuestCents: 5000 } });
      const { reservation: booking, token } = await bookByApi(r, {
        partySize: 4,
        startsAt: at('12:00'),
        allergies: ['peanut'],
        paymentMethod: 'card',
        card: TEST_CARD,
      });
      expect(booking).toMatchObject({ depositCents: 20000, paidCents: 20000, payment: 'pending' });
      // Authorised in the request, captured by its job: the page opens on the paid booking.
      await eventually(async () => {
        const paid = await one<{ payment_status: string }>(suite.db, 'SELECT payment_status FROM reservations WHERE id = $id', {
          id: booking.id,
        });
        expect(paid!.payment_status).toBe('paid');
      }, 15_000);

      const page = await suite.newPage(
        { ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' },
        `/kiosk/bookings/${booking.id}?token=${encodeURIComponent(token)}&lang=${lang}`,
      );
      await page.locator(`[data-reservation-id="${booking.id}"][data-status="booked"]`).waitFor(WAIT);
      expect(await page.locator('[data-starts-at]').getAttribute('data-starts-at')).toBe(booking.startsAt);
      await checked(page, `${lang} booking`);
      await shot(page, `${lang}-booking`);

      // The guest picks the evening's last slot; another party books it before they save.
      await page.locator('[data-change]').click();
      const last = page.locator('label[data-slot]').last();
      await last.waitFor(WAIT);
      const wanted = (await last.getAttribute('data-slot'))!;
      expect(Date.parse(wanted)).toBeGreaterThan(Date.parse(booking.endsAt));
      await last.click();
      await checked(page, `${lang} booking change`);
      await shot(page, `${lang}-booking-change`);
      const other = await bookByApi(r, { partySize: 4, startsAt: wanted, paymentMethod: 'card', card: TEST_CARD });
      await page.locator('[data-save-change]').click();
      const refused = page.locator('[data-error-code="slot_unavailable"]');
      await refused.waitFor(WAIT);
      expect(await refused.textContent()).toContain(lang === 'en' ? 'kept as it was' : '維持原狀');
      expect(await page.locator('[data-starts-at]').getAttribute('data-starts-at')).toBe(booking.startsAt);
      const kept = await one<{ starts_at: Date; version: number }>(suite.db, 'SELECT starts_at, version FROM reservations WHERE id = $id', {
        id: booking.id,
      });
      expect(kept!.starts_at.toISOString()).toBe(booking.startsAt);
      expect(other.reservation.tableIds).toEqual(booking.tableIds);
      await shot(page, `${lang}-booking-conflict`);

      // Cancelling: three days ahead, inside the free period, so the whole deposit comes back;
      // the policy and the exact refund are shown first, and nothing is cancelled until confirmed.
      await page.getByRole('button', { name: lang === 'en' ? 'Keep as it is' : '維持不變' }).click();
      await page.locator('[data-cancel]').click();
      await page.locator('[data-quote] [data-refund-cents="20000"]').waitFor(WAIT);
      expect((await one<{ status: string }>(suite.db, 'SELECT status FROM reservations WHERE id = $id', { id: booking.id }))!.status).toBe(
        'booked',
      );
      await checked(page, `${lang} cancel quote`);
      await shot(page, `${lang}-booking-cancel-quote`);
      await page.locator('[data-confirm-cancel]').click();
      await page.locator('[data-status="cancelled"]').waitFor(WAIT);
      const row = await one<{ status: string; paid_cents: number }>(
        suite.db,
        'SELECT status, paid_cents FROM reservations WHERE id = $id',
        {
          id: booking.id,
        },
      );
      expect(row).toEqual({ status: 'cancelled', paid_cents: 20000 });
      await shot(page, `${lang}-booking-cancelled`);
      // The phone kept the token: the address alone opens the booking again.
      await page.goto(`${suite.node.url}/kiosk/bookings/${booking.id}?lang=${lang}`);
      await page.locator(`[data-reservation-id="${booking.id}"][data-status="cancelled"]`).waitFor(WAIT);
      // Another guest's booking is not this guest's to open with this token.
      await page.goto(`${suite.node.url}/kiosk/bookings/${other.reservation.id}?token=${encodeURIComponent(token)}&lang=${lang}`);
      await page.locator('.load-error[role="alert"]').waitFor(WAIT);
      expect(await page.locator(`[data-reservation-id="${other.reservation.id}"]`).count()).toBe(0);
    },
  );

  it.each(['en', 'zh-Hant'] as const)(
    'in %s: a place in line is offered the table a cancellation frees, counts down, and its accept books it',
    async (lang) => {
      const { early, entry, waitToken } = await fullEvening();

      const page = await suite.newPage(
        { ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' },
        `/kiosk/waitlist/${entry.id}?token=${encodeURIComponent(waitToken)}&lang=${lang}`,
      );
      await page.locator(`[data-waitlist-id="${entry.id}"][data-status="waiting"] [data-position="1"]`).waitFor(WAIT);
      await checked(page, `${lang} waitlist waiting`);
      await shot(page, `${lang}-waitlist-waiting`);

      // The early party cancels: the job queue offers its table to the line, and the page shows it
      // when it next asks (every few seconds, and whenever the phone comes back to it).
      const cancelled = await client(suite.node.url).post(`/api/v1/reservations/${early.reservation.id}/cancel`, {
        token: early.token,
        version: early.reservation.version,
      });
      expect(cancelled.status).toBe(200);
      await offerStands(entry.id);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      const countdown = page.locator('[data-seconds-left]');
      await countdown.waitFor(WAIT);
      const first = Number(await countdown.getAttribute('data-seconds-left'));
      expect(first).toBeGreaterThan(0);
      await page.waitForFunction(
        (s) => Number(document.querySelector('[data-seconds-left]')?.getAttribute('data-seconds-left')) < s,
        first,
        WAIT,
      );
      await checked(page, `${lang} waitlist offer`);
      await shot(page, `${lang}-waitlist-offer`);

      await page.locator('[data-accept]').click();
      await page.locator('[data-reservation-id][data-status="booked"]').waitFor(WAIT);
      const url = new URL(page.url());
      const id = url.pathname.split('/').pop()!;
      expect(url.pathname).toBe(`/kiosk/bookings/${id}`);
      expect(url.searchParams.get('token')).toMatch(/^rt_/);
      const booked = await one<{ party_size: number; starts_at: Date; status: string }>(
        suite.db,
        'SELECT party_size, starts_at, status FROM reservations WHERE id = $id',
        { id },
      );
      expect(booked).toEqual({ party_size: 2, starts_at: new Date(early.reservation.startsAt), status: 'booked' });
      expect(
        (await one<{ status: string }>(suite.db, 'SELECT status FROM waitlist_entries WHERE id = $id', { id: entry.id }))!.status,
      ).toBe('booked');
      await shot(page, `${lang}-waitlist-booked`);
    },
    60_000,
  );
  it('asks the deposit the rules ask before an offer is accepted: a declined card keeps the offer, a good one books it', async () => {
    // HK$50 a guest: the two blockers pay by card, and the party of two waiting will owe HK$100.
    const { early, entry, waitToken } = await fullEvening({ depositPerGuestCents: 5000 }, { paymentMethod: 'card', card: TEST_CARD });
    expect((await client(suite.node.url).post(`/api/v1/reservations/${early.reservation.id}/cancel`, { token: early.token })).status).toBe(
      200,
    );
    await offerStands(entry.id);

    const page = await suite.newPage(
      { ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' },
      `/kiosk/waitlist/${entry.id}?token=${encodeURIComponent(waitToken)}&lang=en`,
    );
    const deposit = page.locator('fieldset[data-deposit-cents="10000"]');
    await deposit.waitFor(WAIT);
    expect(await page.locator('[data-accept]').textContent()).toContain('Pay HK$100.00');
    const fill = async (c: typeof TEST_CARD) => {
      await page.getByLabel('Card number').fill(c.number);
      await page.getByLabel('Expiry month (MM)').fill(String(c.expMonth));
      await page.getByLabel('Expiry year (YYYY)').fill(String(c.expYear));
      await page.getByLabel('Security code (CVC)').fill(c.cvc);
    };
    await fill(DECLINED_CARD);
    await page.locator('[data-accept]').click();
    await page.locator('[data-error-code="payment_declined"]').waitFor(WAIT);
    expect(await page.locator('[data-error-code="payment_declined"]').textContent()).toContain('still held for you');
    expect(await page.locator(`[data-waitlist-id="${entry.id}"]`).getAttribute('data-status')).toBe('offered');
    await checked(page, 'waitlist offer with a deposit');
    await shot(page, 'en-waitlist-offer-deposit');

    await fill(TEST_CARD);
    await page.locator('[data-accept]').click();
    await page.locator('[data-reservation-id][data-status="booked"]').waitFor(WAIT);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const booked = await one<{ deposit_cents: number; paid_cents: number }>(
      suite.db,
      'SELECT deposit_cents, paid_cents FROM reservations WHERE id = $id',
      { id },
    );
    expect(booked).toEqual({ deposit_cents: 10000, paid_cents: 10000 });
  });
});
