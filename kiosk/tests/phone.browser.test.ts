/**
 * The guest app on a phone, in real Chromium against a real node: the restaurant list narrowed
 * by cuisine, area and price level, the filters kept in the address. Each test makes its own
 * restaurants, under codes no other test uses (the test database lists every test's).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { one } from '../../server/src/db/sql';
import { models } from '../../server/src/models';
import { makeShowcaseRestaurant, showcaseOrder } from '../../server/src/test/appFixtures';
import { makeRestaurant, makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 8000 };
const PHONE = { width: 360, height: 740 };
const suite = browserSuite('kiosk');

/** A restaurant of its own cuisine, area and price level. */
async function restaurantOf(cuisine: string, area: string, priceLevel: number): Promise<string> {
  const r = await makeRestaurant(suite.db, { cuisine });
  await models(suite.db).Restaurant.update({ area, priceLevel }, { where: { id: r.id } });
  return r.id;
}

async function shown(page: Page): Promise<string[]> {
  return page.locator('[data-restaurant-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-restaurant-id')!));
}

describe('the restaurant list on a phone', () => {
  it('narrows to the restaurants of a cuisine, area and price level, keeps the choice through reload and back, and offers to clear an empty result', async () => {
    const tag = crypto.randomBytes(3).toString('hex');
    const [noodle, sushi] = [`noodles-${tag}`, `sushi-${tag}`];
    const a = await restaurantOf(noodle, `Deck ${tag}`, 3);
    const b = await restaurantOf(noodle, `Garden ${tag}`, 1);
    const c = await restaurantOf(sushi, `Deck ${tag}`, 1);

    const page = await suite.newPage({ viewport: PHONE, locale: 'en-GB' }, '/kiosk/?lang=en');
    await page.locator('[data-filters]').waitFor(WAIT);
    for (const id of [a, b, c]) await page.locator(`[data-restaurant-id="${id}"]`).waitFor(WAIT);

    // A cuisine: both noodle houses, not the sushi bar.
    await page.locator('[data-filters]').getByRole('link', { name: noodle, exact: true }).click();
    await page.locator(`[data-restaurant-id="${c}"]`).waitFor({ state: 'detached', ...WAIT });
    expect((await shown(page)).sort()).toEqual([a, b].sort());
    expect(new URL(page.url()).searchParams.get('cuisine')).toBe(noodle);

    // And a price level: the cheap one only.
    await page.locator('[data-filters]').getByRole('link', { name: 'Price level 1 of 4' }).click();
    await page.locator(`[data-restaurant-id="${a}"]`).waitFor({ state: 'detached', ...WAIT });
    expect(await shown(page)).toEqual([b]);
    expect(await page.locator('[data-filters]').getByRole('link', { name: 'Price level 1 of 4' }).getAttribute('aria-current')).toBe(
      'true',
    );

    // A reload keeps it.
    await page.reload();
    await page.locator(`[data-restaurant-id="${b}"]`).waitFor(WAIT);
    expect(await shown(page)).toEqual([b]);

    // Back: the cuisine alone again.
    await page.goBack();
    await page.locator(`[data-restaurant-id="${a}"]`).waitFor(WAIT);
    expect((await shown(page)).sort()).toEqual([a, b].sort());

    // An area with none of that cuisine at that price: said so, and one tap clears the filters.
    await page.locator('[data-filters]').getByRole('link', { name: 'Price level 3 of 4' }).click();
    await page.locator(`[data-restaurant-id="${a}"]`).waitFor(WAIT);
    await page
      .locator('[data-filters]')
      .getByRole('link', { name: `Garden ${tag}`, exact: true })
      .click();
    await page.locator('[data-no-match]').waitFor(WAIT);
    expect(await shown(page)).toEqual([]);
    await page.locator('[data-no-match]').getByRole('link', { name: 'Clear filters' }).click();
    for (const id of [a, b, c]) await page.locator(`[data-restaurant-id="${id}"]`).waitFor(WAIT);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

describe('a table’s QR code on a phone', () => {
  it('shows the table in the menu and the cart, keeps it through a reload, and the order placed lands on it', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const { label } = (await models(suite.db).DiningTable.findByPk(r.tableId))!;
    const page = await suite.newPage({ viewport: PHONE, locale: 'en-GB' }, `/kiosk/r/${r.slug}?table=${r.tableId}&lang=en`);
    const badge = page.locator(`header [data-table-id="${r.tableId}"]`);
    await badge.waitFor(WAIT);
    expect(await badge.textContent()).toContain(label);

    const goose = r.dishes.get('Roast Goose')!;
    await page
      .getByRole('tab')
      .nth(r.categories.findIndex((c) => c.id === goose.categoryId))
      .click();
    await page.locator(`article[data-dish-id="${goose.id}"] button.open`).click();
    await page.locator('dialog button[type=submit]').click();
    await page.locator('button.view-cart').waitFor(WAIT);

    await page.reload();
    await badge.waitFor(WAIT);
    await page.locator('button.view-cart').click();
    expect(await page.locator('[data-cart-table]').textContent()).toContain(label);
    await page.locator('[data-preview-total-cents]').waitFor(WAIT);
    await page.locator('button[data-method="counter"]').click();
    const ticket = page.locator('[data-order-id][data-status]');
    await ticket.waitFor(WAIT);
    const orderId = (await ticket.getAttribute('data-order-id'))!;
    const row = await one<{ table_id: string | null }>(suite.db, 'SELECT table_id FROM orders WHERE id = $orderId', { orderId });
    expect(row!.table_id).toBe(r.tableId);
    // The kitchen's order names it too.
    const chef = await makeUser(suite.db, 'kitchen', [r.id]);
    expect((await client(suite.node.url, chef.token).get(`/api/v1/orders/${orderId}`)).body.order.tableId).toBe(r.tableId);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('tells the guest kindly when the code names another restaurant’s table (which the server refuses, naming tableId)', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const other = await makeRestaurant(suite.db);
    // The server refuses another restaurant's table, naming the field.
    const refused = await client(suite.node.url).post(
      '/api/v1/orders',
      showcaseOrder(r, [r.dishes.get('Roast Goose')!], { tableId: other.tableId }),
      { 'idempotency-key': idempotencyKey() },
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toContain('tableId');

    const page = await suite.newPage({ viewport: PHONE, locale: 'en-GB' }, `/kiosk/r/${r.slug}?table=${other.tableId}&lang=zh-Hant`);
    await page.locator('[data-table-unknown]').waitFor(WAIT);
    expect(await page.locator('[data-table-unknown]').textContent()).toContain('找不到此二維碼所指的餐桌');
    expect(await page.locator('[data-table-id]').count()).toBe(0);
  });
});

describe('the guest app from a phone to a kiosk portrait', () => {
  /** Screenshots go to PHONE_SHOTS_DIR when it is set, to look at. */
  async function shot(page: Page, name: string): Promise<void> {
    const dir = process.env.PHONE_SHOTS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
  }
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it.each([
    ['phone', PHONE, 'en'],
    ['phone', PHONE, 'zh-Hant'],
    ['kiosk', { width: 1080, height: 1920 }, 'en'],
    ['kiosk', { width: 1080, height: 1920 }, 'zh-Hant'],
  ] as const)('scrolls no screen sideways on a %s (%o) in %s: list, menu, dish, cart, checkout, account', async (size, viewport, lang) => {
    const r = await makeShowcaseRestaurant(suite.db);
    const guest = await makeUser(suite.db, 'guest');
    const placed = await client(suite.node.url, guest.token).post('/api/v1/orders', showcaseOrder(r, [r.dishes.get('Roast Goose')!]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    const page = await suite.newPage({ viewport, locale: 'en-GB' }, `/kiosk/?lang=${lang}&cuisine=cantonese`);
    const name = (screen: string) => `${size}-${lang}-${screen}`;
    await page.locator(`[data-restaurant-id="${r.id}"]`).waitFor(WAIT);
    // The address's code matches the restaurant's whatever its case, as the server's filter does.
    expect(await page.locator('[data-filters] [aria-current="true"]').count()).toBe(3);
    expect(await fits(page)).toBe(true);
    await shot(page, name('1-list'));

    await page.goto(`${suite.node.url}/kiosk/r/${r.slug}?table=${r.tableId}&lang=${lang}`);
    await page.locator('[data-dish-id]').first().waitFor(WAIT);
    await page.locator('[data-table-id]').waitFor(WAIT);
    expect(await fits(page)).toBe(true);
    await shot(page, name('2-menu'));

    const goose = r.dishes.get('Roast Goose')!;
    await page
      .getByRole('tab')
      .nth(r.categories.findIndex((c) => c.id === goose.categoryId))
      .click();
    await page.locator(`article[data-dish-id="${goose.id}"] button.open`).click();
    await page.locator(`dialog[data-detail-dish-id="${goose.id}"]`).waitFor(WAIT);
    expect(await fits(page)).toBe(true);
    await shot(page, name('3-dish'));
    await page.locator('dialog button[type=submit]').click();

    await page.locator('button.view-cart').click();
    await page.locator('[data-preview-total-cents]').waitFor(WAIT);
    expect(await fits(page)).toBe(true);
    await shot(page, name('4-cart'));
    await page.locator('button[data-method="card"]').click();
    await page.locator('dialog input').first().waitFor(WAIT);
    expect(await fits(page)).toBe(true);
    await shot(page, name('5-checkout'));
    await page.keyboard.press('Escape');

    await page.goto(`${suite.node.url}/kiosk/account?lang=${lang}`);
    await page.locator('input[type=email]').fill(guest.email);
    await page.locator('input[type=password]').fill(guest.password);
    await page.locator('input[type=password]').press('Enter');
    await page.locator(`.past-order[data-order-id="${placed.body.order.id}"]`).waitFor(WAIT);
    expect(await fits(page)).toBe(true);
    await shot(page, name('6-account'));
  });
});
