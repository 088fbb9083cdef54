/**
 * The guest kiosk in real Chromium against a real node: restaurant list, menu, the three
 * languages, keyboard use of the category tabs, a dish selling out live while the screen is
 * open, and the screens' real addresses (direct load, reload, back and forward). Every test has
 * its own browser context and page. The node serves the built app (kiosk/dist); screenshots
 * go to test-results/screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { makeShowcaseRestaurant, screenshotPath, showcaseOrder, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { client, eventually, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };

const suite = browserSuite('kiosk');
let restaurant: ShowcaseRestaurant;

beforeAll(async () => {
  restaurant = await makeShowcaseRestaurant(suite.db);
});

/** A page of its own (a fresh context: no storage, no history) at a kiosk address. */
function openKiosk(path: string): Promise<Page> {
  return suite.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'en-GB' }, path);
}

function menuPath(r: ShowcaseRestaurant, query = ''): string {
  return `/kiosk/r/${r.slug}${query}`;
}

/** The menu of a restaurant is on screen, in English. */
async function menuShown(page: Page, r: ShowcaseRestaurant = restaurant): Promise<void> {
  await page.getByRole('heading', { level: 1, name: r.names.en }).waitFor(WAIT);
}

/** Pictures on screen have arrived and decoded (the lazy ones below the fold may wait). */
async function picturesShown(p: Page): Promise<void> {
  await p.waitForFunction(
    () =>
      Array.from(document.images)
        .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
        .every((img) => img.complete && img.naturalWidth > 0),
    undefined,
    WAIT,
  );
}

