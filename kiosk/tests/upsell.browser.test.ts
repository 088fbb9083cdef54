/**
 * "Goes well with" at the kiosk, in real Chromium against a real node: orders that paired dishes
 * are placed and the pairings refreshed (the queue's job, called directly), then a guest is
 * offered the dishes that went with the first one added, once, and again at checkout. Each test
 * has its own restaurant and browser context.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { refreshPairings } from '../../server/src/modules/recommendations/pairings';
import { makeShowcaseRestaurant, showcaseOrder, type ShowcaseDish, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { client, eventually, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 8000 };
const KIOSK = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };
const suite = browserSuite('kiosk');

async function place(r: ShowcaseRestaurant, dishes: ShowcaseDish[]): Promise<void> {
  const res = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(r, dishes), { 'idempotency-key': idempotencyKey() });
  expect(res.status).toBe(201);
}

/** Har Gow went with Pork Belly twice and with Roast Goose once (the goose: two portions, one of them ordered). */
async function pairedRestaurant() {
  const r = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 2 });
  const [harGow, porkBelly, goose, siuMai] = [
    'Har Gow Shrimp Dumplings',
    'Crispy Roast Pork Belly',
    'Roast Goose',
    'Siu Mai with Crab Roe',
  ].map((name) => r.dishes.get(name)!);
  await place(r, [harGow!, porkBelly!]);
  await place(r, [harGow!, porkBelly!]);
  await place(r, [harGow!, goose!]);
  await refreshPairings({ sequelize: suite.db });
  return { r, harGow: harGow!, porkBelly: porkBelly!, goose: goose!, siuMai: siuMai! };
}

async function open(r: ShowcaseRestaurant, viewport = KIOSK): Promise<Page> {
  const page = await suite.newPage({ viewport, locale: 'en-GB' }, `/kiosk/r/${r.slug}?lang=en`);
  await page.locator('[data-dish-id]').first().waitFor(WAIT);
  await page.locator('[data-connection="live"]').waitFor(WAIT);
  return page;
}

/** Opens a dish from its menu card (its section first) and adds it with the options chosen for it. */
async function addFromMenu(page: Page, r: ShowcaseRestaurant, dish: ShowcaseDish): Promise<void> {
  await page
    .getByRole('tab')
    .nth(r.categories.findIndex((c) => c.id === dish.categoryId))
    .click();
  await page.locator(`article[data-dish-id="${dish.id}"] button.open`).click();
  await page.locator(`dialog[data-detail-dish-id="${dish.id}"] button[type=submit]`).click();
  await page.locator(`dialog[data-detail-dish-id="${dish.id}"]`).waitFor({ state: 'detached', ...WAIT });
}

