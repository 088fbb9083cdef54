/**
 * The account's own forms on a guest's phone, in real Chromium against a real node: signing up
 * (field errors from the form and from the server's 400, then the emailed code), signing in with
 * a one-time code by SMS read from the sandbox mailbox (a wrong try counted, the resend's
 * cooldown), the profile's edits surviving a reload, the bookings list (left out by a server
 * without it), the data export's download, erasing the account (a wrong password refused without
 * signing out, then a code). Every state checked by axe and for 48 px targets, and shot at
 * 390×844 in English and Simplified Chinese to ACCOUNT_SHOTS_DIR when set.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { MyReservationsResponse } from '@dinewire/protocol';
import { one } from '../../server/src/db/sql';
import { phoneColumns } from '../../server/src/modules/accounts/accountEmail';
import { SandboxMailbox } from '../../server/src/modules/notifications/sandboxMailbox';
import { models } from '../../server/src/models';
import { makeShowcaseRestaurant, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { client, eventually, testConfig } from '../../server/src/test/harness';
import { codeSentTo } from '../../server/src/test/signUp';
import { AXE_CONTEXT, expectAccessible, expectLargeTargets } from '../../ui/test/axe';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 10_000 };
const PHONE = { width: 390, height: 844 };
const suite = browserSuite('kiosk');
const key = testConfig().piiKey;
let mail: SandboxMailbox;
let r: ShowcaseRestaurant;

// Loopback is a trusted balancer: each page asks from an address of its own, so the per-address
// code limits of one run never reach the next.
const address = () => `2001:db8::${crypto.randomBytes(2).toString('hex')}:${crypto.randomBytes(2).toString('hex')}`;
const phoneNumber = () => `+852 6${crypto.randomInt(100, 999)} ${crypto.randomInt(1000, 9999)}`;
const digits = (phone: string) => `+${phone.replace(/\D/g, '')}`;
const session = (page: Page) => page.evaluate(() => localStorage.getItem('dinewire.guest.session'));

function newPhonePage(lang: 'en' | 'zh-Hans' = 'en', at = '/kiosk/account'): Promise<Page> {
  return suite.newPage(
    { ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB', extraHTTPHeaders: { 'x-forwarded-for': address() } },
    `${at}?lang=${lang}`,
  );
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.ACCOUNT_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Axe and the 48 px rule over the page as it is, then its screenshot. */
async function check(page: Page, name: string): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expectAccessible(page, name);
  await expectLargeTargets(page, name);
  await shot(page, name);
}

/** The six digits in the newest sign-in code sent to `to` after the first `before` messages. */
async function signInCode(to: string, before: number): Promise<string> {
  let code = '';
  await eventually(async () => {
    const found = (await mail.inbox(to))
      .slice(before)
      .map((m) => /sign-in code is (\d{6})/.exec(m.text)?.[1])
      .filter(Boolean)
      .at(-1);
    if (!found) throw new Error(`no sign-in code sent to ${to}`);
    code = found;
  }, 10_000);
  return code;
}

async function guestWithPhone(): Promise<Awaited<ReturnType<typeof makeUser>> & { phone: string }> {
  const u = await makeUser(suite.db, 'guest');
  const phone = phoneNumber();
  await models(suite.db).User.update(phoneColumns(key, phone), { where: { id: u.id } });
  return { ...u, phone };
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.locator('[data-account-name]').waitFor(WAIT);
}

/** One booking at 11:30 UTC (19:30 in Hong Kong), as GET /me/reservations answers (protocol's MyReservationsResponse). */
function bookingList(): MyReservationsResponse {
  const startsAt = '2030-03-14T11:30:00.000Z';
  return {
    reservations: [
      {
        id: crypto.randomUUID(),
        restaurantId: r.id,
        code: 'K7Q2M9',
        status: 'booked',
        partySize: 4,
        startsAt,
        endsAt: '2030-03-14T13:00:00.000Z',
        tableIds: [],
        depositCents: 0,
        payment: 'none',
        paidCents: 0,
        refundedCents: 0,
        notes: null,
        allergies: [],
        preorderOrderId: null,
        walkIn: false,
        version: 1,
      },
    ],
    restaurants: [{ id: r.id, slug: r.slug, names: r.names, timeZone: 'Asia/Hong_Kong' }],
  };
}

