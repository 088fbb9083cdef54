/**
 * Expo and the pickup board in real Chromium against a real node: orders placed and bumped
 * through the API reach expo's "ready" column with their stations' progress, expo's hand-off
 * completes them, and a pickup board paired through its pair screen shows each number as
 * preparing, then ready, then clears it, while never receiving a guest's name, room or note
 * over HTTP or the socket. Every test builds its own restaurant and uses its own contexts.
 */
import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  makeShowcaseRestaurant,
  screenshotPath,
  showcaseOrder,
  type ShowcaseDish,
  type ShowcaseRestaurant,
} from '../../server/src/test/appFixtures';
import { makeInHouseGuest, makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const TABLET = { width: 1280, height: 800 };
const MONITOR = { width: 1920, height: 1080 };

const suite = browserSuite('dashboard');

interface Placed {
  id: string;
  number: number;
  items: { id: string; stationId: string | null }[];
}

function dish(r: ShowcaseRestaurant, name: string): ShowcaseDish {
  const d = r.dishes.get(name);
  if (!d) throw new Error(`no dish ${name}`);
  return d;
}

async function place(r: ShowcaseRestaurant, dishes: ShowcaseDish[], extra: Record<string, unknown> = {}): Promise<Placed> {
  const res = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(r, dishes, extra), { 'idempotency-key': idempotencyKey() });
  expect(res.status).toBe(201);
  return res.body.order;
}

async function bump(token: string, itemId: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++)
    expect((await client(suite.node.url, token).post(`/api/v1/kitchen/items/${itemId}/bump`)).status).toBe(200);
}

