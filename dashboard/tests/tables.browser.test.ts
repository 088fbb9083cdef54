/**
 * The table codes screen in real Chromium: a manager opens the sheet of a restaurant with three
 * tables and sees one card per table, each with a code that decodes (jsQR, from the pixels the
 * page draws) to exactly that table's guest ordering address; the sheet passes axe, prints
 * (the button calls the browser's print) and lays out as a sheet of paper in print media. A
 * kitchen account at the same address gets the app's refusal, not a crash.
 */
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { makeShowcaseRestaurant, screenshotPath } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { models } from '../../server/src/models';
import { AXE_CONTEXT, expectAccessible } from '../../ui/test/axe';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const TABLET = { width: 1280, height: 900 };
/** 190 × 277 mm: an A4 page inside the sheet's 10 mm margins, at 96 CSS pixels an inch. */
const A4_CONTENT = { width: 718, height: 1047 };
/** The size each code is drawn at to be read back: a few pixels a module, as a phone's camera sees it. */
const RASTER = 400;

const suite = browserSuite('dashboard');

async function signIn(page: Page, email: string, password: string, path: string): Promise<void> {
  await page.goto(`${suite.node.url}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Each card's code, drawn by the page from the SVG it shows onto a white canvas, as RGBA (base64). */
async function cardPixels(page: Page): Promise<{ tableId: string; rgba: string }[]> {
  return page.evaluate(async (size) => {
    const cards = Array.from(document.querySelectorAll<HTMLElement>('[data-table-id]'));
    return Promise.all(
      cards.map(async (card) => {
        const svg = card.querySelector('svg')!;
        const img = new Image(size, size);
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = size;
        canvas.height = size;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, size, size);
        g.imageSmoothingEnabled = false;
        g.drawImage(img, 0, 0, size, size);
        const bytes = g.getImageData(0, 0, size, size).data;
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { tableId: card.dataset.tableId!, rgba: btoa(binary) };
      }),
    );
  }, RASTER);
}

/** A restaurant of the demo's with exactly these tables. */
async function restaurantWithTables(tables: { label: string; seats: number }[]) {
  const r = await makeShowcaseRestaurant(suite.db);
  const { DiningTable } = models(suite.db);
  await DiningTable.destroy({ where: { restaurantId: r.id } });
  const made = await DiningTable.bulkCreate(tables.map((t) => ({ restaurantId: r.id, ...t })));
  return { r, tables: made.map((t) => ({ id: t.id, label: t.label, seats: t.seats })) };
}

describe('table codes screen', () => {
  it('shows a manager one card per table whose code holds exactly its ordering address, and prints', async () => {
    const { r, tables } = await restaurantWithTables([
      { label: 'A1', seats: 2 },
      { label: 'A2', seats: 4 },
      { label: 'Window 12', seats: 6 },
    ]);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const page = await suite.newPage({ ...AXE_CONTEXT, viewport: TABLET, locale: 'en-GB' });
    await page.addInitScript(() => {
      // Headless Chromium has no print dialog; count the calls instead.
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void w.printed++;
    });
    await signIn(page, manager.email, manager.password, `/dashboard/r/${r.slug}/tables`);
    await page.getByRole('heading', { level: 1, name: `Table QR codes · ${r.names.en}` }).waitFor(WAIT);
    const cards = page.locator('[data-table-id]');
    await cards.first().waitFor(WAIT);

    expect(await cards.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tableId))).toEqual(tables.map((t) => t.id));
    for (const t of tables) {
      const card = page.locator(`[data-table-id="${t.id}"]`);
      await card.getByRole('heading', { level: 2, name: t.label, exact: true }).waitFor(WAIT);
      await card.getByRole('img', { name: `QR code for table ${t.label}` }).waitFor(WAIT);
      const text = await card.innerText();
      for (const part of [`${t.seats} seats`, r.names.en, 'Scan to order', '掃碼點餐', '扫码点餐']) expect(text).toContain(part);
      expect(text).toContain(`${suite.node.url}/kiosk/r/${r.slug}?table=${t.id}`);
    }

    const decoded = (await cardPixels(page)).map(({ tableId, rgba }) => {
      const code = jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), RASTER, RASTER);
      return { tableId, text: code?.data ?? null };
    });
    expect(decoded).toEqual(tables.map((t) => ({ tableId: t.id, text: `${suite.node.url}/kiosk/r/${r.slug}?table=${t.id}` })));

    await expectAccessible(page, 'table codes');
    await page.screenshot({ path: screenshotPath('tables-en'), fullPage: true });
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // On paper (A4 inside its margins, as CSS pixels): no top bar, navigation or print button; two cards across.
    await page.setViewportSize(A4_CONTENT);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.topbar:visible, nav.screen-nav:visible, button:visible, a:visible').count()).toBe(0);
    const boxes = await cards.evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect()).map((b) => ({ x: Math.round(b.x), y: Math.round(b.y) })),
    );
    expect(boxes[0]!.y).toBe(boxes[1]!.y);
    expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x);
    expect(boxes[2]!.y).toBeGreaterThan(boxes[0]!.y);
    await page.screenshot({ path: screenshotPath('tables-print-en'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(TABLET);

    await page.getByRole('button', { name: '繁體中文' }).click();
    await page.getByRole('heading', { level: 1, name: `餐桌二維碼 · ${r.names['zh-Hant']}` }).waitFor(WAIT);
    await cards.first().getByText(r.names['zh-Hant'], { exact: true }).waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('tables-zh-Hant'), fullPage: true });
    await page.setViewportSize(A4_CONTENT);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: screenshotPath('tables-print-zh-Hant'), fullPage: true });
  });

  it('puts six cards on each A4 page', async () => {
    const { r } = await restaurantWithTables(Array.from({ length: 7 }, (_, i) => ({ label: `T${i + 1}`, seats: 4 })));
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });
    await signIn(page, manager.email, manager.password, `/dashboard/r/${r.slug}/tables`);
    await page.locator('[data-table-id]').nth(6).waitFor(WAIT);
    // A card a hair too tall spills onto a page of its own: seven cards are exactly two pages.
    const pdf = (await page.pdf({ path: screenshotPath('tables-print').replace(/png$/, 'pdf'), preferCSSPageSize: true })).toString(
      'latin1',
    );
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(2);
  });

  it('refuses a kitchen account the sheet, with the app’s own answer', async () => {
    const { r } = await restaurantWithTables([{ label: 'A1', seats: 2 }]);
    const chef = await makeUser(suite.db, 'kitchen', [r.id]);
    const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await signIn(page, chef.email, chef.password, `/dashboard/r/${r.slug}/tables`);
    await page.getByRole('heading', { level: 1, name: 'There is no screen at this address.' }).waitFor(WAIT);
    expect(await page.locator('[data-table-id]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Table QR codes' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
