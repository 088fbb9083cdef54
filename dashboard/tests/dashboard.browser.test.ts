/**
 * The staff dashboard in real Chromium against a real node: a manager signs in, expo opens (the old
 * orders board), orders placed and moved through the kitchen API appear and change column live, and a stock
 * adjustment raises a low-stock alert; the board has a real address that survives a reload
 * and back/forward. Every test has its own browser context and page. The node serves the built
 * app (dashboard/dist); screenshots go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import {
  makeShowcaseRestaurant,
  screenshotPath,
  showcaseOrder,
  type ShowcaseDish,
  type ShowcaseRestaurant,
} from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const VIEWPORT = { width: 1440, height: 900 };

const suite = browserSuite('dashboard');
let restaurant: ShowcaseRestaurant;

beforeAll(async () => {
  restaurant = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 8 });
});

function dish(name: string): ShowcaseDish {
  const d = restaurant.dishes.get(name);
  if (!d) throw new Error(`no dish ${name}`);
  return d;
}

async function placeOrder(dishes: ShowcaseDish[], extra: Record<string, unknown> = {}) {
  const res = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(restaurant, dishes, extra), {
    'idempotency-key': idempotencyKey(),
  });
  expect(res.status).toBe(201);
  return res.body.order as { id: string; number: number; items: { id: string }[] };
}

/** A page of its own: a fresh context, so no session, storage or history is shared. */
function newPage(): Promise<Page> {
  return suite.newPage({ viewport: VIEWPORT, locale: 'en-GB' });
}

async function signIn(page: Page, email: string, password: string, path = '/dashboard/'): Promise<void> {
  await page.goto(`${suite.node.url}${path}`);
  await fillSignIn(page, email, password);
}

async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** An order's card (by its pickup number, in any language), in the board column of that status. */
function orderIn(page: Page, status: 'placed' | 'preparing' | 'ready', number: number) {
  return page
    .locator(`section.column[data-status="${status}"] article`)
    .filter({ has: page.locator('.number', { hasText: new RegExp(`^#${number}$`) }) });
}

