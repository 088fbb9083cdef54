// Screenshots for review (not committed): expo, board, pair and devices at two sizes in three languages.
import crypto from 'node:crypto';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { makeShowcaseRestaurant, showcaseOrder, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeDevice, makeInHouseGuest, makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const suite = browserSuite('dashboard');
const OUT = '/work/shots/expo';
const SIZES = { tablet: { width: 1280, height: 800 }, monitor: { width: 1920, height: 1080 } };
const LOCALES = ['en', 'zh-Hant', 'zh-Hans'] as const;

async function order(r: ShowcaseRestaurant, names: string[], extra: Record<string, unknown> = {}, note?: string) {
  const body = showcaseOrder(r, names.map((n) => r.dishes.get(n)!), extra);
  if (note) body.items = body.items.map((i, k) => (k === 0 ? { ...i, note } : i));
  const res = await client(suite.node.url).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.order as { id: string; number: number; items: { id: string }[] };
}

async function setUp() {
  const r = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 20 });
  const manager = await makeUser(suite.db, 'manager', [r.id]);
  const chef = await makeUser(suite.db, 'kitchen', [r.id]);
  const bump = async (id: string, n: number) => {
    for (let i = 0; i < n; i++) await client(suite.node.url, chef.token).post(`/api/v1/kitchen/items/${id}/bump`);
  };
  const room = String(crypto.randomInt(10_000_000, 99_999_999));
  await makeInHouseGuest(suite.db, room, 'Emily Carter', '2649');
  const o: Awaited<ReturnType<typeof order>>[] = [];
  o.push(await order(r, ['Har Gow Shrimp Dumplings', 'Yangzhou Fried Rice', 'Roast Goose'], { guestName: 'Mr Wong' }));
  o.push(await order(r, ['Kung Pao Chicken', 'Seasonal Greens with Garlic'], { tableId: r.tableId }, 'no peanuts'));
  o.push(await order(r, ['Barbecued Pork Buns', 'Golden Custard Buns']));
  o.push(await order(r, ['Shrimp Wonton Noodle Soup'], { channel: 'room', paymentMethod: 'room', roomNumber: room, guestName: 'Emily Carter', roomPin: '2649' }));
  o.push(await order(r, ['Crispy Roast Pork Belly', 'Dry-Fried Beef Ho Fun', 'Chilled Mango Sago with Pomelo']));
  o.push(await order(r, ['Siu Mai with Crab Roe', 'Shrimp Rice Noodle Rolls'], { guestName: 'Ms Lee' }));
  o.push(await order(r, ['Honey-Glazed Barbecued Pork']));
  o.push(await order(r, ['Hot and Sour Soup', 'Yangzhou Fried Rice']));
  o.push(await order(r, ['Jade Vegetable Dumplings']));
  // States: 0 partly ready, 1 cooking, 2 and 6 ready, 3 ready, 4 placed, 5 cooking, 7 ready, 8 placed.
  await bump(o[0]!.items[0]!.id, 2);
  await bump(o[0]!.items[1]!.id, 1);
  await bump(o[1]!.items[0]!.id, 1);
  for (const k of [2, 3, 6, 7]) for (const it of o[k]!.items) await bump(it.id, 2);
  await bump(o[5]!.items[0]!.id, 2);
  await bump(o[5]!.items[1]!.id, 1);
  // Devices: a few kinds and states.
  const api = client(suite.node.url, manager.token);
  const stations = (await client(suite.node.url).get(`/api/v1/restaurants/${r.id}`)).body.restaurant.stations as { id: string }[];
  const mk = async (b: Record<string, unknown>) => (await api.post('/api/v1/devices', { restaurantId: r.id, ...b })).body;
  const wok = await mk({ kind: 'kitchen', stationId: stations[0]!.id, name: 'Wok line' });
  await client(suite.node.url).post('/api/v1/devices/pair', { pairingCode: wok.pairingCode });
  const ds = await mk({ kind: 'kitchen', stationId: stations[1]!.id, name: 'Dim sum steamers' });
  await client(suite.node.url).post('/api/v1/devices/pair', { pairingCode: ds.pairingCode });
  await mk({ kind: 'kitchen', name: 'Expo pass' });
  const kiosk = await mk({ kind: 'kiosk', name: 'Lobby kiosk' });
  await client(suite.node.url).post('/api/v1/devices/pair', { pairingCode: kiosk.pairingCode });
  const old = await mk({ kind: 'board', name: 'Old board' });
  await api.post(`/api/v1/devices/${old.device.id}/revoke`);
  const board = await makeDevice(suite.db, r.id, 'board');
  await suite.db.query(`UPDATE devices SET name = 'Pickup board' WHERE id = $1`, { bind: [board.id] });
  return { r, manager, board };
}

