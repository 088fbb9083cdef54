/**
 * The guest kiosk in real Chromium against a real node: restaurant list, menu, the three
 * languages, keyboard use of the category tabs, and a dish selling out live while the screen
 * is open. The node serves the built app (kiosk/dist); screenshots go to test-results/screenshots.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../../server/src/node';
import {
  CHROMIUM_LAUNCH,
  REPO_ROOT,
  makeShowcaseRestaurant,
  requireBuiltApp,
  screenshotPath,
  showcaseOrder,
  type ShowcaseRestaurant,
} from '../../server/src/test/appFixtures';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../../server/src/test/harness';

const WAIT = { timeout: 5000 };

let db: Sequelize;
let node: DinewireNode;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let restaurant: ShowcaseRestaurant;
/** Every menu fetch the page makes: selling out must not need one. */
const menuRequests: string[] = [];

beforeAll(async () => {
  requireBuiltApp('kiosk');
  db = testSequelize();
  [node, restaurant, browser] = await Promise.all([
    startTestNode({ appsDir: REPO_ROOT }),
    makeShowcaseRestaurant(db, { lowDish: 'Roast Goose', lowPortions: 3 }),
    chromium.launch(CHROMIUM_LAUNCH),
  ]);
  context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'en-GB' });
  page = await context.newPage();
  page.on('request', (req) => {
    if (req.url().includes(`/restaurants/${restaurant.id}/menu`)) menuRequests.push(req.url());
  });
});

afterAll(async () => {
  await browser?.close();
  await node?.close();
  await db?.close();
});

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

function dishCard(name: string) {
  return page.getByRole('article', { name, exact: true });
}

describe('guest kiosk', () => {
  it('lists the restaurants and opens one’s menu', async () => {
    await page.goto(`${node.url}/kiosk/`);
    await page.getByRole('heading', { name: 'Where would you like to eat?' }).waitFor(WAIT);
    const card = page.getByRole('button', { name: restaurant.names.en });
    await card.waitFor(WAIT);
    await expectText(card, 'Cantonese');
    await card.click();

    await page.getByRole('heading', { level: 1, name: restaurant.names.en }).waitFor(WAIT);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
    const harGow = dishCard('Har Gow Shrimp Dumplings');
    await harGow.waitFor(WAIT);
    await expectText(harGow, 'Signature');
    await expectText(harGow, 'Crustaceans');
    expect(await page.getByRole('tab').allTextContents()).toEqual(restaurant.categories.map((c) => c.names.en));
    await picturesShown(page);
    await page.screenshot({ path: screenshotPath('kiosk-menu-en') });
  });

  it('shows the menu in Traditional and Simplified Chinese', async () => {
    await page.getByRole('button', { name: '繁體中文' }).click();
    await page.getByRole('heading', { level: 1, name: restaurant.names['zh-Hant'] }).waitFor(WAIT);
    const harGow = dishCard('筍尖鮮蝦餃');
    await harGow.waitFor(WAIT);
    await expectText(harGow, '招牌');
    await expectText(harGow, '甲殼類');
    await expectText(page.locator('#menu-title + p'), '粵菜 · 三樓');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
    await picturesShown(page);
    await page.screenshot({ path: screenshotPath('kiosk-menu-zh-Hant') });

    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('heading', { level: 1, name: restaurant.names['zh-Hans'] }).waitFor(WAIT);
    const harGowHans = dishCard('笋尖鲜虾饺');
    await harGowHans.waitFor(WAIT);
    await expectText(harGowHans, '甲壳类');
    await page.getByRole('tab', { name: '烧味' }).waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    await page.screenshot({ path: screenshotPath('kiosk-menu-zh-Hans') });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: restaurant.names.en }).waitFor(WAIT);
  });

  it('moves between menu sections with the keyboard', async () => {
    await page.locator('#menu-title').focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ role: 'tab', text: 'Dim Sum', selected: 'true' });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await focused()).toEqual({ role: 'tab', text: 'Barbecue & Roast Meats', selected: 'true' });
    await dishCard('Roast Goose').waitFor(WAIT);
    // Tab leaves the tab list for its panel rather than walking every tab.
    await page.keyboard.press('Tab');
    expect((await focused()).role).toBe('tabpanel');
  });

  it('marks a dish sold out live as other guests order the last portions', async () => {
    const goose = dishCard('Roast Goose');
    await expectText(goose, 'Only 3 left');
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'));
    const menusBefore = menuRequests.length;
    const guest = client(node.url);

    for (const left of [2, 1]) {
      const placed = await guest.post('/api/v1/orders', showcaseOrder(restaurant, [restaurant.lowDish]), { 'idempotency-key': idempotencyKey() });
      expect(placed.status).toBe(201);
      await goose.getByText(`Only ${left} left`).waitFor(WAIT);
    }
    await page.screenshot({ path: screenshotPath('kiosk-low-stock') });

    const last = await guest.post('/api/v1/orders', showcaseOrder(restaurant, [restaurant.lowDish]), { 'idempotency-key': idempotencyKey() });
    expect(last.status).toBe(201);
    await goose.getByText('Sold out').waitFor(WAIT);
    await eventually(async () => expect(await goose.getAttribute('class')).toContain('sold-out'));

    const refused = await guest.post('/api/v1/orders', showcaseOrder(restaurant, [restaurant.lowDish]), { 'idempotency-key': idempotencyKey() });
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
    await page.getByRole('tab', { name: 'Dim Sum' }).click();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 300, undefined, WAIT);
    const topbar = await page.locator('header.topbar').boundingBox();
    const tabs = await page.getByRole('tablist').boundingBox();
    await page.screenshot({ path: screenshotPath('kiosk-scrolled') });
    expect(tabs!.y).toBeGreaterThanOrEqual(topbar!.y + topbar!.height - 1);
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.getByText(text, { exact: false }).first().waitFor(WAIT);
}

async function focused(): Promise<{ role: string | null; text: string; selected: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute('role') ?? el?.tagName.toLowerCase() ?? null,
      text: el?.textContent?.trim() ?? '',
      selected: el?.getAttribute('aria-selected') ?? null,
    };
  });
}