describe('staff dashboard', () => {
  it('follows orders through the kitchen and raises a low-stock alert, live', async () => {
    const manager = await makeUser(suite.db, 'manager', [restaurant.id]);
    const kitchen = client(suite.node.url, manager.token);
    const page = await newPage();

    await signIn(page, manager.email, manager.password, boardPath(restaurant));
    // Signed in at the board's address: the board opens there.
    await page.getByRole('heading', { level: 1, name: `Expo · ${restaurant.names.en}` }).waitFor(WAIT);
    expect(await pathOf(page)).toBe(boardPath(restaurant));
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
    await page.locator('[data-connection="live"]').waitFor(WAIT);
    await page.locator('section.column[data-status="placed"]').getByText('No orders').waitFor(WAIT);

    const first = await placeOrder([dish('Har Gow Shrimp Dumplings'), dish('Barbecued Pork Buns')]);
    const firstCard = orderIn(page, 'placed', first.number);
    await firstCard.waitFor(WAIT);
    expect(await firstCard.getAttribute('data-order-id')).toBe(first.id);
    expect(await firstCard.getAttribute('data-order-number')).toBe(String(first.number));
    expect(await firstCard.getAttribute('data-status')).toBe('placed');
    await firstCard.getByText('Har Gow Shrimp Dumplings').waitFor(WAIT);
    await firstCard.getByText('Online').waitFor(WAIT);

    // More traffic, so the board has something in every column.
    const second = await placeOrder([dish('Roast Goose'), dish('Shrimp Wonton Noodle Soup')]);
    const third = await placeOrder([dish('Chilled Mango Sago with Pomelo')]);
    await orderIn(page, 'placed', third.number).waitFor(WAIT);

    // queued → cooking: the order is being prepared.
    await bump(kitchen, first.items[0]!.id);
    await orderIn(page, 'preparing', first.number).waitFor(WAIT);
    expect(await orderIn(page, 'placed', first.number).count()).toBe(0);
    await orderIn(page, 'preparing', first.number).getByText('Cooking').waitFor(WAIT);
    await orderIn(page, 'preparing', first.number).locator(`[data-item-id="${first.items[0]!.id}"][data-status="cooking"]`).waitFor(WAIT);

    // Every item ready: the order is ready for pickup.
    for (const item of third.items) {
      await bump(kitchen, item.id);
      await bump(kitchen, item.id);
    }
    await orderIn(page, 'ready', third.number).waitFor(WAIT);
    await bump(kitchen, second.items[0]!.id);
    await orderIn(page, 'preparing', second.number).waitFor(WAIT);
    const fourth = await placeOrder([dish('Yangzhou Fried Rice'), dish('Kung Pao Chicken')], { guestName: 'Mr Wong' });
    await orderIn(page, 'placed', fourth.number).getByText('Mr Wong').waitFor(WAIT);

    // Waste takes the mango below its alert level.
    const mango = restaurant.ingredients.get('mango')!;
    const adjusted = await kitchen.post(`/api/v1/inventory/${mango.id}/adjustments`, {
      delta: -(mango.quantity - mango.lowThreshold / 2),
      reason: 'waste',
      note: 'dropped crate',
    });
    expect(adjusted.status).toBe(201);
    const alerts = page.locator('section.alerts');
    await alerts.getByText(`Low stock: ${mango.names.en}`).waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('dashboard-board-en') });

    // The same board in Chinese: dish names come from the order's own translations.
    await page.getByRole('button', { name: '繁體中文' }).click();
    await page.getByRole('heading', { level: 1, name: `出餐口 · ${restaurant.names['zh-Hant']}` }).waitFor(WAIT);
    await orderIn(page, 'preparing', first.number).getByText('筍尖鮮蝦餃').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('dashboard-board-zh-Hant') });
  });

  it('lets kitchen staff follow the board through the kitchen scope', async () => {
    const chef = await makeUser(suite.db, 'kitchen', [restaurant.id]);
    const page = await newPage();
    await signIn(page, chef.email, chef.password, boardPath(restaurant));
    await page.getByRole('heading', { level: 1, name: `Expo · ${restaurant.names.en}` }).waitFor(WAIT);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);

    const order = await placeOrder([dish('Shrimp Rice Noodle Rolls')], { guestName: 'Ms Chan' });
    const card = orderIn(page, 'placed', order.number);
    await card.getByText('Shrimp Rice Noodle Rolls').waitFor(WAIT);
    // The kitchen's presentation leaves out who the guest is.
    expect(await card.getByText('Ms Chan').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('keeps the board at its address across a reload, and goes back to the restaurant choice', async () => {
    const other = await makeShowcaseRestaurant(suite.db, { from: 'hanami-rooftop' });
    const manager = await makeUser(suite.db, 'manager', [restaurant.id, other.id]);
    const page = await newPage();
    await signIn(page, manager.email, manager.password);

    // Two restaurants: the choice, each with real links to its screens.
    await page.getByRole('heading', { level: 1, name: 'Choose a restaurant' }).waitFor(WAIT);
    const link = expoLink(page, restaurant);
    expect(await link.getAttribute('href')).toBe(boardPath(restaurant));
    await expoLink(page, other).waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('dashboard-picker-en') });
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Expo · ${restaurant.names.en}` }).waitFor(WAIT);
    expect(await pathOf(page)).toBe(boardPath(restaurant));

    // Signed in, on the same board, after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Expo · ${restaurant.names.en}` }).waitFor(WAIT);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
    expect(await pathOf(page)).toBe(boardPath(restaurant));

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Choose a restaurant' }).waitFor(WAIT);
    expect(await pathOf(page)).toBe('/dashboard/');
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: `Expo · ${restaurant.names.en}` }).waitFor(WAIT);

    await page.getByRole('link', { name: 'Change restaurant' }).click();
    await expoLink(page, other).click();
    await page.getByRole('heading', { level: 1, name: `Expo · ${other.names.en}` }).waitFor(WAIT);
    expect(await pathOf(page)).toBe(boardPath(other));
  });

  it('signs in at a board’s address and opens it; an address with no screen says so', async () => {
    const manager = await makeUser(suite.db, 'manager', [restaurant.id]);
    const page = await newPage();
    await signIn(page, manager.email, manager.password, boardPath(restaurant));
    await page.getByRole('heading', { level: 1, name: `Expo · ${restaurant.names.en}` }).waitFor(WAIT);
    expect(await pathOf(page)).toBe(boardPath(restaurant));

    // An address under the restaurant that no screen has.
    await page.goto(`${suite.node.url}/dashboard/r/${restaurant.slug}/no-such-screen`);
    await page.getByRole('heading', { level: 1, name: 'There is no screen at this address.' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Go to the start' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose a restaurant' }).waitFor(WAIT);
    await expoLink(page, restaurant).click();
    await page.getByRole('heading', { level: 1, name: `Expo · ${restaurant.names.en}` }).waitFor(WAIT);

    // Signing out leaves the board's address for the sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor(WAIT);
    expect(await pathOf(page)).toBe('/dashboard/');
  });
});

/** The restaurant choice's link to a restaurant's expo. */
function expoLink(page: Page, r: ShowcaseRestaurant) {
  return page.getByRole('link', { name: `Open Expo of ${r.names.en}` });
}

function boardPath(r: ShowcaseRestaurant): string {
  return `/dashboard/r/${r.slug}/expo`;
}

async function pathOf(page: Page): Promise<string> {
  return page.evaluate(() => location.pathname + location.search);
}

async function bump(staff: ReturnType<typeof client>, itemId: string): Promise<void> {
  const res = await staff.post(`/api/v1/kitchen/items/${itemId}/bump`);
  expect(res.status).toBe(200);
}
