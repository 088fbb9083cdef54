/**
 * The manager's live view and inventory screen in real Chromium against a real node, beside a
 * guest's kiosk page, each in a browser context of its own: a count of zero on the inventory
 * screen sells the dish out on the live view and on the kiosk; an "86" by hand reaches the kiosk
 * at once and so does putting it back; the live figures are what was placed. With SCREENSHOTS_DIR
 * set, a last test fills a restaurant with an hour of orders and takes both screens at tablet and
 * monitor size in the three languages.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeShowcaseRestaurant, showcaseOrder, type ShowcaseDish, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const TABLET = { width: 1280, height: 800 };

const suite = browserSuite('dashboard');

async function placeOrder(r: ShowcaseRestaurant, dishes: ShowcaseDish[]) {
  const res = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(r, dishes), { 'idempotency-key': idempotencyKey() });
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  return res.body.order as { id: string; number: number; totalCents: number; items: { id: string }[] };
}

async function managerPage(r: ShowcaseRestaurant, screen: 'live' | 'inventory', viewport = TABLET): Promise<Page> {
  const manager = await makeUser(suite.db, 'manager', [r.id]);
  const page = await suite.newPage({ viewport, locale: 'en-GB' }, `/dashboard/r/${r.slug}/${screen}`);
  await page.getByLabel('Email').fill(manager.email);
  await page.getByLabel('Password').fill(manager.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-connection="live"]').waitFor(WAIT);
  return page;
}

async function kioskPage(r: ShowcaseRestaurant): Promise<Page> {
  const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB' }, `/kiosk/r/${r.slug}`);
  await page.locator('[data-connection="live"]').waitFor(WAIT);
  return page;
}

/** Dishes with plenty of stock (the scarce dish's ingredient may be in others too). */
async function plentiful(r: ShowcaseRestaurant): Promise<ShowcaseDish[]> {
  const menu = await client(suite.node.url).get(`/api/v1/restaurants/${r.id}/menu`);
  const ok = new Set<string>();
  for (const c of menu.body.categories)
    for (const d of c.dishes) if (d.available && (d.remaining === null || d.remaining > 20)) ok.add(d.id);
  return [...r.dishes.values()].filter((d) => ok.has(d.id));
}

const dishCard = (page: Page, dishId: string, available: boolean) =>
  page.locator(`[data-dish-id="${dishId}"][data-available="${available}"]`).first();

