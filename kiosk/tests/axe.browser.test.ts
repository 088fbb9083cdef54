/**
 * axe-core over every guest screen, in real Chromium against a real node: the restaurant list,
 * the menu (with its "goes well with" panel), a dish's detail, the cart (with its suggestions),
 * the card form and a declined card, the room-charge form, the confirmation, not-found, and at a
 * paired kiosk its pairing screen, the attract screen, the menu in accessibility mode and the
 * idle question. Each screen is checked at phone (390×844) and kiosk (1080×1920) size, in
 * English, Traditional and Simplified Chinese: no violation of impact
 * serious or critical, and no control smaller than 48 px. One page walks through each group of
 * screens.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '@dinewire/protocol';
import type { Page } from 'playwright-core';
import { refreshPairings } from '../../server/src/modules/recommendations/pairings';
import { makeShowcaseRestaurant, showcaseOrder, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { DECLINED_CARD, makeUser } from '../../server/src/test/factories';
import { client, idempotencyKey } from '../../server/src/test/harness';
import { AXE_CONTEXT, expectAccessible, expectLargeTargets } from '../../ui/test/axe';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 10_000 };
const SIZES = { phone: { width: 390, height: 844 }, kiosk: { width: 1080, height: 1920 } };
const suite = browserSuite('kiosk');

/** The strings the walk taps by, in each language it runs in. */
const LABELS = {
  en: { add: /Add to order/, view: /View order/, card: 'Pay by card', pay: 'Pay and place order', back: 'Back', room: /Charge to my room/ },
  'zh-Hant': { add: /加入訂單/, view: /查看訂單/, card: '信用卡付款', pay: /付款並下單/, back: /返回/, room: /記入房帳/ },
  'zh-Hans': { add: /加入订单/, view: /查看订单/, card: '银行卡付款', pay: /付款并下单/, back: /返回/, room: /记入房账/ },
} as const;

let r: ShowcaseRestaurant;

beforeAll(async () => {
  // Its scarce dish is one the walks do not order (Har Gow's shrimp must last them all).
  r = await makeShowcaseRestaurant(suite.db, { lowDish: 'Roast Goose', lowPortions: 10 });
  // Har Gow went with Pork Belly: the menu offers it after Har Gow, and the cart suggests it.
  const body = showcaseOrder(r, [r.dishes.get('Har Gow Shrimp Dumplings')!, r.dishes.get('Crispy Roast Pork Belly')!]);
  expect((await client(suite.node.url).post('/api/v1/orders', body, { 'idempotency-key': idempotencyKey() })).status).toBe(201);
  await refreshPairings({ sequelize: suite.db });
});

/** Checks the screen as it is at both sizes (ending at the size it started at: the kiosk's). */
async function check(page: Page, screen: string): Promise<void> {
  for (const [size, viewport] of [['phone', SIZES.phone] as const, ['kiosk', SIZES.kiosk] as const]) {
    await page.setViewportSize(viewport);
    // Let layout settle (sticky bars, wrapping) before axe measures contrast and overlap.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expectAccessible(page, `${screen} at ${size} size`);
    await expectLargeTargets(page, `${screen} at ${size} size`);
    // To look at what was checked: GUEST_SHOTS_DIR=dir.
    if (process.env.GUEST_SHOTS_DIR) {
      fs.mkdirSync(process.env.GUEST_SHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(process.env.GUEST_SHOTS_DIR, `axe ${screen} ${size}.png`.replace(/[^\w.-]+/g, '-')) });
    }
  }
}

