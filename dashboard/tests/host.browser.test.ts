/**
 * The host stand and the manager's upcoming covers in real Chromium against a real node: a booking
 * made through POST /reservations appears on an open host stand's timeline without a reload, on
 * its table's row, and one made while the stand was offline appears once it is back (catch-up);
 * the live view's booked covers of the next two hours rise with it. With SCREENSHOTS_DIR set, a
 * last test fills a day with bookings and takes the stand at monitor and tablet size in English
 * and Traditional Chinese.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { encryptPii } from '../../server/src/lib/pii';
import { models } from '../../server/src/models';
import { localDate, zonedInstant } from '../../server/src/modules/reservations/localTime';
import { makeBookableRestaurant, makeHeldBooking, makeUser, type TestBookableRestaurant } from '../../server/src/test/factories';
import { client } from '../../server/src/test/harness';
import { AXE_CONTEXT, expectAccessible } from '../../ui/test/axe';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const MONITOR = { width: 1280, height: 800 };
const TABLET = { width: 1024, height: 768 };
const TZ = 'Asia/Hong_Kong';

const suite = browserSuite('dashboard');

/** Open all day (midnight to midnight), short stays on 5-minute slots: a slot is always a few minutes away. */
async function restaurant(): Promise<TestBookableRestaurant> {
  return makeBookableRestaurant(suite.db, {
    tables: [{ seats: 2 }, { seats: 4 }, { seats: 4 }, { seats: 6 }],
    policy: { slotMinutes: 5, stayMinutes: 15 },
    openingHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '00:00', closes: '00:00' })),
  });
}

/** The next slot at least ten minutes away, and the local day it is on (the next one just before midnight). */
function nextSlot(): { startsAt: string; date: string } {
  const soon = Math.ceil((Date.now() + 10 * 60_000) / (5 * 60_000)) * 5 * 60_000;
  const today = localDate(new Date(), TZ);
  const dayEnd = zonedInstant(new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), 0, TZ).getTime();
  const at = soon + 15 * 60_000 <= dayEnd ? soon : dayEnd + 30 * 60_000;
  return { startsAt: new Date(at).toISOString(), date: localDate(new Date(at), TZ) };
}

async function book(r: TestBookableRestaurant, startsAt: string, partySize: number, name: string) {
  const res = await client(suite.node.url).post(
    '/api/v1/reservations',
    { restaurantId: r.id, partySize, startsAt, name, phone: '+852 9123 4567', email: 'guest@example.com' },
    { 'idempotency-key': crypto.randomUUID() },
  );
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  return res.body.reservation as { id: string; tableIds: string[]; status: string };
}