describe('live view and inventory', () => {
  it('a count of zero on the inventory screen sells the dish out on the live view and on an open kiosk', async () => {
    const r = await makeShowcaseRestaurant(suite.db, { lowPortions: 3 });
    const [live, inventory, kiosk] = await Promise.all([managerPage(r, 'live'), managerPage(r, 'inventory'), kioskPage(r)]);
    const low = r.lowDish;
    await dishCard(kiosk, low.id, true).waitFor(WAIT);
    await live.getByRole('heading', { name: 'Sold out' }).waitFor(WAIT);
    expect(await live.locator(`[data-dish-id="${low.id}"]`).count()).toBe(0);
    await dishCard(inventory, low.id, true).waitFor(WAIT);

    const ingredient = [...r.ingredients.values()].find((i) => i.id === low.ingredientId)!;
    await inventory.getByRole('button', { name: `Adjust ${ingredient.names.en}` }).click();
    const form = inventory.getByRole('form', { name: `Adjust ${ingredient.names.en}` });
    await form.getByRole('radio', { name: 'Count' }).check();
    await form.getByLabel(/Quantity counted/).fill('0');
    await form.getByLabel('Note').fill('shelf empty');
    await form.getByRole('button', { name: 'Save' }).click();
    await inventory
      .getByRole('status')
      .filter({ hasText: `${ingredient.names.en}: 0` })
      .waitFor(WAIT);

    // Each screen hears it on its own connection.
    await dishCard(live, low.id, false).waitFor(WAIT);
    expect(await live.locator(`[data-dish-id="${low.id}"]`).getAttribute('data-sold-out-by')).toBe('stock');
    await live.getByText('Low stock').first().waitFor(WAIT);
    await dishCard(kiosk, low.id, false).waitFor(WAIT);
    await dishCard(inventory, low.id, false).waitFor(WAIT);
    // The ledger has the count, with its note, who and the quantity after.
    const row = inventory.locator('tr[data-reason="count"]').first();
    await row.waitFor(WAIT);
    expect(await row.innerText()).toMatch(
      new RegExp(`${ingredient.names.en}[\\s\\S]*Count[\\s\\S]*−[\\s\\S]*Test manager[\\s\\S]*shelf empty`),
    );
    await inventory.locator(`[data-ingredient-id="${ingredient.id}"][data-low="true"]`).waitFor(WAIT);
  });

  it('an 86 by hand reaches an open kiosk at once, and so does putting it back', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const dish = (await plentiful(r))[0];
    const [inventory, kiosk, live] = await Promise.all([managerPage(r, 'inventory'), kioskPage(r), managerPage(r, 'live')]);
    await dishCard(kiosk, dish.id, true).waitFor(WAIT);

    await inventory.getByRole('button', { name: `86 ${dish.names.en}` }).click();
    await dishCard(kiosk, dish.id, false).waitFor(WAIT);
    await dishCard(live, dish.id, false).waitFor(WAIT);
    expect(await live.locator(`[data-dish-id="${dish.id}"]`).getAttribute('data-sold-out-by')).toBe('hand');
    expect(await inventory.locator(`[data-dish-id="${dish.id}"]`).getAttribute('data-sold-out-by')).toBe('hand');
    // A guest ordering it now is refused.
    const refused = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(r, [dish]), { 'idempotency-key': idempotencyKey() });
    expect(refused.status).toBe(409);

    await inventory.getByRole('button', { name: `Back on: ${dish.names.en}` }).click();
    await dishCard(kiosk, dish.id, true).waitFor(WAIT);
    await dishCard(inventory, dish.id, true).waitFor(WAIT);
    await live.locator(`[data-dish-id="${dish.id}"]`).waitFor({ state: 'detached', ...WAIT });
  });

  it('shows the live figures of what was placed: orders, revenue, open tickets, the oldest', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const dishes = await plentiful(r);
    const live = await managerPage(r, 'live');
    const revenue = live.locator('[data-figure="revenue"]');
    await live.locator('[data-figure="revenue"][data-orders="0"]').waitFor(WAIT);

    const placed = [];
    for (let i = 0; i < 4; i++) placed.push(await placeOrder(r, dishes.slice(i, i + 2)));
    const total = placed.reduce((n, o) => n + o.totalCents, 0);
    await live.locator(`[data-figure="revenue"][data-orders="4"][data-revenue-cents="${total}"]`).waitFor(WAIT);
    const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'HKD' }).format(total / 100);
    expect(await revenue.locator('.big').innerText()).toBe(money);
    expect(await revenue.innerText()).toContain('4 covers');
    expect(await live.locator('[data-figure="open-tickets"] .big').innerText()).toBe('4');
    expect(await live.locator('[data-figure="oldest"]').innerText()).toContain(`No. ${placed[0].number}`);
    // Every open ticket is at some station, and the chart drew its canvas.
    const perStation = await live.locator('[data-station-id]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-tickets'))));
    expect(perStation.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
    await live.locator('.chart canvas').waitFor(WAIT);
    // The cluster panel: this node, and the database answering.
    await live.locator(`[data-node-id="${suite.node.services.config.nodeId}"]`).waitFor(WAIT);
    await live.locator('[data-service="database"][data-ok="true"]').waitFor(WAIT);
  });

  const shotsDir = process.env.SCREENSHOTS_DIR;
  (shotsDir ? it : it.skip)(
    'screenshots (SCREENSHOTS_DIR)',
    async () => {
      const r = await makeShowcaseRestaurant(suite.db, { lowPortions: 2 });
      const dishes = await plentiful(r);
      const chef = await makeUser(suite.db, 'manager', [r.id]);
      const kitchen = client(suite.node.url, chef.token);
      // An hour of service: orders spread over the last 55 minutes, most cooked to ready.
      for (let i = 0; i < 46; i++) {
        const o = await placeOrder(r, [dishes[i % dishes.length], dishes[(i * 3 + 1) % dishes.length]]);
        const minutesAgo = 55 - Math.floor(i * 1.2);
        const done = i < 38;
        if (done) for (const item of o.items) for (let s = 0; s < 2; s++) await kitchen.post(`/api/v1/kitchen/items/${item.id}/bump`);
        await suite.db.query(
          `UPDATE orders SET placed_at = now() - make_interval(mins => $1), ready_at = CASE WHEN ready_at IS NULL THEN NULL
           ELSE now() - make_interval(mins => $1) + make_interval(secs => $2) END WHERE id = $3`,
          { bind: [minutesAgo, 240 + ((i * 53) % 420), o.id] },
        );
      }
      await client(suite.node.url, chef.token).post(`/api/v1/dishes/${dishes[2].id}/availability`, { available: false });
      const ingredient = [...r.ingredients.values()].find((i) => i.id === r.lowDish.ingredientId)!;
      await kitchen.post(`/api/v1/inventory/${ingredient.id}/adjustments`, { quantity: 0, reason: 'count', note: 'end of the batch' });
      await kitchen.post(`/api/v1/inventory/${[...r.ingredients.values()][0].id}/adjustments`, {
        delta: 12,
        reason: 'receive',
        note: 'Morning delivery, Wing Kee',
      });

      for (const [size, viewport] of [
        ['1280x800', TABLET],
        ['1920x1080', { width: 1920, height: 1080 }],
      ] as const) {
        for (const screen of ['live', 'inventory'] as const) {
          const page = await managerPage(r, screen, viewport);
          for (const [lang, name] of [
            ['en', 'English'],
            ['zh-Hant', '繁體中文'],
            ['zh-Hans', '简体中文'],
          ] as const) {
            await page.getByRole('button', { name }).click();
            await page.waitForFunction((l) => document.documentElement.lang === l, lang);
            await page
              .locator(screen === 'live' ? '.chart canvas' : '[data-dish-id]')
              .first()
              .waitFor(WAIT);
            if (screen === 'inventory') {
              await page.locator('.ingredient.low button').first().click();
              await page.locator('form.adjust input[value="waste"]').check();
            }
            await page.waitForTimeout(1800);
            await page.screenshot({ path: path.join(shotsDir!, `${screen}-${size}-${lang}.png`), fullPage: false });
            await page.screenshot({ path: path.join(shotsDir!, `${screen}-${size}-${lang}-full.png`), fullPage: true });
          }
        }
      }
    },
    120_000,
  );
});