async function signIn(page: Page, email: string, password: string, path: string): Promise<void> {
  await page.goto(`${suite.node.url}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A manager's new device and its pairing code, through the API. */
async function newDevice(managerToken: string, restaurantId: string, kind: 'board' | 'kitchen', extra: Record<string, unknown> = {}) {
  const res = await client(suite.node.url, managerToken).post('/api/v1/devices', { restaurantId, kind, ...extra });
  expect(res.status).toBe(201);
  return res.body as { device: { id: string; name: string }; pairingCode: string };
}

/** Types the code into the pair screen and presses Enter. */
async function pairThroughScreen(page: Page, code: string): Promise<void> {
  await page.goto(`${suite.node.url}/dashboard/pair`);
  const field = page.getByLabel('Pairing code');
  await field.fill(code);
  await field.press('Enter');
}

async function pathOf(page: Page): Promise<string> {
  return page.evaluate(() => location.pathname + location.search);
}

const expoCard = (page: Page, status: 'placed' | 'preparing' | 'ready', orderId: string) =>
  page.locator(`section.column[data-status="${status}"] [data-order-id="${orderId}"]`);
const boardNumber = (page: Page, section: 'preparing' | 'ready', number: number) =>
  page.locator(`[data-section="${section}"] [data-order-number="${number}"]`);

describe('expo and the pickup board', () => {
  it('shows an order ready on expo and the board once every item is bumped; expo hands it off and the board clears it', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const chef = await makeUser(suite.db, 'kitchen', [r.id]);
    const expo = await suite.newPage({ viewport: MONITOR, locale: 'en-GB' });
    await signIn(expo, manager.email, manager.password, `/dashboard/r/${r.slug}/expo`);
    await expo.getByRole('heading', { level: 1, name: `Expo · ${r.names.en}` }).waitFor(WAIT);
    await expo.locator('[data-connection="live"]').waitFor(WAIT);

    const { pairingCode } = await newDevice(manager.token, r.id, 'board', { name: 'Pass board' });
    const board = await suite.newPage({ viewport: MONITOR, locale: 'en-GB' });
    await pairThroughScreen(board, pairingCode);
    await board.waitForURL(`**/dashboard/r/${r.slug}/board`, WAIT);
    await board.locator('[data-connection="live"]').waitFor(WAIT);

    // Two stations' dishes: the wok's fried rice and the dim sum kitchen's dumplings.
    const order = await place(r, [dish(r, 'Har Gow Shrimp Dumplings'), dish(r, 'Yangzhou Fried Rice'), dish(r, 'Barbecued Pork Buns')]);
    const stations = [...new Set(order.items.map((i) => i.stationId))];
    expect(stations.length).toBeGreaterThan(1);
    await expoCard(expo, 'placed', order.id).waitFor(WAIT);
    await boardNumber(board, 'preparing', order.number).waitFor(WAIT);
    const handOff = expo.getByRole('button', { name: `Order ${order.number} picked up` });
    expect(await handOff.count()).toBe(0);

    // One line ready: its station's chip counts it, the card stays in the kitchen column.
    await bump(chef.token, order.items[0]!.id, 2);
    const card = expoCard(expo, 'preparing', order.id);
    await card.locator(`[data-item-id="${order.items[0]!.id}"][data-status="ready"]`).waitFor(WAIT);
    const chip = card.locator(`.station[data-station-id="${order.items[0]!.stationId}"]`);
    const total = order.items.filter((i) => i.stationId === order.items[0]!.stationId).length;
    expect(await chip.getAttribute('data-done')).toBe('1');
    expect(await chip.getAttribute('data-total')).toBe(String(total));
    expect(await card.getByRole('button').isDisabled()).toBe(true);

    for (const item of order.items.slice(1)) await bump(chef.token, item.id, 2);
    const ready = expoCard(expo, 'ready', order.id);
    await ready.waitFor(WAIT);
    for (const s of stations) {
      const c = ready.locator(`.station[data-station-id="${s}"]`);
      expect(await c.getAttribute('data-done')).toBe(await c.getAttribute('data-total'));
    }
    await boardNumber(board, 'ready', order.number).waitFor(WAIT);
    expect(await boardNumber(board, 'preparing', order.number).count()).toBe(0);
    await expo.screenshot({ path: screenshotPath('expo-ready-en') });

    await handOff.click();
    await ready.waitFor({ state: 'detached', ...WAIT });
    await boardNumber(board, 'ready', order.number).waitFor({ state: 'detached', ...WAIT });
    const after = await client(suite.node.url, manager.token).get(`/api/v1/orders/${order.id}`);
    expect(after.body.order.status).toBe('completed');
    expect(after.body.order.items.map((i: { status: string }) => i.status)).toEqual(['served', 'served', 'served']);
    expect(await expo.locator(`[data-order-id="${order.id}"]`).count()).toBe(0);
  });

  it('keeps a refused hand-off on the card: an item recalled while the hand-off was on its way', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const host = await makeUser(suite.db, 'host', [r.id]);
    const chef = await makeUser(suite.db, 'kitchen', [r.id]);
    // Ordered from the table's QR code: handed off as served.
    const order = await place(r, [dish(r, 'Roast Goose')], { tableId: r.tableId });
    await bump(chef.token, order.items[0]!.id, 2);
    const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });
    await signIn(page, host.email, host.password, `/dashboard/r/${r.slug}/expo`);
    const served = page.getByRole('button', { name: `Order ${order.number} served` });
    await served.waitFor(WAIT);

    // The cook recalls the goose while the hand-off is on its way; the page hears of it first.
    await page.route('**/handoff', async (route) => {
      expect((await client(suite.node.url, chef.token).post(`/api/v1/kitchen/items/${order.items[0]!.id}/recall`)).status).toBe(200);
      await expoCard(page, 'preparing', order.id).waitFor(WAIT);
      await route.continue();
    });
    await served.click();
    const card = expoCard(page, 'preparing', order.id);
    await card.getByRole('alert').filter({ hasText: 'Not handed off: it changed on another screen.' }).waitFor(WAIT);
    expect(await card.getByRole('button').isDisabled()).toBe(true);
    expect(await card.getByRole('button').textContent()).toContain('1 item to go');
    const now = await client(suite.node.url, chef.token).get(`/api/v1/orders/${order.id}`);
    expect(now.body.order.status).toBe('preparing');
  });
});

describe('a paired pickup board', () => {
  it('pairs with Enter, stays paired across a reload, never receives a guest’s name, room or note, and drops to pairing when revoked', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const chef = await makeUser(suite.db, 'kitchen', [r.id]);
    const tag = crypto.randomBytes(3).toString('hex');
    const secrets = {
      walkIn: `Persephone Quillfeather ${tag}`,
      roomGuest: `Augustin Merriweather ${tag}`,
      note: `no sesame, allergic ${tag}`,
      roomNote: `ring twice, Merriweather ${tag}`,
      room: String(crypto.randomInt(10_000_000, 99_999_999)),
    };
    await makeInHouseGuest(suite.db, secrets.room, secrets.roomGuest, '4821');

    const board = await suite.newPage({ viewport: MONITOR, locale: 'en-GB' });
    const bodies: Promise<string>[] = [];
    const frames: string[] = [];
    board.on('response', (res) => bodies.push(res.text().catch(() => '')));
    board.on('websocket', (ws) =>
      ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString())),
    );

    const { pairingCode } = await newDevice(manager.token, r.id, 'board', { name: 'Lobby board' });
    await pairThroughScreen(board, pairingCode.toLowerCase());
    await board.waitForURL(`**/dashboard/r/${r.slug}/board`, WAIT);
    await board.locator('[data-connection="live"]').waitFor(WAIT);
    await board.getByText('Paired screen: Lobby board').waitFor(WAIT);

    const walkIn = await place(r, [dish(r, 'Har Gow Shrimp Dumplings')], { guestName: secrets.walkIn });
    const withNote = showcaseOrder(r, [dish(r, 'Roast Goose')], {
      channel: 'room',
      paymentMethod: 'room',
      roomNumber: secrets.room,
      guestName: secrets.roomGuest,
      roomPin: '4821',
    });
    withNote.items = withNote.items.map((i) => ({ ...i, note: secrets.roomNote }));
    const roomRes = await client(suite.node.url).post('/api/v1/orders', withNote, { 'idempotency-key': idempotencyKey() });
    expect(roomRes.status).toBe(201);
    const room: Placed = roomRes.body.order;
    const noted = showcaseOrder(r, [dish(r, 'Barbecued Pork Buns')], { guestName: secrets.walkIn });
    noted.items = noted.items.map((i) => ({ ...i, note: secrets.note }));
    const third = (await client(suite.node.url).post('/api/v1/orders', noted, { 'idempotency-key': idempotencyKey() })).body
      .order as Placed;

    for (const o of [walkIn, room, third]) await boardNumber(board, 'preparing', o.number).waitFor(WAIT);
    for (const o of [walkIn, room]) for (const item of o.items) await bump(chef.token, item.id, 2);
    await boardNumber(board, 'ready', walkIn.number).waitFor(WAIT);
    await boardNumber(board, 'ready', room.number).waitFor(WAIT);

    // Still paired after a reload: the same numbers, loaded afresh over HTTP.
    await board.reload();
    await boardNumber(board, 'ready', room.number).waitFor(WAIT);
    await boardNumber(board, 'preparing', third.number).waitFor(WAIT);
    expect(await pathOf(board)).toBe(`/dashboard/r/${r.slug}/board`);
    await board.locator('[data-connection="live"]').waitFor(WAIT);
    expect((await client(suite.node.url, chef.token).post(`/api/v1/orders/${room.id}/handoff`)).status).toBe(200);
    await boardNumber(board, 'ready', room.number).waitFor({ state: 'detached', ...WAIT });

    const texts = [...(await Promise.all(bodies)), ...frames];
    const heard = texts.join('\n');
    // It did hear the orders: their ids went by, over HTTP and the socket.
    expect(frames.join('\n')).toContain(room.id);
    expect(heard).toContain(third.id);
    for (const [what, secret] of Object.entries(secrets)) {
      expect({ what, found: heard.includes(secret) }).toEqual({ what, found: false });
    }
    expect(heard).not.toContain(tag);

    // A manager revokes it: the screen goes back to pairing, and says why.
    const revoked = await client(suite.node.url, manager.token).get(`/api/v1/restaurants/${r.id}/devices`);
    const id = revoked.body.devices.find((d: { name: string }) => d.name === 'Lobby board').id;
    expect((await client(suite.node.url, manager.token).post(`/api/v1/devices/${id}/revoke`)).status).toBe(200);
    await board.waitForURL('**/dashboard/pair', WAIT);
    await board.getByRole('alert').filter({ hasText: 'This screen was unpaired by a manager.' }).waitFor(WAIT);
    await board.reload();
    await board.getByLabel('Pairing code').waitFor(WAIT);
    expect(await pathOf(board)).toBe('/dashboard/pair');
  });

  it('sends a station’s kitchen screen to its station, and refuses a wrong code and a kiosk’s code with a message', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const stations = (await client(suite.node.url).get(`/api/v1/restaurants/${r.id}`)).body.restaurant.stations as { id: string }[];
    const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });

    await pairThroughScreen(page, 'WRONG234');
    await page.getByRole('alert').filter({ hasText: 'That pairing code is not valid.' }).waitFor(WAIT);
    expect(await pathOf(page)).toBe('/dashboard/pair');

    const kiosk = await client(suite.node.url, manager.token).post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk' });
    const field = page.getByLabel('Pairing code');
    await field.fill(kiosk.body.pairingCode);
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'That code is for a kiosk.' }).waitFor(WAIT);

    const kitchen = await newDevice(manager.token, r.id, 'kitchen', { stationId: stations[1]!.id });
    // Typed as it is shown, in two groups.
    await field.fill(`${kitchen.pairingCode.slice(0, 4)} ${kitchen.pairingCode.slice(4)}`);
    await field.press('Enter');
    await page.waitForURL(`**/dashboard/r/${r.slug}/kitchen?station=${stations[1]!.id}`, WAIT);
    // The kiosk's code was left unused: the kiosk can still pair with it.
    const kioskPair = await client(suite.node.url).post('/api/v1/devices/pair', { pairingCode: kiosk.body.pairingCode, kinds: ['kiosk'] });
    expect(kioskPair.status).toBe(200);
  });
});