async function signedIn(
  r: TestBookableRestaurant,
  role: 'host' | 'manager',
  screen: 'host' | 'live',
  viewport = MONITOR,
  clockAt?: string,
): Promise<Page> {
  const user = await makeUser(suite.db, role, [r.id]);
  const page = await suite.newPage({ ...AXE_CONTEXT, viewport, locale: 'en-GB' });
  // The browser's clock only (screenshots): the page reads "now" as that time of the restaurant's day.
  if (clockAt) await page.clock.setFixedTime(new Date(clockAt));
  await page.goto(`${suite.node.url}/dashboard/r/${r.id}/${screen}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-connection="live"]').waitFor(WAIT);
  return page;
}

/** The stand showing `date` (the next day's button when the slot fell past midnight). */
async function standAt(page: Page, date: string): Promise<void> {
  await page.locator('.timeline').waitFor(WAIT);
  if ((await page.locator('#host-date').inputValue()) !== date) await page.getByRole('button', { name: 'Next day' }).click();
  expect(await page.locator('#host-date').inputValue()).toBe(date);
  await page.locator('.timeline').waitFor(WAIT);
}

describe('host stand', () => {
  it('shows a booking made through the API on its table’s row at once, without a reload', async () => {
    const r = await restaurant();
    const page = await signedIn(r, 'host', 'host');
    // The host's own navigation links the stand.
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Host stand' }).getAttribute('aria-current')).toBe('page');
    const slot = nextSlot();
    await standAt(page, slot.date);
    expect(await page.locator('.timeline [data-table-id]').count()).toBe(4);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const made = await book(r, slot.startsAt, 3, 'Chan Tai Man');
    const block = page.locator(`[data-reservation-id="${made.id}"]`);
    await block.waitFor(WAIT);
    expect(await block.getAttribute('data-status')).toBe('booked');
    expect(await block.innerText()).toContain('Chan Tai Man');
    expect(await block.innerText()).toContain('3');
    // On the row of the table the booking holds.
    expect(await page.locator(`[data-table-id="${made.tableIds[0]}"] [data-reservation-id="${made.id}"]`).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // Chosen (by keyboard), its details: the party, the contact.
    await block.focus();
    await page.keyboard.press('Enter');
    const detail = page.locator(`[data-reservation-detail="${made.id}"]`);
    await detail.waitFor(WAIT);
    expect(await detail.innerText()).toMatch(/3 guests[\s\S]*\+852 9123 4567/);
    await detail.getByRole('button', { name: 'Seat' }).waitFor(WAIT);
    await expectAccessible(page, 'host stand, a booking open');
    // The walk-in form, by keyboard too.
    await page.getByRole('button', { name: 'Walk-in' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'One guest more' }).click();
    expect(await page.getByLabel('Party size').inputValue()).toBe('3');
    await page.getByRole('button', { name: 'Seat now' }).waitFor(WAIT);
    await expectAccessible(page, 'host stand, walk-in');
  });

  it('catches up on a booking made while it was offline', async () => {
    const r = await restaurant();
    const page = await signedIn(r, 'host', 'host');
    const slot = nextSlot();
    await standAt(page, slot.date);
    const first = await book(r, slot.startsAt, 2, 'Lee Siu Ming');
    await page.locator(`[data-reservation-id="${first.id}"]`).waitFor(WAIT);

    await page.context().setOffline(true);
    await page.locator('[data-connection="reconnecting"], [data-connection="offline"]').first().waitFor(WAIT);
    const missed = await book(r, slot.startsAt, 4, 'Wong Ka Yan');
    expect(await page.locator(`[data-reservation-id="${missed.id}"]`).count()).toBe(0);

    await page.context().setOffline(false);
    await page.locator('[data-connection="live"]').waitFor({ timeout: 15000 });
    await page.locator(`[data-reservation-id="${missed.id}"][data-status="booked"]`).waitFor(WAIT);
    // Nothing twice.
    expect(await page.locator(`[data-reservation-id="${first.id}"]`).count()).toBe(1);
    expect(await page.locator('[data-reservation-id]').count()).toBe(2);
  });

  it('raises the live view’s booked covers of the next two hours as bookings arrive', async () => {
    const r = await restaurant();
    const page = await signedIn(r, 'manager', 'live');
    const tile = page.locator('[data-figure="upcoming-covers"]');
    await page.locator('[data-figure="upcoming-covers"][data-covers="0"][data-bookings="0"]').waitFor(WAIT);
    // The manager's navigation links the host stand too.
    await page.getByRole('navigation').getByRole('link', { name: 'Host stand' }).waitFor(WAIT);

    const slot = nextSlot();
    await book(r, slot.startsAt, 3, 'Chan Tai Man');
    await page.locator('[data-figure="upcoming-covers"][data-covers="3"][data-bookings="1"]').waitFor(WAIT);
    await book(r, slot.startsAt, 5, 'Ho Wing Sze');
    await page.locator('[data-figure="upcoming-covers"][data-covers="8"][data-bookings="2"]').waitFor(WAIT);
    expect(await tile.locator('.big').innerText()).toBe('8');
    expect(await tile.innerText()).toContain('2 bookings');
  });

  const shotsDir = process.env.SCREENSHOTS_DIR;
  (shotsDir ? it : it.skip)(
    'screenshots (SCREENSHOTS_DIR)',
    async () => {
      const r = await makeBookableRestaurant(suite.db, {
        tables: [2, 2, 4, 4, 4, 6, 6, 8].map((seats) => ({ seats })),
        openingHours: [0, 1, 2, 3, 4, 5, 6].flatMap((day) => [
          { day, opens: '11:30', closes: '15:00' },
          { day, opens: '18:00', closes: '22:30' },
        ]),
      });
      for (const [i, t] of r.tables.entries()) await models(suite.db).DiningTable.update({ label: `T${i + 1}` }, { where: { id: t.id } });
      // A day's service on the restaurant's today, through the tables directly, whatever the clock says now.
      const today = localDate(new Date(), TZ);
      const at = (hhmm: string) => {
        const [h, m] = hhmm.split(':').map(Number);
        return zonedInstant(today, h * 60 + m, TZ).toISOString();
      };
      const names = [
        'Chan Tai Man',
        'Lee Siu Ming',
        'Wong Ka Yan',
        'Ho Wing Sze',
        'Cheung Mei Ling',
        'Lau Chi Keung',
        'Ng Hoi Yan',
        'Tsang Wai',
      ];
      const plan: [number, string, string, number, string][] = [
        [0, '12:00', '13:30', 2, 'completed'],
        [2, '12:15', '13:45', 4, 'completed'],
        [5, '12:30', '14:00', 5, 'completed'],
        [1, '18:00', '19:30', 2, 'seated'],
        [3, '18:30', '20:00', 3, 'booked'],
        [4, '19:00', '20:30', 4, 'booked'],
        [6, '19:00', '20:45', 6, 'booked'],
        [7, '19:30', '21:15', 8, 'booked'],
        [2, '20:00', '21:30', 4, 'booked'],
        [0, '20:30', '22:00', 2, 'booked'],
        [5, '13:00', '14:30', 6, 'cancelled'],
      ];
      for (const [n, [table, from, to, party, status]] of plan.entries()) {
        const id = await makeHeldBooking(suite.db, r, {
          tableIds: [r.tables[table].id],
          from: at(from),
          to: at(to),
          partySize: party,
          active: status !== 'cancelled',
        });
        await suite.db.query(
          `UPDATE reservations SET status = $status, name_enc = $name, phone_enc = $phone, email_enc = $email,
             allergies = $allergies::text[], deposit_cents = $deposit, paid_cents = $deposit,
             payment_status = CASE WHEN $deposit > 0 THEN 'paid' ELSE 'none' END, notes = $notes WHERE id = $id`,
          {
            bind: {
              id,
              status,
              name: encrypt(names[n % names.length]),
              phone: encrypt('+852 9123 4567'),
              email: encrypt('guest@example.com'),
              allergies: n === 4 || n === 7 ? '{peanut,crustacean}' : '{}',
              deposit: n === 6 || n === 7 ? party * 20000 : 0,
              notes: n === 7 ? 'Birthday: a cake at the end, please' : null,
            },
          },
        );
      }
      for (const [size, viewport] of [
        ['1280x800', MONITOR],
        ['1024x768', TABLET],
      ] as const) {
        const page = await signedIn(r, 'host', 'host', viewport, at('19:10'));
        await page.locator('[data-reservation-id]').first().waitFor(WAIT);
        for (const [lang, name] of [
          ['en', 'English'],
          ['zh-Hant', '繁體中文'],
        ] as const) {
          await page.getByRole('button', { name, exact: true }).click();
          await page.waitForFunction((l) => document.documentElement.lang === l, lang);
          await page.locator('[data-reservation-id][data-status="booked"]').nth(2).click();
          await page.waitForTimeout(400);
          await page.screenshot({ path: path.join(shotsDir!, `host-${size}-${lang}.png`) });
          await page.screenshot({ path: path.join(shotsDir!, `host-${size}-${lang}-full.png`), fullPage: true });
          await page.locator('button.walk-in').click();
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(shotsDir!, `host-${size}-${lang}-walk-in.png`) });
          await page.locator('button.walk-in').click();
        }
      }
      const live = await signedIn(r, 'manager', 'live', MONITOR);
      await live.locator('[data-figure="upcoming-covers"]').waitFor(WAIT);
      await live.screenshot({ path: path.join(shotsDir!, 'live-1280x800-en.png') });
    },
    120_000,
  );
});

/** Personal data as the server stores it, for rows written straight into the tables. */
function encrypt(text: string): string {
  return encryptPii(suite.node.services.config.piiKey, text)!;
}