async function pageAs(options: BrowserContextOptions, locale: string, storage: { session?: unknown; device?: unknown }): Promise<Page> {
  const page = await suite.newPage(options);
  await page.addInitScript(
    ([l, s, d]) => {
      localStorage.setItem('dinewire.staff.locale', l as string);
      if (s) sessionStorage.setItem('dinewire.staff.session', s as string);
      if (d) localStorage.setItem('dinewire.staff.device', d as string);
    },
    [locale, storage.session ? JSON.stringify(storage.session) : '', storage.device ? JSON.stringify(storage.device) : ''],
  );
  return page;
}

it('takes the screenshots', async () => {
  for (const locale of LOCALES) {
    const { r, manager, board } = await setUp();
    const session = { user: { id: manager.id, name: 'Grace Ho', role: 'manager', restaurantIds: [r.id] }, token: manager.token };
    const device = { device: { id: board.id, restaurantId: r.id, kind: 'board', stationId: null, name: 'Pickup board' }, token: board.token };
    for (const [size, viewport] of Object.entries(SIZES)) {
      const name = (s: string) => `${OUT}/${s}-${size}-${locale}.png`;
      const expo = await pageAs({ viewport }, locale, { session });
      await expo.goto(`${suite.node.url}/dashboard/r/${r.slug}/expo`);
      await expo.locator('[data-connection="live"]').waitFor();
      await expo.locator('section.column[data-status="ready"] [data-order-id]').first().waitFor();
      await expo.waitForTimeout(300);
      await expo.screenshot({ path: name('expo') });
      await expo.screenshot({ path: name('expo-full'), fullPage: true });

      const b = await pageAs({ viewport }, locale, { device });
      await b.goto(`${suite.node.url}/dashboard/r/${r.slug}/board`);
      await b.locator('[data-section="ready"] [data-order-id]').first().waitFor();
      await b.locator('[data-connection="live"]').waitFor();
      await b.waitForTimeout(4000); // past the arrival pulse
      await b.screenshot({ path: name('board') });
      const staffBoard = await pageAs({ viewport }, locale, { session });
      await staffBoard.goto(`${suite.node.url}/dashboard/r/${r.slug}/board`);
      await staffBoard.locator('[data-section="ready"] [data-order-id]').first().waitFor();
      await staffBoard.waitForTimeout(4000);
      await staffBoard.screenshot({ path: name('board-staff') });

      const p = await pageAs({ viewport }, locale, {});
      await p.goto(`${suite.node.url}/dashboard/pair`);
      await p.locator('#pair-code').fill('WRONG234');
      await p.locator('#pair-code').press('Enter');
      await p.getByRole('alert').waitFor();
      await p.screenshot({ path: name('pair') });

      const d = await pageAs({ viewport }, locale, { session });
      await d.goto(`${suite.node.url}/dashboard/r/${r.slug}/devices`);
      await d.locator('tr[data-device-id]').first().waitFor();
      await d.locator('input[type="radio"][value="board"]').check();
      await d.locator('#device-name').fill(locale === 'en' ? 'Terrace board' : '露台顯示屏');
      await d.locator('button.create').click();
      await d.locator('[data-code]').waitFor();
      await d.screenshot({ path: name('devices') });
      await d.screenshot({ path: name('devices-full'), fullPage: true });
      await d.locator('tr[data-kind="kiosk"] button.revoke').click();
      await d.screenshot({ path: name('devices-confirm'), fullPage: true });
      for (const pg of [expo, b, staffBoard, p, d]) await pg.context().close();
    }
  }
}, 300_000);
