/**
 * A guest's account on their phone, in real Chromium against a real node: signing in (Enter),
 * an order placed while signed in belonging to the guest, the history with its status (never
 * another guest's), "order the same again" filling the cart with the same dish, options,
 * quantity and note and saying what could not be added, the sign-in surviving a reload, signing
 * out; a staff account refused kindly; axe-core over the screen signed out and in, at phone and
 * kiosk size, in English and Traditional Chinese. Screenshots go to ACCOUNT_SHOTS_DIR when set.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { one } from '../../server/src/db/sql';
import { makeShowcaseRestaurant, showcaseOrder, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { AXE_CONTEXT, expectAccessible, expectLargeTargets } from '../../ui/test/axe';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 10_000 };
const PHONE = { width: 390, height: 844 };
const KIOSK = { width: 1080, height: 1920 };
const suite = browserSuite('kiosk');

const LABELS = {
  en: { email: 'Email', password: 'Password', signOut: 'Sign out', again: 'Order the same again', signIn: 'Sign in' },
  'zh-Hant': { email: '電郵', password: '密碼', signOut: '登出', again: '再點一次', signIn: '登入' },
} as const;

interface CartLine {
  dishId: string;
  quantity: number;
  modifierIds: string[];
  note: string;
}

const cartOf = (page: Page, restaurantId: string) =>
  page.evaluate(
    (key) => (JSON.parse(sessionStorage.getItem(key) ?? '{"lines":[]}') as { lines: CartLine[] }).lines,
    `dinewire.kiosk.cart.${restaurantId}`,
  );

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.ACCOUNT_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

async function signIn(page: Page, email: string, password: string, lang: keyof typeof LABELS = 'en'): Promise<void> {
  await page.getByLabel(LABELS[lang].email, { exact: true }).fill(email);
  await page.getByLabel(LABELS[lang].password, { exact: true }).fill(password);
  await page.getByLabel(LABELS[lang].password, { exact: true }).press('Enter');
}

let r: ShowcaseRestaurant;

beforeAll(async () => {
  r = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 20 });
});

describe('the guest’s account on their phone', () => {
  it('signs in with Enter, orders as the guest, sees only their orders, orders the same again, stays signed in across a reload, signs out', async () => {
    const alice = await makeUser(suite.db, 'guest');
    const bob = await makeUser(suite.db, 'guest');
    // Bob's order, in the same restaurant: never in Alice's history.
    const bobs = await client(suite.node.url, bob.token).post(
      '/api/v1/orders',
      showcaseOrder(r, [r.dishes.get('Har Gow Shrimp Dumplings')!]),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(bobs.status).toBe(201);

    const page = await suite.newPage({ viewport: PHONE, locale: 'en-GB' }, `/kiosk/r/${r.slug}?lang=en`);
    await page.locator('[data-dish-id]').first().waitFor(WAIT);
    const link = page.locator('[data-account-link]');
    await link.filter({ hasText: 'Sign in' }).click();
    await page.waitForURL(/\/kiosk\/account$/, WAIT);

    // Errors by field: an empty form, then a wrong password.
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.locator('[data-field-error="email"]').waitFor(WAIT);
    await page.locator('[data-field-error="password"]').waitFor(WAIT);
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await signIn(page, alice.email, 'not the password');
    await page.locator('[data-field-error="password"]').filter({ hasText: 'don’t match' }).waitFor(WAIT);
    expect(await page.locator('[data-field-error="email"]').count()).toBe(0);

    await signIn(page, alice.email, alice.password);
    await page.locator('[data-account-name]').filter({ hasText: 'Test guest' }).waitFor(WAIT);
    await page.getByText('You haven’t ordered yet.').waitFor(WAIT);
    expect(await link.getAttribute('aria-label')).toBe('Your account: Test guest');

    // An order placed on the phone while signed in: the large goose, two of them, with a note.
    await page.goto(`${suite.node.url}/kiosk/r/${r.slug}?lang=en`);
    const goose = r.dishes.get('Roast Goose')!;
    await page
      .getByRole('tab')
      .nth(r.categories.findIndex((c) => c.id === goose.categoryId))
      .click();
    await page.locator(`article[data-dish-id="${goose.id}"] button.open`).click();
    const detail = page.locator(`dialog[data-detail-dish-id="${goose.id}"]`);
    await detail.locator('input[type=radio]').nth(1).check();
    await detail.getByRole('button', { name: 'One more' }).click();
    await detail.locator('textarea').fill('extra plum sauce');
    const chosen = await detail.locator('input[type=radio]:checked').getAttribute('value');
    await detail.locator('button[type=submit]').click();
    await page.locator('button.view-cart').click();
    await page.locator('button[data-method="counter"]').click();
    const ticket = page.locator('[data-order-id][data-status]');
    await ticket.waitFor(WAIT);
    const orderId = (await ticket.getAttribute('data-order-id'))!;
    const row = await one<{ user_id: string | null; channel: string }>(
      suite.db,
      'SELECT user_id, channel FROM orders WHERE id = $orderId',
      { orderId },
    );
    expect(row).toEqual({ user_id: alice.id, channel: 'web' });

    // The history: this order, with its status; Bob's never.
    await page.locator('[data-account-link]').click();
    const card = page.locator(`[data-order-id="${orderId}"]`);
    await card.waitFor(WAIT);
    expect(await card.getAttribute('data-status')).toBe('placed');
    await card.getByText('Order received').waitFor(WAIT);
    await card.getByText(r.names.en).waitFor(WAIT);
    expect(await page.locator(`[data-order-id="${bobs.body.order.id}"]`).count()).toBe(0);
    expect(await page.locator('[data-order-id]').count()).toBe(1);

    // The kitchen starts it: the owner's live status page, by the guest's own session (no token in the address).
    const chef = await makeUser(suite.db, 'kitchen', [r.id]);
    const item = (await client(suite.node.url, chef.token).get(`/api/v1/orders/${orderId}`)).body.order.items[0] as { id: string };
    await card.getByRole('link', { name: /See order/ }).click();
    await page.waitForURL(new RegExp(`/kiosk/orders/${orderId}$`), WAIT);
    await page.locator(`[data-order-id="${orderId}"][data-status="placed"]`).waitFor(WAIT);
    await page.locator('[data-connection="live"]').waitFor(WAIT);
    expect((await client(suite.node.url, chef.token).post(`/api/v1/kitchen/items/${item.id}/bump`)).status).toBe(200);
    await page.locator(`[data-order-id="${orderId}"][data-status="preparing"]`).waitFor(WAIT);
    await page.goBack();
    await page.locator(`[data-order-id="${orderId}"][data-status="preparing"]`).waitFor(WAIT);

    // The sign-in survives a reload.
    await page.reload();
    await page.locator(`[data-order-id="${orderId}"]`).waitFor(WAIT);
    await page.locator('[data-account-name]').waitFor(WAIT);

    // Order the same again: the same dish, option, quantity and note in that restaurant's cart.
    await page.locator(`[data-order-id="${orderId}"]`).getByRole('button', { name: 'Order the same again' }).click();
    await page.waitForURL(new RegExp(`/kiosk/r/${r.slug}$`), WAIT);
    await page.locator('[data-dish-id]').first().waitFor(WAIT);
    expect(await page.locator('[data-left-out]').count()).toBe(0);
    expect(await cartOf(page, r.id)).toEqual([
      { id: expect.any(String), dishId: goose.id, quantity: 2, modifierIds: [chosen], note: 'extra plum sauce' },
    ]);

    // Signing out: the session ends on the server, the link says "Sign in" again, and a reload keeps it so.
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('dinewire.guest.session')!) as { token: string });
    expect((await client(suite.node.url, session.token).get('/api/v1/me')).status).toBe(200);
    await page.locator('[data-account-link]').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email', { exact: true }).waitFor(WAIT);
    await link.filter({ hasText: 'Sign in' }).waitFor(WAIT);
    await page.reload();
    await page.getByLabel('Email', { exact: true }).waitFor(WAIT);
    expect(await page.evaluate(() => localStorage.getItem('dinewire.guest.session'))).toBeNull();
    expect((await client(suite.node.url, session.token).get('/api/v1/me')).status).toBe(401);
  });

  it('orders the same again without what is sold out or off the menu, and says which', async () => {
    const carol = await makeUser(suite.db, 'guest');
    const harGow = r.dishes.get('Har Gow Shrimp Dumplings')!;
    const low = r.lowDish;
    const placed = await client(suite.node.url, carol.token).post('/api/v1/orders', showcaseOrder(r, [harGow, low]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    const page = await suite.newPage({ viewport: PHONE, locale: 'en-GB' }, '/kiosk/account?lang=en');
    await signIn(page, carol.email, carol.password);
    await page.locator(`[data-order-id="${placed.body.order.id}"]`).waitFor(WAIT);
    // The goose runs out meanwhile.
    await suite.db.query('UPDATE ingredients SET quantity = 0 WHERE id = $id', { bind: { id: low.ingredientId } });
    await page.getByRole('button', { name: 'Order the same again' }).click();
    const notice = page.locator('[data-left-out]');
    await notice.waitFor(WAIT);
    await notice.getByText(`${low.names.en}: sold out`).waitFor(WAIT);
    expect(await cartOf(page, r.id)).toEqual([
      { id: expect.any(String), dishId: harGow.id, quantity: 1, modifierIds: harGow.requiredOptionIds, note: '' },
    ]);
    await shot(page, 'left-out phone en');
    await notice.getByRole('button', { name: 'OK' }).click();
    await notice.waitFor({ state: 'detached', ...WAIT });
    await suite.db.query('UPDATE ingredients SET quantity = 1000 WHERE id = $id', { bind: { id: low.ingredientId } });
  });

  it('turns a staff account away kindly, pointing to the staff app', async () => {
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const page = await suite.newPage({ viewport: PHONE, locale: 'en-GB' }, '/kiosk/account?lang=en');
    await signIn(page, manager.email, manager.password);
    const alert = page.getByRole('alert').filter({ hasText: 'staff account' });
    await alert.waitFor(WAIT);
    expect(await alert.getByRole('link').getAttribute('href')).toBe('/dashboard/');
    expect(await page.evaluate(() => localStorage.getItem('dinewire.guest.session'))).toBeNull();
    await page.locator('[data-account-link]').filter({ hasText: 'Sign in' }).waitFor(WAIT);
  });

  it('offers no account on a paired kiosk', async () => {
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const made = await client(suite.node.url, manager.token).post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk', name: 'Lobby' });
    const page = await suite.newPage({ viewport: KIOSK, locale: 'en-GB' }, '/kiosk/pair');
    await page.getByLabel('Pairing code').fill(made.body.pairingCode);
    await page.getByLabel('Pairing code').press('Enter');
    await page.locator('[data-attract] button.start').click();
    await page.locator('[data-dish-id]').first().waitFor(WAIT);
    expect(await page.locator('[data-account-link]').count()).toBe(0);
    await page.goto(`${suite.node.url}/kiosk/account`);
    await page.waitForURL(new RegExp(`/kiosk/r/${r.id}`), WAIT);
    expect(await page.getByLabel('Email', { exact: true }).count()).toBe(0);
  });

  it.each<keyof typeof LABELS>(['en', 'zh-Hant'])('has no serious or critical axe violation, signed out and in, in %s', async (lang) => {
    const dave = await makeUser(suite.db, 'guest');
    const placed = await client(suite.node.url, dave.token).post(
      '/api/v1/orders',
      showcaseOrder(r, [r.dishes.get('Har Gow Shrimp Dumplings')!]),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(placed.status).toBe(201);
    const page = await suite.newPage({ ...AXE_CONTEXT, viewport: PHONE, locale: 'en-GB' }, `/kiosk/account?lang=${lang}`);
    await page.getByLabel(LABELS[lang].email, { exact: true }).waitFor(WAIT);
    const check = async (screen: string) => {
      for (const [size, viewport] of [['phone', PHONE] as const, ['kiosk', KIOSK] as const]) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await expectAccessible(page, `${screen} at ${size} size`);
        await expectLargeTargets(page, `${screen} at ${size} size`);
        await shot(page, `${screen} ${size} ${lang}`);
      }
      await page.setViewportSize(PHONE);
    };
    await check('signed out');
    await page.getByLabel(LABELS[lang].password, { exact: true }).press('Enter');
    await page.locator('[data-field-error="email"]').waitFor(WAIT);
    await check('field errors');
    await signIn(page, dave.email, dave.password, lang);
    await page.locator(`[data-order-id="${placed.body.order.id}"]`).waitFor(WAIT);
    await check('signed in');
  });
});