const suggested = (page: Page, within: string) =>
  page.locator(`${within} [data-suggest-dish-id]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-suggest-dish-id')));

async function shotIf(page: Page, name: string): Promise<void> {
  const dir = process.env.GUEST_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

describe('"goes well with" at the kiosk', () => {
  it('offers what guests ordered with the first dish, once; a sold-out one goes; one tap takes a suggestion', async () => {
    const { r, harGow, porkBelly, goose, siuMai } = await pairedRestaurant();
    const page = await open(r);
    await addFromMenu(page, r, harGow);

    const panel = page.locator('[data-upsell]');
    await panel.waitFor(WAIT);
    expect(await panel.getAttribute('data-upsell-for')).toBe(harGow.id);
    await panel.getByRole('heading', { name: 'Goes well with Har Gow Shrimp Dumplings' }).waitFor(WAIT);
    // Best first: twice with it, then once.
    expect(await suggested(page, '[data-upsell]')).toEqual([porkBelly.id, goose.id]);
    // Said politely, after "added".
    await page.getByRole('status').filter({ hasText: 'Goes well with Har Gow Shrimp Dumplings: Crispy Roast Pork Belly' }).waitFor(WAIT);
    // Not in the way: the cart button is still there to tap, and focused.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('view-cart'))).toBe(true);
    await shotIf(page, 'upsell-panel-kiosk-en');

    // Another guest takes the last goose: it is no longer suggested.
    await place(r, [goose]);
    await page.locator(`[data-upsell] [data-suggest-dish-id="${goose.id}"]`).waitFor({ state: 'detached', ...WAIT });
    expect(await suggested(page, '[data-upsell]')).toEqual([porkBelly.id]);

    // One tap opens it, as its card would; adding it puts the panel away.
    await panel.locator(`[data-suggest-dish-id="${porkBelly.id}"]`).click();
    await page.locator(`dialog[data-detail-dish-id="${porkBelly.id}"] button[type=submit]`).click();
    await page.getByRole('button', { name: /View order · 2 items/ }).waitFor(WAIT);
    await panel.waitFor({ state: 'detached', ...WAIT });

    // A later dish, even one that has suggestions, is not offered them: once per guest, reload included.
    await addFromMenu(page, r, siuMai);
    await page.getByRole('button', { name: /View order · 3 items/ }).waitFor(WAIT);
    await page.reload();
    await page.locator('[data-dish-id]').first().waitFor(WAIT);
    await addFromMenu(page, r, harGow);
    await page.getByRole('button', { name: /View order · 4 items/ }).waitFor(WAIT);
    expect(await panel.count()).toBe(0);
    await page.getByRole('button', { name: /View order/ }).click();
    await page.getByRole('dialog', { name: 'Your order' }).getByText('1 × Crispy Roast Pork Belly').waitFor(WAIT);
  });

  it('is put away by the guest and not offered again; the cart suggests for the whole order at checkout', async () => {
    const { r, harGow, porkBelly, goose, siuMai } = await pairedRestaurant();
    const page = await open(r, PHONE);
    await addFromMenu(page, r, harGow);
    const panel = page.locator('[data-upsell]');
    await panel.waitFor(WAIT);
    await shotIf(page, 'upsell-panel-phone-en');
    // The cart button is not covered: it opens the cart while the panel is up.
    await page.getByRole('button', { name: /View order · 1 item/ }).click();
    const cart = page.getByRole('dialog', { name: 'Your order' });
    await cart.waitFor(WAIT);
    await page.keyboard.press('Escape');
    await cart.waitFor({ state: 'detached', ...WAIT });

    await panel.getByRole('button', { name: 'No, thanks' }).click();
    await panel.waitFor({ state: 'detached', ...WAIT });
    // Emptied and started again: still not offered.
    await page.getByRole('button', { name: /View order/ }).click();
    await cart.getByRole('button', { name: 'Remove Har Gow Shrimp Dumplings' }).click();
    await page.keyboard.press('Escape');
    await addFromMenu(page, r, harGow);
    await page.getByRole('button', { name: /View order · 1 item/ }).waitFor(WAIT);
    await addFromMenu(page, r, siuMai);
    expect(await panel.count()).toBe(0);

    // At checkout: what goes with the cart's dishes, not in it, and available.
    await page.getByRole('button', { name: /View order · 2 items/ }).click();
    const row = cart.locator('[data-checkout-upsell]');
    await row.getByRole('heading', { name: 'Goes well with your order' }).waitFor(WAIT);
    expect(await suggested(page, '[data-checkout-upsell]')).toEqual([porkBelly.id, goose.id]);
    await shotIf(page, 'upsell-cart-phone-en');
    // Taken from the cart: its detail opens over the cart, and the cart has it after.
    await row.locator(`[data-suggest-dish-id="${porkBelly.id}"]`).click();
    await page.locator(`dialog[data-detail-dish-id="${porkBelly.id}"] button[type=submit]`).click();
    await cart.getByText('1 × Crispy Roast Pork Belly').waitFor(WAIT);
    // Focus is back in the cart, not lost behind it.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('cart-title'));
    await page.locator(`[data-checkout-upsell] [data-suggest-dish-id="${porkBelly.id}"]`).waitFor({ state: 'detached', ...WAIT });
    expect(await suggested(page, '[data-checkout-upsell]')).toEqual([goose.id]);
    await cart.getByRole('button', { name: /Pay at the counter/ }).click();
    await page.locator('[data-order-id][data-status="placed"]').waitFor(WAIT);
  });
});
