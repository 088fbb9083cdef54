/**
 * The kitchen display in real Chromium against a real node: orders reach the right station's
 * rail live, rush reorders every open kitchen screen, a screen that lost its connection comes
 * back to exactly what the database holds, and the keyboard alone bumps and recalls. Every test
 * builds its own restaurant and opens its own browser contexts. The node serves the built app
 * (dashboard/dist).
 *
 * With KITCHEN_SHOTS_DIR set, the last test also takes the screen's screenshots (all stations and
 * one station, tablet and monitor sizes, three languages) into that folder (never the repository).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Order } from '@dinewire/protocol';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { rows } from '../../server/src/db/sql';
import { makeShowcaseRestaurant, showcaseOrder, type ShowcaseDish, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeDevice, makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const TABLET = { width: 1280, height: 800 };
const MONITOR = { width: 1920, height: 1080 };

const suite = browserSuite('dashboard');
const SHOTS_DIR = process.env.KITCHEN_SHOTS_DIR;

interface Kitchen {
  r: ShowcaseRestaurant;
  /** Stations by English name (Wok, Dim Sum, Roast), with their dishes. */
  stations: Map<string, { id: string; dishes: ShowcaseDish[] }>;
  chef: Awaited<ReturnType<typeof makeUser>>;
}

/** A copy of the demo's Jade Harbour, its chef, and which dish each station cooks. */
async function kitchen(): Promise<Kitchen> {
  const r = await makeShowcaseRestaurant(suite.db, { lowPortions: 100 });
  const chef = await makeUser(suite.db, 'kitchen', [r.id]);
  const byDish = await rows<{ dish_id: string; station_id: string; station: string }>(
    suite.db,
    `SELECT d.id AS dish_id, s.id AS station_id, s.names->>'en' AS station FROM dishes d JOIN stations s ON s.id = d.station_id
      WHERE d.restaurant_id = $restaurantId ORDER BY d.sort`,
    { restaurantId: r.id },
  );
  const stations = new Map<string, { id: string; dishes: ShowcaseDish[] }>();
  for (const row of byDish) {
    const dish = [...r.dishes.values()].find((d) => d.id === row.dish_id)!;
    const s = stations.get(row.station) ?? { id: row.station_id, dishes: [] };
    s.dishes.push(dish);
    stations.set(row.station, s);
  }
  return { r, stations, chef };
}

function station(k: Kitchen, name: string) {
  const s = k.stations.get(name);
  if (!s) throw new Error(`no station ${name}`);
  return s;
}

async function place(k: Kitchen, dishes: ShowcaseDish[], extra: Record<string, unknown> = {}): Promise<Order> {
  const res = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(k.r, dishes, extra), {
    'idempotency-key': idempotencyKey(),
  });
  expect(res.status).toBe(201);
  return res.body.order as Order;
}

const kitchenPath = (k: Kitchen, stationId?: string) => `/dashboard/r/${k.r.slug}/kitchen${stationId ? `?station=${stationId}` : ''}`;

/** A kitchen screen in a context of its own, signed in as the chef (or paired as `device`), loaded and live. */
async function openKitchen(
  k: Kitchen,
  opts: {
    stationId?: string;
    device?: { id: string; token: string; stationId: string | null };
    /** Signed in as this person instead of the chef. */
    user?: { id: string; token: string; role: string; name: string };
    context?: BrowserContextOptions;
  } = {},
): Promise<Page> {
  const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB', ...opts.context });
  if (opts.device) {
    const d = opts.device;
    const value = JSON.stringify({
      device: { id: d.id, restaurantId: k.r.id, kind: 'kitchen', stationId: d.stationId, name: 'Pass screen' },
      token: d.token,
    });
    await page.addInitScript((v) => localStorage.setItem('dinewire.staff.device', v), value);
  } else {
    const who = opts.user ?? { id: k.chef.id, token: k.chef.token, role: 'kitchen', name: 'Chef Wong' };
    const user = { id: who.id, name: who.name, role: who.role, restaurantIds: [k.r.id] };
    await page.addInitScript((v) => sessionStorage.setItem('dinewire.staff.session', v), JSON.stringify({ user, token: who.token }));
  }
  await page.goto(`${suite.node.url}${kitchenPath(k, opts.stationId)}`);
  await page.locator('.kitchen[data-rail-status="ready"]').waitFor(WAIT);
  await page.locator('[data-connection="live"]').waitFor(WAIT);
  return page;
}

