/**
 * A guest orders at the kiosk, in real Chromium against a real node: dish detail, cart,
 * checkout (counter, card, room) and the confirmation following the kitchen live; a declined
 * card; a dish selling out while in the cart; a network cut during checkout. Each test has its
 * own restaurant and browser context. Screenshots of every step at phone and kiosk sizes in the
 * three languages go to GUEST_SHOTS_DIR when it is set (the runs are skipped otherwise).
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Locale } from '@dinewire/protocol';
import type { Page, Route } from 'playwright-core';
import { one } from '../../server/src/db/sql';
import { makeShowcaseRestaurant, showcaseOrder, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { DECLINED_CARD, TEST_CARD, makeInHouseGuest, makeUser } from '../../server/src/test/factories';
import { client, eventually, idempotencyKey } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 8000 };
const KIOSK = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };
const suite = browserSuite('kiosk');

async function open(r: ShowcaseRestaurant, lang: Locale = 'en', viewport = KIOSK): Promise<Page> {
  const page = await suite.newPage({ viewport, locale: 'en-GB' }, `/kiosk/r/${r.slug}?lang=${lang}`);
  await page.locator('[data-dish-id]').first().waitFor(WAIT);
  await page.locator('[data-connection="live"]').waitFor(WAIT);
  return page;
}

/** Opens a dish's card (switching to its menu section first); returns the taps it took on the card. */
async function openDish(page: Page, r: ShowcaseRestaurant, name: string): Promise<void> {
  const dish = r.dishes.get(name)!;
  const index = r.categories.findIndex((c) => c.id === dish.categoryId);
  await page.getByRole('tab').nth(index).click();
  await page.locator(`article[data-dish-id="${dish.id}"] button.open`).click();
  await page.locator(`dialog[data-detail-dish-id="${dish.id}"]`).waitFor(WAIT);
}