beforeAll(async () => {
  mail = new SandboxMailbox(suite.db, key);
  r = await makeShowcaseRestaurant(suite.db);
});

describe('the account’s forms on a guest’s phone', () => {
  it('signs up: field errors by field (the form’s and the server’s), then the emailed code signs the new guest in', async () => {
    const page = await newPhonePage();
    await page.getByLabel('Email', { exact: true }).waitFor(WAIT);
    await check(page, 'sign in phone en');
    await page.getByRole('button', { name: 'New account' }).click();
    const form = page.locator('[data-form="register"]');
    await form.getByRole('button', { name: 'Create account' }).click();
    for (const field of ['name', 'email', 'phone', 'password']) await form.locator(`[data-field-error="${field}"]`).waitFor(WAIT);
    expect(await page.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await check(page, 'register errors phone en');

    const email = `new-${crypto.randomBytes(5).toString('hex')}@test.example`;
    const phone = phoneNumber();
    await page.getByLabel('Name', { exact: true }).fill('Mei Chan');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Phone number', { exact: true }).fill(phone);
    // Long enough for the form; the server refuses it as common, and says so by the field.
    await page.getByLabel('Password', { exact: true }).fill('1234567890');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await form.locator('[data-field-error="password"]').filter({ hasText: 'too common' }).waitFor(WAIT);
    expect(await form.locator('[data-field-error]').count()).toBe(1);
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    const before = (await mail.inbox(email)).length;
    await page.getByLabel('Password', { exact: true }).fill('plum blossom tea house');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const verify = page.locator('[data-form="register-verify"]');
    await verify.getByText(email).waitFor(WAIT);
    await check(page, 'register verify phone en');
    // A wrong code is refused by its field.
    await page.getByLabel('Code from the email').fill('rg_not-the-code');
    await page.getByLabel('Code from the email').press('Enter');
    await verify.locator('[data-field-error="code"]').filter({ hasText: 'unknown' }).waitFor(WAIT);

    await page.getByLabel('Code from the email').fill(await codeSentTo(mail, email, before));
    await page.getByLabel('Code from the email').press('Enter');
    await page.locator('[data-account-name]').filter({ hasText: 'Mei Chan' }).waitFor(WAIT);
    const kept = JSON.parse((await session(page))!) as { token: string; user: { role: string } };
    expect(kept.user.role).toBe('guest');
    const me = await client(suite.node.url, kept.token).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ name: 'Mei Chan', email, phone, role: 'guest' });
    // The profile form shows the new account's details.
    expect(await page.getByLabel('Phone number', { exact: true }).inputValue()).toBe(phone);
  });

  it('signs in with a code by SMS: a wrong try counted, the resend cooling down, then the right code', async () => {
    const g = await guestWithPhone();
    const page = await newPhonePage();
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await check(page, 'code request phone en');
    await page.getByLabel('By text message').check();
    await page.getByLabel('Phone number', { exact: true }).fill('12');
    await page.getByLabel('Phone number', { exact: true }).press('Enter');
    await page.locator('[data-field-error="contact"]').waitFor(WAIT);

    const before = (await mail.inbox(digits(g.phone))).length;
    await page.getByLabel('Phone number', { exact: true }).fill(g.phone);
    await page.getByLabel('Phone number', { exact: true }).press('Enter');
    const entry = page.getByLabel('6-digit code');
    await entry.waitFor(WAIT);
    expect(await entry.getAttribute('autocomplete')).toBe('one-time-code');
    const resend = page.locator('[data-resend]');
    expect(await resend.isDisabled()).toBe(true);
    expect(await resend.textContent()).toMatch(/Send a new code \(\d+ s\)/);
    const code = await signInCode(digits(g.phone), before);

    await entry.fill(code === '111111' ? '222222' : '111111');
    await entry.press('Enter');
    await page.locator('[data-field-error="code"]').filter({ hasText: 'That code isn’t right. 4 tries left.' }).waitFor(WAIT);
    expect(await session(page)).toBeNull();
    await check(page, 'code wrong phone en');

    await entry.fill(code);
    await entry.press('Enter');
    await page.locator('[data-account-name]').filter({ hasText: 'Test guest' }).waitFor(WAIT);
    const kept = JSON.parse((await session(page))!) as { user: { id: string } };
    expect(kept.user.id).toBe(g.id);
  });

  it('says a spent code needs a new one, and sends one after the cooldown', async () => {
    const g = await guestWithPhone();
    const page = await newPhonePage();
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await page.getByLabel('Email address').fill(g.email);
    await page.getByLabel('Email address').press('Enter');
    const entry = page.getByLabel('6-digit code');
    await entry.waitFor(WAIT);
    const first = await signInCode(g.email, 0);
    const wrong = first === '111111' ? '222222' : '111111';
    // Each refusal waited for by what it says, so no try is sent while the one before is in flight.
    for (const left of ['4 tries left.', '3 tries left.', '2 tries left.', '1 try left.', 'Too many wrong tries']) {
      await entry.fill(wrong);
      await entry.press('Enter');
      await page.locator('[data-field-error="code"]').filter({ hasText: left }).waitFor(WAIT);
    }
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).isDisabled()).toBe(true);
    // The server agrees: the right code no longer works.
    expect((await client(suite.node.url).post('/api/v1/auth/code/verify', { email: g.email, code: first })).status).toBe(401);

    // The cooldown ends (shortened here by winding the page's clock on), and a new code works.
    await page.evaluate(() => {
      const now = Date.now.bind(Date);
      Date.now = () => now() + 60_000;
    });
    const resend = page.locator('[data-resend]');
    await resend.filter({ hasText: /^\s*Send a new code\s*$/ }).waitFor(WAIT);
    await resend.click();
    await page.locator('[data-notice="account.code.resent"]').waitFor(WAIT);
    const second = await signInCode(g.email, 1);
    await entry.fill(second);
    await entry.press('Enter');
    await page.locator('[data-account-name]').waitFor(WAIT);
  });

  it('edits the profile (name, phone, allergies, dietary needs), which a reload shows again', async () => {
    const g = await makeUser(suite.db, 'guest');
    const page = await newPhonePage();
    await signInWithPassword(page, g.email, g.password);
    const profile = page.locator('[data-section="profile"]');
    await profile.getByLabel('Name', { exact: true }).waitFor(WAIT);
    await profile.getByLabel('Name', { exact: true }).fill('');
    await profile.getByLabel('Phone number', { exact: true }).fill('abc');
    await profile.getByRole('button', { name: 'Save details' }).click();
    await profile.locator('[data-field-error="name"]').waitFor(WAIT);
    await profile.locator('[data-field-error="phone"]').waitFor(WAIT);

    await profile.getByLabel('Name', { exact: true }).fill('Wong Siu Ming');
    await profile.getByLabel('Phone number', { exact: true }).fill('+852 9876 5432');
    await profile.getByLabel('Peanuts').check();
    await profile.getByLabel('Sesame').check();
    await profile.getByLabel('Vegetarian').check();
    await profile.getByLabel('Name', { exact: true }).press('Enter');
    await profile.locator('[data-saved="true"]').waitFor(WAIT);
    await page.locator('[data-account-name]').filter({ hasText: 'Wong Siu Ming' }).waitFor(WAIT);
    await check(page, 'profile saved phone en');

    const me = await client(suite.node.url, g.token).get('/api/v1/me');
    expect(me.body.user).toMatchObject({
      name: 'Wong Siu Ming',
      phone: '+852 9876 5432',
      allergies: ['peanut', 'sesame'],
      dietary: ['vegetarian'],
    });

    await page.reload();
    await profile.getByLabel('Name', { exact: true }).waitFor(WAIT);
    expect(await profile.getByLabel('Name', { exact: true }).inputValue()).toBe('Wong Siu Ming');
    expect(await profile.getByLabel('Phone number', { exact: true }).inputValue()).toBe('+852 9876 5432');
    expect(await profile.getByLabel('Peanuts').isChecked()).toBe(true);
    expect(await profile.getByLabel('Sesame').isChecked()).toBe(true);
    expect(await profile.getByLabel('Eggs').isChecked()).toBe(false);
    expect(await profile.getByLabel('Vegetarian').isChecked()).toBe(true);

    // Taking one off is saved too.
    await profile.getByLabel('Peanuts').uncheck();
    await profile.getByRole('button', { name: 'Save details' }).click();
    await profile.locator('[data-saved="true"]').waitFor(WAIT);
    expect((await client(suite.node.url, g.token).get('/api/v1/me')).body.user.allergies).toEqual(['sesame']);
  });

  it('lists the guest’s bookings in the restaurant’s time, linking to each; left out when the server has no such list', async () => {
    const g = await makeUser(suite.db, 'guest');
    const real = await client(suite.node.url, g.token).get('/api/v1/me/reservations');
    const page = await newPhonePage();
    await signInWithPassword(page, g.email, g.password);
    await page.locator('[data-section="profile"] form').waitFor(WAIT);
    if (real.status === 404) {
      // A server from before bookings: no section, no error.
      await page.locator('[data-section="data"]').waitFor(WAIT);
      expect(await page.locator('[data-section="bookings"]').count()).toBe(0);
    } else {
      expect(real.status).toBe(200);
      await page.locator('[data-section="bookings"]').waitFor(WAIT);
    }

    // How the list reads, whatever this server has: the shape the endpoint answers (protocol's MyReservationsResponse).
    const list = bookingList();
    await page.route('**/api/v1/me/reservations', (route) => route.fulfill({ status: 200, json: list }));
    await page.reload();
    const booking = page.locator(`[data-reservation-id="${list.reservations[0]!.id}"][data-status="booked"]`);
    await booking.waitFor(WAIT);
    const link = booking.getByRole('link', { name: /Booking K7Q2M9/ });
    expect(await link.getAttribute('href')).toBe(`/kiosk/bookings/${list.reservations[0]!.id}`);
    // 11:30 UTC is 19:30 in Hong Kong, whatever the phone's own zone.
    await booking.getByText('19:30').waitFor(WAIT);
    await booking.getByText('4 guests').waitFor(WAIT);
    await booking.getByText(r.names.en).waitFor(WAIT);
    await check(page, 'bookings phone en');
  });

  it('downloads the guest’s data as a JSON file', async () => {
    const g = await makeUser(suite.db, 'guest');
    const page = await newPhonePage();
    await signInWithPassword(page, g.email, g.password);
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('[data-export]').click()]);
    expect(download.suggestedFilename()).toMatch(/^dinewire-account-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { account: { email: string; id: string }; orders: unknown[] };
    expect(data.account).toMatchObject({ id: g.id, email: g.email });
    expect(Array.isArray(data.orders)).toBe(true);
  });

  it('deletes the account: a wrong password refused (still signed in), then a code by email erases it and signs out', async () => {
    const g = await makeUser(suite.db, 'guest');
    const page = await newPhonePage();
    await signInWithPassword(page, g.email, g.password);
    await page.locator('[data-section="profile"] form').waitFor(WAIT);
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const form = page.locator('[data-form="erase"]');
    await form.getByLabel('Your password').fill('not the password');
    await form.getByLabel('Your password').press('Enter');
    await form.locator('[data-field-error="password"]').filter({ hasText: 'isn’t right' }).waitFor(WAIT);
    // A wrong password is not the session ending.
    expect(await session(page)).not.toBeNull();
    expect((await client(suite.node.url, g.token).get('/api/v1/me')).status).toBe(200);
    await check(page, 'erase wrong password phone en');

    await form.getByLabel('With a code by email').check();
    await form.locator('[data-send-code]').click();
    await form.getByText(`We sent a code to ${g.email}.`).waitFor(WAIT);
    await check(page, 'erase by code phone en');
    const code = await signInCode(g.email, 0);
    await form.getByLabel('6-digit code').fill(code);
    await form.getByLabel('6-digit code').press('Enter');
    await page.locator('[data-notice="account.erase.done"]').waitFor(WAIT);
    await page.getByLabel('Email', { exact: true }).waitFor(WAIT);
    expect(await session(page)).toBeNull();
    await page.locator('[data-account-link]').filter({ hasText: 'Sign in' }).waitFor(WAIT);
    expect((await client(suite.node.url, g.token).get('/api/v1/me')).status).toBe(401);
    const row = await one<{ erased: boolean }>(suite.db, 'SELECT erased_at IS NOT NULL AS erased FROM users WHERE id = $id', { id: g.id });
    expect(row).toEqual({ erased: true });
    await check(page, 'erased phone en');
  });

  it('reads in Simplified Chinese, every state accessible', async () => {
    const g = await guestWithPhone();
    const page = await newPhonePage('zh-Hans');
    const list = bookingList();
    await page.route('**/api/v1/me/reservations', (route) => route.fulfill({ status: 200, json: list }));
    await page.getByLabel('电子邮箱', { exact: true }).waitFor(WAIT);
    await check(page, 'sign in phone zh-Hans');
    await page.getByRole('button', { name: '验证码', exact: true }).click();
    await check(page, 'code request phone zh-Hans');
    await page.getByLabel('电子邮箱地址').fill(g.email);
    await page.getByLabel('电子邮箱地址').press('Enter');
    const entry = page.getByLabel('6 位数验证码');
    await entry.waitFor(WAIT);
    const code = await signInCode(g.email, 0);
    await entry.fill(code === '111111' ? '222222' : '111111');
    await entry.press('Enter');
    await page
      .locator('[data-field-error="code"]')
      .filter({ hasText: /验证码不正确。\s*还可再试 4 次。/ })
      .waitFor(WAIT);
    await check(page, 'code wrong phone zh-Hans');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.locator('[data-form="register"] button[type=submit]').click();
    await page.locator('[data-form="register"] [data-field-error="password"]').waitFor(WAIT);
    await check(page, 'register errors phone zh-Hans');
    await page.getByLabel('姓名', { exact: true }).fill('陈美');
    await page.getByLabel('电子邮箱', { exact: true }).fill(`zh-${crypto.randomBytes(5).toString('hex')}@test.example`);
    await page.getByLabel('电话号码', { exact: true }).fill(phoneNumber());
    await page.getByLabel('密码', { exact: true }).fill('plum blossom tea house');
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.locator('[data-form="register-verify"]').waitFor(WAIT);
    await check(page, 'register verify phone zh-Hans');

    await page.getByRole('button', { name: '验证码', exact: true }).click();
    await page.getByLabel('电子邮箱地址').fill(g.email);
    await page.getByLabel('电子邮箱地址').press('Enter');
    await entry.waitFor(WAIT);
    await entry.fill(await signInCode(g.email, 1));
    await entry.press('Enter');
    await page.locator('[data-account-name]').waitFor(WAIT);
    await page.locator('[data-section="profile"] form').waitFor(WAIT);
    await page.locator(`[data-reservation-id="${list.reservations[0]!.id}"]`).getByText('已订座').waitFor(WAIT);
    await check(page, 'bookings phone zh-Hans');
    await page.getByLabel('花生').check();
    await page.getByRole('button', { name: '保存信息' }).click();
    await page.locator('[data-saved="true"]').waitFor(WAIT);
    await page.getByRole('button', { name: '删除我的账户…' }).click();
    await page.locator('[data-form="erase"]').waitFor(WAIT);
    await check(page, 'signed in phone zh-Hans');
    await page.getByLabel('您的密码').fill(g.password);
    await page.getByLabel('您的密码').press('Enter');
    await page.locator('[data-notice="account.erase.done"]').getByText('您的账户已删除').waitFor(WAIT);
    await check(page, 'erased phone zh-Hans');
  });
});