/** The rail's tickets, in order. */
const railIds = (page: Page) => page.locator('[data-order-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orderId));

async function railBecomes(page: Page, expected: string[], timeout = 5000): Promise<void> {
  const start = Date.now();
  let seen: (string | undefined)[] = [];
  while (Date.now() - start < timeout) {
    seen = await railIds(page);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await page.waitForTimeout(50);
  }
  expect(seen).toEqual(expected);
}

const api = (k: Kitchen) => client(suite.node.url, k.chef.token);
const seenOf = (o: Order) => Object.fromEntries(o.items.map((i) => [i.id, i.status]));

describe('kitchen display', () => {
  it('puts an order on its station’s rail within a second, and not on another station’s', async () => {
    const k = await kitchen();
    const wok = station(k, 'Wok');
    const dimSum = station(k, 'Dim Sum');
    const [wokPage, dimSumPage, allPage] = await Promise.all([
      openKitchen(k, { stationId: wok.id }),
      openKitchen(k, { stationId: dimSum.id }),
      openKitchen(k),
    ]);
    await wokPage.getByRole('heading', { level: 1, name: 'Kitchen · Wok' }).waitFor(WAIT);
    await wokPage.getByText('No open tickets. New orders appear here.').waitFor(WAIT);

    const started = Date.now();
    const wokOrder = await place(k, [wok.dishes[0]!]);
    await wokPage.locator(`[data-order-id="${wokOrder.id}"]`).waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    const ticket = wokPage.locator(`[data-order-id="${wokOrder.id}"]`);
    expect(await ticket.getAttribute('data-order-number')).toBe(String(wokOrder.number));
    expect(await ticket.getAttribute('data-status')).toBe('placed');
    expect(await ticket.locator('[data-item-id]').getAttribute('data-status')).toBe('queued');

    // A mixed order: on both stations' rails, each with its own item live and the other greyed.
    const mixed = await place(k, [wok.dishes[1]!, dimSum.dishes[0]!]);
    await dimSumPage.locator(`[data-order-id="${mixed.id}"]`).waitFor({ timeout: 1000 });
    await wokPage.locator(`[data-order-id="${mixed.id}"]`).waitFor({ timeout: 1000 });
    expect(await dimSumPage.locator(`[data-order-id="${mixed.id}"] [data-context="true"]`).count()).toBe(1);
    // The wok-only order came before the mixed one, yet never reached the dim sum rail.
    expect(await railIds(dimSumPage)).toEqual([mixed.id]);
    await railBecomes(allPage, [wokOrder.id, mixed.id]);

    // Bumping the dim sum part takes the ticket off that rail only.
    await dimSumPage.getByRole('button', { name: `Start all: ticket #${mixed.number}` }).click();
    await dimSumPage.getByRole('button', { name: `All ready: ticket #${mixed.number}` }).click();
    await railBecomes(dimSumPage, []);
    await dimSumPage.locator(`[data-recall-order-id="${mixed.id}"]`).waitFor(WAIT);
    // The recall list comes back after a reload (from the server, not the page's memory).
    await dimSumPage.reload();
    await dimSumPage.locator('.kitchen[data-rail-status="ready"]').waitFor(WAIT);
    await dimSumPage.locator(`[data-recall-order-id="${mixed.id}"]`).waitFor(WAIT);
    expect(await railIds(dimSumPage)).toEqual([]);
    expect(await railIds(wokPage)).toEqual([wokOrder.id, mixed.id]);
    expect(await wokPage.locator(`[data-order-id="${mixed.id}"] [data-context="true"]`).getAttribute('data-status')).toBe('ready');

    // The station picker is a set of links: the all-stations screen becomes the dim sum one.
    await allPage.getByRole('navigation', { name: 'Stations' }).getByRole('link', { name: 'Dim Sum' }).click();
    await allPage.getByRole('heading', { level: 1, name: 'Kitchen · Dim Sum' }).waitFor(WAIT);
    expect(new URL(allPage.url()).searchParams.get('station')).toBe(dimSum.id);
    await railBecomes(allPage, []);
  });

  it('colours tickets by age with the restaurant’s thresholds, and follows a manager changing them', async () => {
    const k = await kitchen();
    const wok = station(k, 'Wok');
    const order = await place(k, [wok.dishes[0]!], { items: [{ dishId: wok.dishes[0]!.id, quantity: 2, note: 'No MSG, nut allergy' }] });
    await suite.db.query(`UPDATE orders SET placed_at = now() - interval '3 minutes' WHERE id = $id`, { bind: { id: order.id } });
    const page = await openKitchen(k);
    const ticket = page.locator(`[data-order-id="${order.id}"]`);
    await ticket.getByText('No MSG, nut allergy').waitFor(WAIT);
    expect(await ticket.getAttribute('data-age')).toBe('fresh');
    await page.getByText('Amber after 5 min, red after 8 min').waitFor(WAIT);

    const manager = await makeUser(suite.db, 'manager', [k.r.id]);
    const res = await client(suite.node.url, manager.token).patch(`/api/v1/restaurants/${k.r.id}/ticket-ages`, {
      amberMinutes: 2,
      redMinutes: 4,
    });
    expect(res.status).toBe(200);
    await page.locator(`[data-order-id="${order.id}"][data-age="amber"]`).waitFor(WAIT);
    await page.getByText('Amber after 2 min, red after 4 min').waitFor(WAIT);
    await client(suite.node.url, manager.token).patch(`/api/v1/restaurants/${k.r.id}/ticket-ages`, { redMinutes: 3 });
    await page.locator(`[data-order-id="${order.id}"][data-age="red"]`).waitFor(WAIT);
    await ticket.getByText('Very late').waitFor(WAIT);
  });

  it('lets a manager set the ticket colours on screen: an open chef’s screen recolours, digits typed bump nothing', async () => {
    const k = await kitchen();
    const wok = station(k, 'Wok');
    const order = await place(k, [wok.dishes[0]!, wok.dishes[1]!]);
    await suite.db.query(`UPDATE orders SET placed_at = now() - interval '3 minutes' WHERE id = $id`, { bind: { id: order.id } });
    const manager = await makeUser(suite.db, 'manager', [k.r.id]);
    const [chefPage, page] = await Promise.all([
      openKitchen(k),
      openKitchen(k, { user: { id: manager.id, token: manager.token, role: 'manager', name: 'Ms Lau' } }),
    ]);
    const chefTicket = chefPage.locator(`[data-order-id="${order.id}"]`);
    await chefPage.getByText('Amber after 5 min, red after 8 min', { exact: true }).waitFor(WAIT);
    expect(await chefTicket.getAttribute('data-age')).toBe('fresh');
    // A chef sees the thresholds but no way to change them.
    expect(await chefPage.getByRole('button', { name: 'Ticket colours' }).count()).toBe(0);
    expect(await chefPage.locator('form#ticket-ages').count()).toBe(0);

    await page.getByText('Amber after 5 min, red after 8 min', { exact: true }).waitFor(WAIT);
    const open = page.getByRole('button', { name: 'Ticket colours' });
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    const form = page.getByRole('form', { name: 'Ticket colours' });
    await form.waitFor(WAIT);
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const amber = form.getByLabel('Amber after (minutes)');
    const red = form.getByLabel('Red after (minutes)');
    expect(await amber.inputValue()).toBe('5');
    expect(await red.inputValue()).toBe('8');
    expect(await amber.evaluate((el) => el === document.activeElement)).toBe(true);

    // Typed from the keyboard: 1 and 2 are bump-bar keys (items 1 and 2), Backspace recall, Enter bump; here they are the field's.
    await page.keyboard.press('Backspace');
    await page.keyboard.type('12');
    expect(await amber.inputValue()).toBe('12');
    await page.keyboard.press('Enter');
    const amberError = form.locator('[data-error-for="amberMinutes"]');
    await amberError.waitFor(WAIT);
    expect(await amberError.textContent()).toBe('Must be less than red (8\u00a0min).');
    expect(await amber.getAttribute('aria-invalid')).toBe('true');
    expect(await amber.getAttribute('aria-describedby')).toBe(await amberError.getAttribute('id'));
    expect(await form.locator('[data-error-for="redMinutes"]').count()).toBe(0);
    expect(await amber.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Amber after 5 min, red after 8 min', { exact: true }).waitFor(WAIT);

    // Red below amber: the server names red this time.
    await amber.fill('5');
    await red.fill('4');
    await red.press('Enter');
    await form.locator('[data-error-for="redMinutes"]').getByText('Must be more than amber (5\u00a0min).').waitFor(WAIT);
    expect(await amber.getAttribute('aria-invalid')).toBeNull();

    // Escape cancels, and the focus goes back to the button.
    await red.press('Escape');
    await form.waitFor({ state: 'detached', ...WAIT });
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Amber after 5 min, red after 8 min', { exact: true }).waitFor(WAIT);

    // Saved with the button: both screens recolour at once.
    await open.press('Enter');
    await amber.waitFor(WAIT);
    await amber.fill('2');
    await red.fill('4');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached', ...WAIT });
    await page.getByText('Amber after 2 min, red after 4 min', { exact: true }).waitFor(WAIT);
    await page.locator(`[data-order-id="${order.id}"][data-age="amber"]`).waitFor(WAIT);
    await chefPage.getByText('Amber after 2 min, red after 4 min', { exact: true }).waitFor(WAIT);
    await chefPage.locator(`[data-order-id="${order.id}"][data-age="amber"]`).waitFor(WAIT);

    // And with Enter: only red changes.
    await open.click();
    await red.fill('3');
    await red.press('Enter');
    await form.waitFor({ state: 'detached', ...WAIT });
    await chefPage.locator(`[data-order-id="${order.id}"][data-age="red"]`).waitFor(WAIT);
    const stored = await rows<{ a: number; r: number }>(
      suite.db,
      'SELECT ticket_amber_minutes AS a, ticket_red_minutes AS r FROM restaurants WHERE id = $id',
      { id: k.r.id },
    );
    expect(stored).toEqual([{ a: 2, r: 3 }]);

    // None of the keys typed in the form moved the ticket, on screen or in the database.
    expect(await page.locator(`[data-order-id="${order.id}"]`).getAttribute('data-status')).toBe('placed');
    expect(
      await page
        .locator(`[data-order-id="${order.id}"] [data-item-id]`)
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status)),
    ).toEqual(['queued', 'queued']);
    const items = await rows<{ status: string }>(suite.db, 'SELECT status FROM order_items WHERE order_id = $id', { id: order.id });
    expect(items.map((i) => i.status)).toEqual(['queued', 'queued']);
    expect(await page.locator('.recall [data-order-id]').count()).toBe(0);
  });

  it('reorders every open kitchen screen when a ticket is rushed', async () => {
    const k = await kitchen();
    const wok = station(k, 'Wok');
    const device = await makeDevice(suite.db, k.r.id, 'kitchen', wok.id);
    const orders: Order[] = [];
    for (let i = 0; i < 3; i++) orders.push(await place(k, [wok.dishes[i]!]));
    const [chefPage, wokScreen] = await Promise.all([openKitchen(k), openKitchen(k, { device: { ...device, stationId: wok.id } })]);
    // The paired station screen shows its own station, and offers no other.
    await wokScreen.getByRole('heading', { level: 1, name: 'Kitchen · Wok' }).waitFor(WAIT);
    expect(await wokScreen.getByRole('navigation', { name: 'Stations' }).count()).toBe(0);
    const [a, b, c] = orders.map((o) => o.id) as [string, string, string];
    await railBecomes(chefPage, [a, b, c]);
    await railBecomes(wokScreen, [a, b, c]);

    await chefPage.getByRole('button', { name: `Rush ticket #${orders[2]!.number}` }).click();
    await railBecomes(chefPage, [c, a, b]);
    await railBecomes(wokScreen, [c, a, b]);
    expect(await wokScreen.locator(`[data-order-id="${c}"]`).getAttribute('data-rushed')).toBe('true');
    expect(await wokScreen.getByRole('button', { name: `Rush ticket #${orders[2]!.number}` }).getAttribute('aria-pressed')).toBe('true');

    // The station screen rushes too (a device of the restaurant), and takes a rush back.
    await wokScreen.getByRole('button', { name: `Rush ticket #${orders[1]!.number}` }).click();
    await railBecomes(chefPage, [b, c, a]);
    await wokScreen.getByRole('button', { name: `Rush ticket #${orders[2]!.number}` }).click();
    await railBecomes(chefPage, [b, a, c]);
    await railBecomes(wokScreen, [b, a, c]);
  });

  it('goes back to pairing, saying why, when a manager revokes its device', async () => {
    const k = await kitchen();
    const wok = station(k, 'Wok');
    const device = await makeDevice(suite.db, k.r.id, 'kitchen', wok.id);
    const manager = await makeUser(suite.db, 'manager', [k.r.id]);
    const page = await openKitchen(k, { device: { ...device, stationId: wok.id } });
    expect((await client(suite.node.url, manager.token).post(`/api/v1/devices/${device.id}/revoke`)).status).toBe(200);
    await page.getByText('This screen was unpaired by a manager. Enter a new pairing code.').waitFor(WAIT);
    expect(await page.evaluate(() => location.pathname)).toBe('/dashboard/pair');
    expect(await page.evaluate(() => localStorage.getItem('dinewire.staff.device'))).toBeNull();
  });

  it('shows exactly what the database holds after losing its connection while orders were placed, bumped and rushed', async () => {
    const k = await kitchen();
    const wok = station(k, 'Wok');
    const roast = station(k, 'Roast');
    const first = await place(k, [wok.dishes[0]!, roast.dishes[0]!]);
    const second = await place(k, [wok.dishes[1]!]);
    const third = await place(k, [roast.dishes[1]!]);
    const page = await openKitchen(k);
    await railBecomes(page, [first.id, second.id, third.id]);

    await page.context().setOffline(true);
    await page.locator('[data-connection="reconnecting"], [data-connection="offline"]').first().waitFor(WAIT);

    // While it is away: one order finished at the pass, one rushed, two new, one started.
    let f = (await api(k).post(`/api/v1/kitchen/orders/${first.id}/bump`, { seen: seenOf(first) })).body.order as Order;
    f = (await api(k).post(`/api/v1/kitchen/orders/${first.id}/bump`, { seen: seenOf(f) })).body.order as Order;
    expect(f.status).toBe('ready');
    expect((await api(k).post(`/api/v1/orders/${third.id}/rush`, { rushed: true })).status).toBe(200);
    const fourth = await place(k, [wok.dishes[2]!]);
    const fifth = await place(k, [roast.dishes[0]!, wok.dishes[0]!]);
    expect((await api(k).post(`/api/v1/kitchen/items/${fifth.items[0]!.id}/bump`)).status).toBe(200);
    // Nothing of this reached the page.
    expect(await railIds(page)).toEqual([first.id, second.id, third.id]);

    await page.context().setOffline(false);
    await page.locator('[data-connection="live"]').waitFor({ timeout: 15000 });

    // What the database holds: orders with something still to cook, rushed first, then oldest first.
    const list = (await api(k).get(`/api/v1/restaurants/${k.r.id}/orders?status=placed,preparing,ready`)).body.orders as Order[];
    const expected = list
      .filter((o) => o.items.some((i) => i.status === 'queued' || i.status === 'cooking'))
      .sort((x, y) => Number(Boolean(y.rushedAt)) - Number(Boolean(x.rushedAt)) || Date.parse(x.placedAt) - Date.parse(y.placedAt))
      .map((o) => o.id);
    expect(expected).toEqual([third.id, second.id, fourth.id, fifth.id]);
    await railBecomes(page, expected);
    for (const o of list.filter((x) => expected.includes(x.id))) {
      const ticket = page.locator(`[data-order-id="${o.id}"]`);
      expect(await ticket.getAttribute('data-status')).toBe(o.status);
      for (const item of o.items) expect(await ticket.locator(`[data-item-id="${item.id}"]`).getAttribute('data-status')).toBe(item.status);
    }
    // No duplicate anywhere, and the finished order is on the recall list instead.
    expect(new Set(await railIds(page)).size).toBe(expected.length);
    await page.locator(`[data-recall-order-id="${first.id}"]`).waitFor(WAIT);
  });

  it('bumps, recalls and rushes with the keyboard alone', async () => {
    const k = await kitchen();
    const wok = station(k, 'Wok');
    const first = await place(k, [wok.dishes[0]!]);
    const second = await place(k, [wok.dishes[1]!, wok.dishes[2]!]);
    const page = await openKitchen(k, { stationId: wok.id });
    await railBecomes(page, [first.id, second.id]);
    const legend = page.getByRole('contentinfo', { name: 'Keys' }).or(page.locator('footer.legend'));
    await legend.getByText('recall last').waitFor(WAIT);

    const focusedOrder = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.orderId ?? null);
    const statuses = (id: string) =>
      page.locator(`[data-order-id="${id}"] [data-item-id]`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
    const dbStatuses = async (id: string) => ((await api(k).get(`/api/v1/orders/${id}`)).body.order as Order).items.map((i) => i.status);

    await page.keyboard.press('j');
    expect(await focusedOrder()).toBe(second.id);
    expect(await page.locator(`[data-order-id="${second.id}"]`).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('Enter');
    await page.locator(`[data-order-id="${second.id}"] [data-item-id][data-status="cooking"]`).nth(1).waitFor(WAIT);
    expect(await dbStatuses(second.id)).toEqual(['cooking', 'cooking']);
    await page.keyboard.press('2'); // the selected ticket's second item, on its own
    await page.locator(`[data-order-id="${second.id}"] [data-item-id][data-status="ready"]`).waitFor(WAIT);
    expect(await dbStatuses(second.id)).toEqual(['cooking', 'ready']);
    await page.keyboard.press(' ');
    await railBecomes(page, [first.id]);
    expect(await dbStatuses(second.id)).toEqual(['ready', 'ready']);
    await page.locator(`[data-recall-order-id="${second.id}"]`).waitFor(WAIT);
    // The selection moved on to what is left.
    expect(await focusedOrder()).toBe(first.id);

    await page.keyboard.press('r');
    await railBecomes(page, [first.id, second.id]);
    expect(await dbStatuses(second.id)).toEqual(['cooking', 'cooking']);
    expect(await statuses(second.id)).toEqual(['cooking', 'cooking']);
    expect(await focusedOrder()).toBe(second.id);

    await page.keyboard.press('u');
    await railBecomes(page, [second.id, first.id]);
    expect(((await api(k).get(`/api/v1/orders/${second.id}`)).body.order as Order).rushedAt).not.toBeNull();
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowDown');
    expect(await focusedOrder()).toBe(first.id);

    // Tab reaches every control: from the selected ticket into its item, bump and rush buttons.
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(name).toMatch(/bump to Cooking$/);
  });

  // Screenshots for a person to look at, not a check: skipped unless asked for.
  (SHOTS_DIR ? it : it.skip)('takes its screenshots (with KITCHEN_SHOTS_DIR)', async () => {
    const dir = SHOTS_DIR!;
    fs.mkdirSync(dir, { recursive: true });
    const k = await kitchen();
    await busyService(k);
    const wok = station(k, 'Wok');
    for (const [size, viewport] of [
      ['1280x800', TABLET],
      ['1920x1080', MONITOR],
    ] as const) {
      for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
        for (const [where, stationId] of [
          ['all', undefined],
          ['wok', wok.id],
        ] as const) {
          const page = await openKitchen(k, { stationId, context: { viewport, locale } });
          await page.evaluate((l) => localStorage.setItem('dinewire.staff.locale', l), locale);
          await page.reload();
          await page.locator('.kitchen[data-rail-status="ready"]').waitFor(WAIT);
          await page.waitForFunction((l) => document.documentElement.lang === l, locale);
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(dir, `kitchen-${where}-${locale}-${size}.png`) });
          await page.context().close();
        }
      }
    }
  });

  // Screenshots for a person to look at, not a check: skipped unless asked for.
  (SHOTS_DIR ? it : it.skip)('takes the ticket colours form’s screenshots (with KITCHEN_SHOTS_DIR)', async () => {
    const dir = SHOTS_DIR!;
    fs.mkdirSync(dir, { recursive: true });
    const k = await kitchen();
    await busyService(k);
    for (const [size, viewport] of [
      ['1280x800', TABLET],
      ['1920x1080', MONITOR],
    ] as const) {
      for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
        await ticketColoursShot(k, path.join(dir, `ticket-colours-${locale}-${size}.png`), viewport, locale, false);
        await ticketColoursShot(k, path.join(dir, `ticket-colours-error-${locale}-${size}.png`), viewport, locale, true);
      }
    }
  });
});