describe('accessibility (axe-core): no serious or critical violation on any guest screen', () => {
  it.each<keyof typeof LABELS>(['en', 'zh-Hant', 'zh-Hans'])(
    'ordering in %s: list, menu, detail, cart, card, room, confirmation, not found',
    async (lang) => {
      const t = LABELS[lang];
      const page = await suite.newPage({ ...AXE_CONTEXT, viewport: SIZES.kiosk, locale: 'en-GB' }, `/kiosk/?lang=${lang}`);
      await page.locator(`a[href$="/r/${r.slug}"]`).first().waitFor(WAIT);
      await check(page, `${lang} restaurant list`);

      await page.goto(`${suite.node.url}/kiosk/r/${r.slug}?lang=${lang}`);
      await page.locator('[data-dish-id]').first().waitFor(WAIT);
      await page.locator('[data-connection="live"]').waitFor(WAIT);
      await check(page, `${lang} menu`);

      const harGow = r.dishes.get('Har Gow Shrimp Dumplings')!;
      await page.locator(`article[data-dish-id="${harGow.id}"] button.open`).click();
      await page.locator(`dialog[data-detail-dish-id="${harGow.id}"]`).waitFor(WAIT);
      await check(page, `${lang} dish detail`);
      await page.getByRole('button', { name: t.add }).click();
      await page.locator('[data-upsell]').waitFor(WAIT);
      await check(page, `${lang} menu with "goes well with"`);

      await page.getByRole('button', { name: t.view }).click();
      await page.locator('[data-checkout-upsell]').waitFor(WAIT);
      await page.locator('[data-preview-total-cents]').waitFor(WAIT);
      await check(page, `${lang} cart`);

      await page.getByRole('button', { name: t.card }).click();
      await page.locator('input[autocomplete="cc-number"]').waitFor(WAIT);
      await check(page, `${lang} card form`);
      await page.locator('input[autocomplete="cc-number"]').fill(DECLINED_CARD.number);
      await page.locator('input[autocomplete="cc-exp-month"]').fill(String(DECLINED_CARD.expMonth));
      await page.locator('input[autocomplete="cc-exp-year"]').fill(String(DECLINED_CARD.expYear));
      await page.locator('input[autocomplete="cc-csc"]').fill(DECLINED_CARD.cvc);
      await page.locator('dialog form button[type=submit]').click();
      await page.locator('[data-error-code="payment_declined"]').waitFor(WAIT);
      await check(page, `${lang} card declined`);

      await page.locator('dialog form button[type=button]').click();
      await page.locator('button[data-method="room"]').click();
      await page.locator('input[maxlength="10"]').waitFor(WAIT);
      await check(page, `${lang} room-charge form`);

      await page.locator('dialog form button[type=button]').click();
      await page.locator('button[data-method="counter"]').click();
      await page.locator('[data-order-id][data-status="placed"]').waitFor(WAIT);
      await page.locator('[data-connection="live"]').waitFor(WAIT);
      await check(page, `${lang} order confirmation`);

      await page.goto(`${suite.node.url}/kiosk/no/such/screen?lang=${lang}`);
      await page.locator('#not-found-title').waitFor(WAIT);
      await check(page, `${lang} not found`);
    },
  );

  it.each<Locale>(['en', 'zh-Hant', 'zh-Hans'])(
    'a paired kiosk in %s: pairing, attract, accessibility mode, the idle question',
    async (lang) => {
      const manager = await makeUser(suite.db, 'manager', [r.id]);
      const made = await client(suite.node.url, manager.token).post('/api/v1/devices', {
        restaurantId: r.id,
        kind: 'kiosk',
        name: 'Lobby',
      });
      expect(made.status).toBe(201);
      const page = await suite.newPage({ ...AXE_CONTEXT, viewport: SIZES.kiosk, locale: 'en-GB' });
      await page.context().addInitScript(() => Object.assign(window, { __dinewireKioskIdle: { idleMs: 3000, askMs: 60_000 } }));
      await page.goto(`${suite.node.url}/kiosk/pair?lang=${lang}`);
      const code = page.locator('input').first();
      await code.waitFor(WAIT);
      await check(page, `${lang} pairing`);
      await code.fill(made.body.pairingCode);
      await code.press('Enter');
      const attract = page.locator('[data-attract]');
      await attract.waitFor(WAIT);
      await page.locator('[data-attract] [data-connection="live"]').waitFor(WAIT);
      await check(page, `${lang} attract`);

      await attract.locator('[data-reach-toggle]').click();
      await check(page, `${lang} attract, accessibility mode`);
      await attract.locator('button.start').click();
      await attract.waitFor({ state: 'detached', ...WAIT });
      await check(page, `${lang} menu, accessibility mode`);
      await page.locator('[data-idle-question]').waitFor(WAIT);
      await check(page, `${lang} idle question, accessibility mode`);
    },
  );
});