/** A screenshot in GUEST_SHOTS_DIR, when it is set. */
async function shotIf(page: Page, name: string): Promise<void> {
  const dir = process.env.GUEST_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

const ordersOf = async (restaurantId: string) =>
  (await one<{ n: number }>(suite.db, 'SELECT count(*)::int AS n FROM orders WHERE restaurant_id = $restaurantId', { restaurantId }))!.n;
const stockOf = async (ingredientId: string) =>
  Number(
    (await one<{ quantity: number }>(suite.db, 'SELECT quantity FROM ingredients WHERE id = $ingredientId', { ingredientId }))!.quantity,
  );

const STATUS_TEXT: Record<Locale, Record<'placed' | 'ready', string>> = {
  en: { placed: 'Order received', ready: 'Ready to collect' },
  'zh-Hant': { placed: '已收到訂單', ready: '可以取餐' },
  'zh-Hans': { placed: '已收到订单', ready: '可以取餐' },
};

describe('ordering at the kiosk', () => {
  it.each<Locale>(['en', 'zh-Hant', 'zh-Hans'])(
    'orders one dish to pay at the counter in %s, and sees it become ready live as the kitchen bumps it',
    async (lang) => {
      const r = await makeShowcaseRestaurant(suite.db);
      const page = await open(r, lang);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      let taps = 0;
      const tap = async (selector: string) => {
        await page.locator(selector).click();
        taps++;
      };
      const goose = r.dishes.get('Roast Goose')!;
      await page
        .getByRole('tab')
        .nth(r.categories.findIndex((c) => c.id === goose.categoryId))
        .click();
      await tap(`article[data-dish-id="${goose.id}"] button.open`);
      // The required portion is chosen already; the larger one costs more.
      const detail = page.locator(`dialog[data-detail-dish-id="${goose.id}"]`);
      await detail.locator('input[type=radio]:checked').waitFor(WAIT);
      await tap('dialog button[type=submit]');
      await tap('button.view-cart');
      // The server's totals for the cart (the preview), before paying.
      const previewTotal = Number(await page.locator('[data-preview-total-cents]').getAttribute('data-preview-total-cents', WAIT));
      await tap('button[data-method="counter"]');

      const ticket = page.locator('[data-order-id][data-status]');
      await ticket.waitFor(WAIT);
      expect(taps).toBe(4);
      expect(await ticket.getAttribute('data-status')).toBe('placed');
      await ticket.getByRole('status').filter({ hasText: STATUS_TEXT[lang].placed }).waitFor(WAIT);
      const orderId = (await ticket.getAttribute('data-order-id'))!;
      const number = (await ticket.getAttribute('data-order-number'))!;
      expect(await page.locator('.number').textContent()).toBe(number);
      const url = new URL(page.url());
      expect(url.pathname).toBe(`/kiosk/orders/${orderId}`);
      expect(url.searchParams.get('token')).toBeTruthy();
      expect(await ordersOf(r.id)).toBe(1);
      await page.locator('[data-connection="live"]').waitFor(WAIT);
      // The server's totals, not the estimate.
      const order = await one<{ total_cents: number }>(suite.db, 'SELECT total_cents FROM orders WHERE id = $orderId', { orderId });
      expect(Number(await page.locator('[data-total-cents]').getAttribute('data-total-cents'))).toBe(Number(order!.total_cents));
      expect(previewTotal).toBe(Number(order!.total_cents));

      const chef = await makeUser(suite.db, 'kitchen', [r.id]);
      const kitchen = client(suite.node.url, chef.token);
      const items = (await kitchen.get(`/api/v1/orders/${orderId}`)).body.order.items as { id: string }[];
      const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      for (const item of items) expect((await kitchen.post(`/api/v1/kitchen/items/${item.id}/bump`)).status).toBe(200);
      await page.locator('[data-order-id][data-status="preparing"]').waitFor(WAIT);
      for (const item of items) expect((await kitchen.post(`/api/v1/kitchen/items/${item.id}/bump`)).status).toBe(200);
      await page.locator('[data-order-id][data-status="ready"]').waitFor(WAIT);
      await ticket.getByRole('status').filter({ hasText: STATUS_TEXT[lang].ready }).waitFor(WAIT);
      // Live, not reloaded.
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(marker);
    },
  );

  it('takes a one-dish order at a paired kiosk from its attract screen in 6 taps, language chosen, in the kiosk channel', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const made = await client(suite.node.url, manager.token).post('/api/v1/devices', {
      restaurantId: r.id,
      kind: 'kiosk',
      name: 'Lobby kiosk',
    });
    expect(made.status).toBe(201);
    const page = await suite.newPage({ viewport: KIOSK, locale: 'en-GB' }, '/kiosk/pair');
    await page.getByLabel('Pairing code').fill(made.body.pairingCode);
    await page.getByLabel('Pairing code').press('Enter');
    await page.locator('[data-attract]').waitFor(WAIT);

    let taps = 0;
    const tap = async (locator: ReturnType<Page['locator']>) => {
      await locator.click();
      taps++;
    };
    await tap(page.locator('[data-attract]').getByRole('button', { name: '繁體中文' }));
    await tap(page.locator('[data-attract] button.start'));
    await page.locator('[data-attract]').waitFor({ state: 'detached', ...WAIT });
    const harGow = r.dishes.get('Har Gow Shrimp Dumplings')!;
    // The first section is open: its first dish needs no scrolling or tab.
    await tap(page.getByRole('button', { name: '加入筍尖鮮蝦餃' }));
    await tap(page.locator(`dialog[data-detail-dish-id="${harGow.id}"] button[type=submit]`));
    await tap(page.getByRole('button', { name: /查看訂單/ }));
    await tap(page.getByRole('button', { name: /到櫃檯付款/ }));
    const ticket = page.locator('[data-order-id][data-status="placed"]');
    await ticket.waitFor(WAIT);
    expect(taps).toBe(6);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
    await ticket.getByRole('status').filter({ hasText: '已收到訂單' }).waitFor(WAIT);
    const orderId = (await ticket.getAttribute('data-order-id'))!;
    const row = await one<{ channel: string; device_id: string | null }>(
      suite.db,
      'SELECT channel, device_id FROM orders WHERE id = $orderId',
      {
        orderId,
      },
    );
    expect(row).toMatchObject({ channel: 'kiosk', device_id: made.body.device.id });
  });

  it('empties the cart when an idle kiosk resets for the next guest', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const made = await client(suite.node.url, manager.token).post('/api/v1/devices', {
      restaurantId: r.id,
      kind: 'kiosk',
      name: 'Lobby kiosk',
    });
    const page = await suite.newPage({ viewport: KIOSK, locale: 'en-GB' });
    await page.context().addInitScript(() => Object.assign(window, { __dinewireKioskIdle: { idleMs: 1500, askMs: 500 } }));
    await page.goto(`${suite.node.url}/kiosk/pair`);
    await page.getByLabel('Pairing code').fill(made.body.pairingCode);
    await page.getByLabel('Pairing code').press('Enter');
    await page.locator('[data-attract] button.start').click();
    await page.getByRole('button', { name: 'Add Har Gow Shrimp Dumplings' }).click();
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.getByRole('button', { name: /View order · 1 item/ }).waitFor(WAIT);
    // Nobody answers the idle question: back to the attract screen, and the next guest's cart is empty.
    await page.locator('[data-attract]').waitFor(WAIT);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('dinewire.kiosk.cart.')))).toEqual([]);
    await page.locator('[data-attract] button.start').click();
    await page.getByRole('button', { name: 'Add Har Gow Shrimp Dumplings' }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: /View order/ }).count()).toBe(0);
  });

  it('shows a declined card kindly and places nothing, then takes a good card', async () => {
    const r = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 5 });
    const page = await open(r);
    await openDish(page, r, 'Roast Goose');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.getByRole('button', { name: /View order · 1 item/ }).click();
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByLabel('Card number').fill(DECLINED_CARD.number);
    await page.getByLabel('Expiry month (MM)').fill(String(DECLINED_CARD.expMonth));
    await page.getByLabel('Expiry year (YYYY)').fill(String(DECLINED_CARD.expYear));
    await page.getByLabel('Security code (CVC)').fill(DECLINED_CARD.cvc);
    await page.getByRole('button', { name: 'Pay and place order' }).click();
    await page.locator('[data-error-code="payment_declined"]').getByText('Your card was declined').waitFor(WAIT);
    await shotIf(page, '5-declined-kiosk-en');
    expect(await ordersOf(r.id)).toBe(0);
    expect(await stockOf(r.lowDish.ingredientId)).toBe(5);
    const moves = await one<{ n: number }>(suite.db, 'SELECT count(*)::int AS n FROM stock_movements WHERE ingredient_id = $id', {
      id: r.lowDish.ingredientId,
    });
    expect(moves!.n).toBe(0);
    // Another way of paying is not told that the card was declined.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: /Charge to my room/ }).click();
    await page.getByLabel('Room number').waitFor(WAIT);
    expect(await page.locator('[data-error-code]').count()).toBe(0);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: 'Pay by card' }).click();
    // The cart is still there, and another card goes through (a new checkout: a new key).
    await page.getByLabel('Card number').fill(TEST_CARD.number);
    await page.getByLabel('Expiry month (MM)').fill('12');
    await page.getByLabel('Expiry year (YYYY)').fill('2040');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByRole('button', { name: 'Pay and place order' }).click();
    await page.locator('[data-order-id][data-status="placed"]').waitFor(WAIT);
    expect(await page.locator('[data-payment-status]').getAttribute('data-payment-status')).toBe('paid');
    expect(await ordersOf(r.id)).toBe(1);
    expect(await stockOf(r.lowDish.ingredientId)).toBe(4);
  });

  it('charges a room with the room number, the guest’s surname and the stay’s PIN, naming the fields of a miss', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const room = String(3000 + Math.floor(Math.random() * 6000));
    await makeInHouseGuest(suite.db, room, 'Emily Carter', '2649');
    const page = await open(r);

    await openDish(page, r, 'Roast Goose');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.getByRole('button', { name: /View order/ }).click();
    await page.getByRole('button', { name: /Charge to my room/ }).click();
    await page.getByLabel('Room number').fill(room);
    await page.getByLabel('Surname on the room booking').fill('Carter');
    await page.getByLabel('Stay PIN').fill('1111');
    await page.getByRole('button', { name: 'Charge to room and place order' }).click();
    await page.getByRole('alert').getByText('We couldn’t match that room').waitFor(WAIT);
    expect(await page.getByLabel('Stay PIN').getAttribute('aria-invalid')).toBe('true');
    expect(await ordersOf(r.id)).toBe(0);
    await page.getByLabel('Stay PIN').fill('2649');
    await page.getByRole('button', { name: 'Charge to room and place order' }).click();
    await page.locator('[data-order-id][data-status]').waitFor(WAIT);
    expect(await ordersOf(r.id)).toBe(1);
  });

  it('points out a dish that sold out while in the cart, and will not send it', async () => {
    const r = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 1 });
    const page = await open(r);
    await openDish(page, r, 'Roast Goose');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await openDish(page, r, 'Crispy Roast Pork Belly');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.getByRole('button', { name: /View order · 2 items/ }).click();
    const gooseLine = page.locator(`li[data-line-dish-id="${r.lowDish.id}"]`);
    expect(await gooseLine.getAttribute('data-available')).toBe('true');

    // Another guest takes the last goose.
    const placed = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(r, [r.lowDish]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    await page.locator(`li[data-line-dish-id="${r.lowDish.id}"][data-available="false"]`).waitFor(WAIT);
    await gooseLine.getByText('Sold out since you added it').waitFor(WAIT);
    await page.getByRole('alert').getByText('Some dishes are no longer available').waitFor(WAIT);
    expect(await page.getByRole('button', { name: /Pay at the counter/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Pay by card' }).isDisabled()).toBe(true);
    await shotIf(page, '6-sold-out-in-cart-kiosk-en');

    await page.getByRole('button', { name: 'Remove Roast Goose' }).click();
    await page.getByRole('button', { name: /Pay at the counter/ }).click();
    await page.locator('[data-order-id][data-status="placed"]').waitFor(WAIT);
    expect(await ordersOf(r.id)).toBe(2);
  });

  it('is usable by keyboard: a dish opens with Enter, options and quantity by keys, Escape closes', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const page = await open(r);
    const goose = r.dishes.get('Roast Goose')!;
    await page
      .getByRole('tab')
      .nth(r.categories.findIndex((c) => c.id === goose.categoryId))
      .click();
    await page.getByRole('button', { name: 'Add Roast Goose' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Roast Goose' });
    await dialog.waitFor(WAIT);
    // The first choice of the required portion is taken; arrow keys move within the group.
    await dialog.getByRole('radio', { name: 'Quarter goose' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: /Half goose/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'One more' }).focus();
    await page.keyboard.press('Enter');
    expect(await dialog.getByRole('spinbutton', { name: 'Quantity' }).inputValue()).toBe('2');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    expect(await page.getByRole('button', { name: /View order/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Add Roast Goose' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /Add to order · HK\$328\.00/ }).focus();
    await page.keyboard.press('Enter');
    // Focus lands on the new cart button, which opens the cart by keyboard too.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.classList.contains('view-cart'))).toBe(true));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Your order' }).getByText('1 × Roast Goose').waitFor(WAIT);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Your order' }).waitFor({ state: 'detached', ...WAIT });
  });

  it('says so when the dish sells out while its detail is open, and will not add it', async () => {
    const r = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 1 });
    const page = await open(r);
    await openDish(page, r, 'Roast Goose');
    const dialog = page.getByRole('dialog', { name: 'Roast Goose' });
    expect(await dialog.getAttribute('data-detail-available')).toBe('true');
    const placed = await client(suite.node.url).post('/api/v1/orders', showcaseOrder(r, [r.lowDish]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    await dialog.getByRole('alert').getByText('This dish has just sold out.').waitFor(WAIT);
    expect(await dialog.getByRole('button', { name: /Add to order/ }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator(`article[data-dish-id="${r.lowDish.id}"]`).getAttribute('data-available')).toBe('false');
    expect(await page.getByRole('button', { name: 'Add Roast Goose' }).isDisabled()).toBe(true);
  });

  it('keeps the cart across a reload', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const page = await open(r);
    await openDish(page, r, 'Crispy Roast Pork Belly');
    await page.getByRole('button', { name: 'One more' }).click();
    await page.getByLabel('Note for the kitchen').fill('extra mustard');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.reload();
    await page.getByRole('button', { name: /View order · 2 items/ }).click();
    await page.getByText('Note: extra mustard').waitFor(WAIT);
    await page.getByRole('button', { name: 'One fewer Crispy Roast Pork Belly' }).click();
    await page
      .getByRole('button', { name: /View order|Add more/ })
      .first()
      .waitFor(WAIT);
    await page.getByText('1 × Crispy Roast Pork Belly').waitFor(WAIT);
  });

  it('gives exactly one order when the network cuts after the server received the checkout', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const page = await open(r);
    const keys: string[] = [];
    let cut = false;
    await page.route('**/api/v1/orders', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!cut) {
        cut = true;
        // The server gets it and places the order; the answer never reaches the page.
        const answer = await route.fetch();
        expect(answer.status()).toBe(201);
        await route.abort('internetdisconnected');
        return;
      }
      await route.continue();
    });
    await openDish(page, r, 'Roast Goose');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.getByRole('button', { name: /View order/ }).click();
    await page.getByRole('button', { name: /Pay at the counter/ }).click();
    await page.locator('[data-order-id][data-status="placed"]').waitFor(WAIT);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ordersOf(r.id)).toBe(1);
    // The cart went with the order.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('dinewire.kiosk.cart.')))).toEqual([]);
  });

  it('carries on a checkout across an offline spell', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const page = await open(r);
    await openDish(page, r, 'Roast Goose');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.getByRole('button', { name: /View order/ }).click();
    await page.context().setOffline(true);
    await page.getByRole('button', { name: /Pay at the counter/ }).click();
    await page.locator('[data-phase="retrying"]').getByText('Your order is safe').waitFor(WAIT);
    await shotIf(page, '7-retrying-kiosk-en');
    expect(await ordersOf(r.id)).toBe(0);
    await page.context().setOffline(false);
    await page.locator('[data-order-id][data-status="placed"]').waitFor(WAIT);
    expect(await ordersOf(r.id)).toBe(1);
  });

  it('resumes a checkout cut off by a reload with the same key, still one order', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const page = await open(r);
    const keys: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/api/v1/orders')) keys.push(req.headers()['idempotency-key'] ?? '');
    });
    // Every attempt before the reload reaches the server, but no answer reaches the page.
    const cutOff = async (route: Route) => {
      await route.fetch();
      await route.abort('internetdisconnected');
    };
    await page.route('**/api/v1/orders', cutOff);
    await openDish(page, r, 'Roast Goose');
    await page.getByRole('button', { name: /Add to order/ }).click();
    await page.getByRole('button', { name: /View order/ }).click();
    await page.getByRole('button', { name: /Pay at the counter/ }).click();
    await page.locator('[data-phase="retrying"]').waitFor(WAIT);
    await page.unroute('**/api/v1/orders', cutOff);
    await page.reload();
    await page.locator('[data-order-id][data-status="placed"]').waitFor(WAIT);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(await ordersOf(r.id)).toBe(1);
  });
});