/** The ticket colours form open over a busy service, as a manager sees it; `error` after an amber at or above red. */
async function ticketColoursShot(k: Kitchen, file: string, viewport: { width: number; height: number }, locale: string, error: boolean) {
  const manager = await makeUser(suite.db, 'manager', [k.r.id]);
  const page = await openKitchen(k, {
    user: { id: manager.id, token: manager.token, role: 'manager', name: 'Ms Lau' },
    context: { viewport, locale },
  });
  await page.evaluate((l) => localStorage.setItem('dinewire.staff.locale', l), locale);
  await page.reload();
  await page.locator('.kitchen[data-rail-status="ready"]').waitFor(WAIT);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
  await page.locator('[aria-controls], .ages-button').first().click();
  const form = page.locator('form#ticket-ages');
  await form.waitFor(WAIT);
  if (error) {
    await form.locator('input').first().fill('9');
    await form.locator('input').first().press('Enter');
    await form.locator('[data-error-for="amberMinutes"]').waitFor(WAIT);
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  await page.context().close();
}

/** About twelve tickets of a dinner service: varied ages (some amber, some red), a note, options, a rushed one, some started. */
async function busyService(k: Kitchen): Promise<void> {
  const wok = station(k, 'Wok').dishes;
  const dimSum = station(k, 'Dim Sum').dishes;
  const roast = station(k, 'Roast').dishes;
  const tables = await rows<{ id: string }>(suite.db, 'SELECT id FROM dining_tables WHERE restaurant_id = $id ORDER BY label', {
    id: k.r.id,
  });
  const plan: { dishes: ShowcaseDish[]; minutes: number; table?: number; note?: string; channel?: string }[] = [
    { dishes: [wok[0]!, dimSum[0]!, roast[0]!], minutes: 11, table: 2 },
    { dishes: [dimSum[1]!, dimSum[2]!], minutes: 9.5, channel: 'kiosk' },
    { dishes: [wok[1]!], minutes: 8.5, table: 5, note: 'Allergic to peanuts: no peanut oil' },
    { dishes: [roast[1]!, wok[2]!], minutes: 6.5, table: 7 },
    { dishes: [dimSum[0]!, dimSum[3]!], minutes: 5.5 },
    { dishes: [wok[3]!, roast[0]!], minutes: 4, table: 1, note: 'Less salt, sauce on the side' },
    { dishes: [wok[0]!, wok[4]!], minutes: 3, channel: 'kiosk' },
    { dishes: [dimSum[4]!], minutes: 2.5, table: 9 },
    { dishes: [roast[2]!, dimSum[1]!], minutes: 2 },
    { dishes: [wok[2]!], minutes: 1.2, table: 3 },
    { dishes: [wok[1]!, roast[1]!, dimSum[2]!], minutes: 0.6, table: 11 },
    { dishes: [dimSum[3]!], minutes: 0.2, channel: 'kiosk' },
  ];
  const placed: Order[] = [];
  for (const p of plan) {
    const body = showcaseOrder(k.r, p.dishes, {
      channel: p.channel ?? (p.table ? 'staff' : 'web'),
      ...(p.table ? { tableId: tables[p.table]!.id } : {}),
    });
    if (p.note) body.items[0] = { ...body.items[0]!, note: p.note } as (typeof body.items)[number];
    if (p.dishes.length > 1) body.items[1] = { ...body.items[1]!, quantity: 2 };
    const res = await api(k).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() });
    expect(res.status).toBe(201);
    placed.push(res.body.order);
    await suite.db.query(`UPDATE orders SET placed_at = now() - make_interval(secs => $secs) WHERE id = $id`, {
      bind: { secs: Math.round(p.minutes * 60), id: res.body.order.id },
    });
  }
  // Some started, one whole ticket done at the wok, one rushed.
  await api(k).post(`/api/v1/kitchen/items/${placed[0]!.items[0]!.id}/bump`);
  await api(k).post(`/api/v1/kitchen/items/${placed[0]!.items[1]!.id}/bump`);
  await api(k).post(`/api/v1/kitchen/orders/${placed[3]!.id}/bump`, { seen: seenOf(placed[3]!) });
  const done = (await api(k).post(`/api/v1/kitchen/orders/${placed[6]!.id}/bump`, { seen: seenOf(placed[6]!) })).body.order as Order;
  await api(k).post(`/api/v1/kitchen/orders/${placed[6]!.id}/bump`, { seen: seenOf(done) });
  await api(k).post(`/api/v1/orders/${placed[9]!.id}/rush`, { rushed: true });
}