function dishCard(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

async function pathOf(page: Page): Promise<string> {
  return page.evaluate(() => location.pathname + location.search);
}

describe('guest kiosk', () => {
  it('lists the restaurants and opens one’s menu', async () => {
    const page = await openKiosk('/kiosk/');
    await page.getByRole('heading', { name: 'Where would you like to eat?' }).waitFor(WAIT);
    const card = page.getByRole('link', { name: restaurant.names.en });
    await card.waitFor(WAIT);
    await expectText(card, 'Cantonese');
    // A real link to the menu's address (it can be opened in a new tab or put in a QR code).
    expect(await card.getAttribute('href')).toBe(menuPath(restaurant));
    await card.click();

    await menuShown(page);
    expect(await pathOf(page)).toBe(menuPath(restaurant));
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
    await page.locator('[data-connection="live"]').waitFor(WAIT);
    const harGow = dishCard(page, 'Har Gow Shrimp Dumplings');
    await harGow.waitFor(WAIT);
    await expectText(harGow, 'Signature');
    await expectText(harGow, 'Crustaceans');
    expect(await harGow.getAttribute('data-available')).toBe('true');
    expect(await harGow.getAttribute('data-dish-id')).toBe(restaurant.dishes.get('Har Gow Shrimp Dumplings')!.id);
    expect(await page.getByRole('tab').allTextContents()).toEqual(restaurant.categories.map((c) => c.names.en));
    await picturesShown(page);
    await page.screenshot({ path: screenshotPath('kiosk-menu-en') });
  });

  it('shows the menu in Traditional and Simplified Chinese', async () => {
    const page = await openKiosk(menuPath(restaurant));
    await menuShown(page);
    await page.getByRole('button', { name: '繁體中文' }).click();
    await page.getByRole('heading', { level: 1, name: restaurant.names['zh-Hant'] }).waitFor(WAIT);
    const harGow = dishCard(page, '筍尖鮮蝦餃');
    await harGow.waitFor(WAIT);
    await expectText(harGow, '招牌');
    await expectText(harGow, '甲殼類');
    await expectText(page.locator('#menu-title + p'), '粵菜 · 三樓');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
    await picturesShown(page);
    await page.screenshot({ path: screenshotPath('kiosk-menu-zh-Hant') });

    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('heading', { level: 1, name: restaurant.names['zh-Hans'] }).waitFor(WAIT);
    const harGowHans = dishCard(page, '笋尖鲜虾饺');
    await harGowHans.waitFor(WAIT);
    await expectText(harGowHans, '甲壳类');
    await page.getByRole('tab', { name: '烧味' }).waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    await page.screenshot({ path: screenshotPath('kiosk-menu-zh-Hans') });

    await page.getByRole('button', { name: 'English' }).click();
    await menuShown(page);
  });

  it('moves between menu sections with the keyboard', async () => {
    const page = await openKiosk(menuPath(restaurant));
    await menuShown(page);
    await page.locator('#menu-title').focus();
    // On a guest's phone the restaurant's heading is followed by its "Book a table" link.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ role: 'a', text: 'Book a table', selected: null });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ role: 'tab', text: 'Dim Sum', selected: 'true' });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toEqual({ role: 'tab', text: 'Barbecue & Roast Meats', selected: 'true' });
    await dishCard(page, 'Roast Goose').waitFor(WAIT);
    // Tab leaves the tab list for its panel rather than walking every tab.
    await page.keyboard.press('Tab');
    expect((await focused(page)).role).toBe('tabpanel');
  });

  it('marks a dish sold out live as other guests order the last portions', async () => {
    // A restaurant of its own: this test sells its goose out.
    const scarce = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 3 });
    const page = await openKiosk(menuPath(scarce));
    const menuRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes(`/restaurants/${scarce.id}/menu`)) menuRequests.push(req.url());
    });
    await menuShown(page, scarce);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
    await page.getByRole('tab', { name: 'Barbecue & Roast Meats' }).click();
    const goose = dishCard(page, 'Roast Goose');
    await expectText(goose, 'Only 3 left');
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'));
    const menusBefore = menuRequests.length;
    const guest = client(suite.node.url);

    for (const left of [2, 1]) {
      const placed = await guest.post('/api/v1/orders', showcaseOrder(scarce, [scarce.lowDish]), { 'idempotency-key': idempotencyKey() });
      expect(placed.status).toBe(201);
      await goose.getByText(`Only ${left} left`).waitFor(WAIT);
    }
    await page.screenshot({ path: screenshotPath('kiosk-low-stock') });

    const last = await guest.post('/api/v1/orders', showcaseOrder(scarce, [scarce.lowDish]), { 'idempotency-key': idempotencyKey() });
    expect(last.status).toBe(201);
    await goose.getByText('Sold out').waitFor(WAIT);
    await eventually(async () => expect(await goose.getAttribute('class')).toContain('sold-out'));
    expect(await goose.getAttribute('data-available')).toBe('false');

    const refused = await guest.post('/api/v1/orders', showcaseOrder(scarce, [scarce.lowDish]), { 'idempotency-key': idempotencyKey() });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('out_of_stock');

    // Live, not reloaded: same page, no new menu fetch.
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');
    expect(menuRequests.length).toBe(menusBefore);
    await goose.scrollIntoViewIfNeeded();
    await picturesShown(page);
    await page.screenshot({ path: screenshotPath('kiosk-sold-out') });
  });

  it('keeps the menu sections in view below the top bar while scrolling', async () => {
    const page = await openKiosk(menuPath(restaurant));
    await menuShown(page);
    await page.getByRole('tab', { name: 'Dim Sum' }).click();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 300, undefined, WAIT);
    const topbar = await page.locator('header.topbar').boundingBox();
    const tabs = await page.getByRole('tablist').boundingBox();
    await page.screenshot({ path: screenshotPath('kiosk-scrolled') });
    expect(tabs!.y).toBeGreaterThanOrEqual(topbar!.y + topbar!.height - 1);
  });

  it('opens a menu at its address, keeps it across a reload, and goes back and forward', async () => {
    // As a table's QR code would: the slug and the table.
    const page = await openKiosk(menuPath(restaurant, `?table=${restaurant.tableId}`));
    await menuShown(page);
    await dishCard(page, 'Har Gow Shrimp Dumplings').waitFor(WAIT);

    await page.reload();
    await menuShown(page);
    expect(await pathOf(page)).toBe(menuPath(restaurant, `?table=${restaurant.tableId}`));

    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    await page.getByRole('link', { name: 'All restaurants' }).click();
    await page.getByRole('heading', { name: 'Where would you like to eat?' }).waitFor(WAIT);
    expect(await pathOf(page)).toBe('/kiosk/');

    await page.goBack();
    await menuShown(page);
    expect(await pathOf(page)).toBe(menuPath(restaurant, `?table=${restaurant.tableId}`));
    await page.goForward();
    await page.getByRole('link', { name: restaurant.names.en }).waitFor(WAIT);
    expect(await pathOf(page)).toBe('/kiosk/');
    // The app moved between its screens without loading the page again.
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');

    // The brand leads to the start too; a menu's address may also use the restaurant's id.
    const byId = await openKiosk(`/kiosk/r/${restaurant.id}`);
    await menuShown(byId);
    await byId.getByRole('link', { name: /Dinewire/ }).click();
    await byId.getByRole('heading', { name: 'Where would you like to eat?' }).waitFor(WAIT);
  });

  it('says so at an address with no screen, or naming no restaurant', async () => {
    const page = await openKiosk('/kiosk/no-such-screen');
    await page.getByRole('heading', { level: 1, name: 'There is no screen at this address.' }).waitFor(WAIT);
    await page.locator('[data-connection]').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('kiosk-not-found') });
    await page.getByRole('link', { name: 'Go to the start' }).click();
    await page.getByRole('heading', { name: 'Where would you like to eat?' }).waitFor(WAIT);

    const unknown = await openKiosk('/kiosk/r/no-such-restaurant');
    await unknown.getByRole('alert').getByText('We couldn’t find that restaurant.').waitFor(WAIT);
    await unknown.getByRole('button', { name: 'Try again' }).waitFor(WAIT);
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.getByText(text, { exact: false }).first().waitFor(WAIT);
}

async function focused(page: Page): Promise<{ role: string | null; text: string; selected: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute('role') ?? el?.tagName.toLowerCase() ?? null,
      text: el?.textContent?.trim() ?? '',
      selected: el?.getAttribute('aria-selected') ?? null,
    };
  });
}