const SHOTS = process.env.GUEST_SHOTS_DIR;
const shots = SHOTS ? describe : describe.skip;

shots('screenshots of ordering', () => {
  const LABELS: Record<Locale, { add: RegExp; view: RegExp; card: string }> = {
    en: { add: /Add to order/, view: /View order/, card: 'Pay by card' },
    'zh-Hant': { add: /加入訂單/, view: /查看訂單/, card: '信用卡付款' },
    'zh-Hans': { add: /加入订单/, view: /查看订单/, card: '银行卡付款' },
  };
  it.each<[Locale, string]>([
    ['en', 'phone'],
    ['zh-Hant', 'phone'],
    ['zh-Hans', 'phone'],
    ['en', 'kiosk'],
    ['zh-Hant', 'kiosk'],
    ['zh-Hans', 'kiosk'],
  ])('%s at %s size', async (lang, size) => {
    fs.mkdirSync(SHOTS!, { recursive: true });
    const shot = (step: string) => path.join(SHOTS!, `${step}-${size}-${lang}.png`);
    const r = await makeShowcaseRestaurant(suite.db);
    const page = await open(r, lang, size === 'phone' ? PHONE : KIOSK);
    await openDish(page, r, 'Shrimp Wonton Noodle Soup');
    await page.locator('dialog .option').nth(0).click();
    await page.getByRole('button', { name: lang === 'en' ? 'One more' : lang === 'zh-Hant' ? '加一份' : '加一份' }).click();
    await page.locator('dialog textarea').fill({ en: 'Less salt, please', 'zh-Hant': '少鹽', 'zh-Hans': '少盐' }[lang]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot('1-detail') });
    await page.getByRole('button', { name: LABELS[lang].add }).click();
    await openDish(page, r, 'Roast Goose');
    await page.locator('dialog .option').nth(1).click();
    await page.getByRole('button', { name: LABELS[lang].add }).click();
    await page.getByRole('button', { name: LABELS[lang].view }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot('2-cart') });
    await page.getByRole('button', { name: LABELS[lang].card }).click();
    await page.locator('input[autocomplete="cc-number"]').fill(TEST_CARD.number);
    await page.locator('input[autocomplete="cc-exp-month"]').fill('12');
    await page.locator('input[autocomplete="cc-exp-year"]').fill('2040');
    await page.locator('input[autocomplete="cc-csc"]').fill('123');
    await page.screenshot({ path: shot('3-checkout') });
    await page.locator('dialog form button[type=submit]').click();
    const ticket = page.locator('[data-order-id][data-status="placed"]');
    await ticket.waitFor(WAIT);
    const chef = await makeUser(suite.db, 'kitchen', [r.id]);
    const kitchen = client(suite.node.url, chef.token);
    const orderId = (await ticket.getAttribute('data-order-id'))!;
    const items = (await kitchen.get(`/api/v1/orders/${orderId}`)).body.order.items as { id: string }[];
    await kitchen.post(`/api/v1/kitchen/items/${items[0]!.id}/bump`);
    await page.locator('[data-order-id][data-status="preparing"]').waitFor(WAIT);
    await page.screenshot({ path: shot('4-confirmation'), fullPage: true });
  });
});
