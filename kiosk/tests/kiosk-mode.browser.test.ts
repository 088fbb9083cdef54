/**
 * Kiosk mode in real Chromium against a real node: pairing a kiosk at /kiosk/pair with a
 * manager's code (Enter submits), staying paired across a reload, the attract screen (tap to
 * start, the language chosen there), and the idle question that resets to the attract screen,
 * clearing the guest's sessionStorage keys. Each test has its own restaurant or browser context;
 * the idle timeouts are made short through `window.__dinewireKioskIdle`.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { makeShowcaseRestaurant, screenshotPath, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { client } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const KIOSK: BrowserContextOptions = { viewport: { width: 1080, height: 1920 }, locale: 'en-GB' };

const suite = browserSuite('kiosk');
let restaurant: ShowcaseRestaurant;
let manager: { token: string };

beforeAll(async () => {
  restaurant = await makeShowcaseRestaurant(suite.db);
  manager = await makeUser(suite.db, 'manager', [restaurant.id]);
});

async function newDevice(kind: 'kiosk' | 'kitchen' | 'board', name = 'Lobby kiosk'): Promise<{ id: string; pairingCode: string }> {
  const res = await client(suite.node.url, manager.token).post('/api/v1/devices', { restaurantId: restaurant.id, kind, name });
  expect(res.status).toBe(201);
  return { id: res.body.device.id, pairingCode: res.body.pairingCode };
}

/** Types the code into the pairing screen's one field and presses Enter. */
async function pairWith(page: Page, code: string): Promise<void> {
  const field = page.getByLabel('Pairing code');
  await field.waitFor(WAIT);
  await field.fill(code);
  await field.press('Enter');
}

function attract(page: Page) {
  return page.locator('[data-attract]');
}

/** A kiosk paired through its pairing screen, left on its attract screen. */
async function pairedKiosk(options: BrowserContextOptions & { idle?: { idleMs: number; askMs: number } } = {}): Promise<Page> {
  const { idle, ...contextOptions } = options;
  const page = await suite.newPage({ ...KIOSK, ...contextOptions });
  if (idle) await page.context().addInitScript((times) => Object.assign(window, { __dinewireKioskIdle: times }), idle);
  await page.goto(`${suite.node.url}/kiosk/pair`);
  await pairWith(page, (await newDevice('kiosk')).pairingCode);
  await attract(page).waitFor(WAIT);
  return page;
}

async function lang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

describe('kiosk mode', () => {
  it('pairs with a manager’s code on Enter, opens its restaurant, and stays paired across a reload', async () => {
    const page = await suite.newPage(KIOSK, '/kiosk/pair');
    await page.getByRole('heading', { name: 'Pair this kiosk' }).waitFor(WAIT);
    // The field has focus on arrival: a technician types the code and presses Enter.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pair-code');
    await page.screenshot({ path: screenshotPath('kiosk-pair-en') });
    const { pairingCode } = await newDevice('kiosk', 'Lobby kiosk 1');
    // As the manager reads it out: in two groups, lower case.
    await pairWith(page, `${pairingCode.slice(0, 4)} ${pairingCode.slice(4)}`.toLowerCase());

    await attract(page).waitFor(WAIT);
    expect(await page.evaluate(() => location.pathname)).toBe(`/kiosk/r/${restaurant.id}`);
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('dinewire.kiosk.device') ?? 'null'));
    expect(saved).toMatchObject({ device: { restaurantId: restaurant.id, name: 'Lobby kiosk 1' }, token: expect.any(String) });
    await attract(page).getByText(restaurant.names.en).waitFor(WAIT);

    // The menu's address with no pairing code: the device's token is what the kiosk is.
    await page.reload();
    await attract(page).waitFor(WAIT);
    await page.goto(`${suite.node.url}/kiosk/`);
    await attract(page).waitFor(WAIT);
    expect(await page.evaluate(() => location.pathname)).toBe(`/kiosk/r/${restaurant.id}`);
    await page.getByRole('button', { name: /Tap to start/ }).click();
    await page.getByRole('heading', { level: 1, name: restaurant.names.en }).waitFor(WAIT);
    expect(await attract(page).count()).toBe(0);
    // It stands in this one restaurant: no way back to a list it would not show.
    expect(await page.getByRole('link', { name: 'All restaurants' }).count()).toBe(0);
  });

  it('refuses an unknown code and a staff screen’s code, saying why, and pairs nothing', async () => {
    const page = await suite.newPage(KIOSK, '/kiosk/pair');
    await pairWith(page, 'ZZZZ ZZZZ');
    await page.getByRole('alert').getByText('That code is unknown or has expired').waitFor(WAIT);
    expect(await page.getByLabel('Pairing code').getAttribute('aria-invalid')).toBe('true');
    for (const [name, title, failed, locale] of [
      ['繁體中文', '配對此自助點餐機', '配對碼無效或已過期', 'zh-Hant'],
      ['简体中文', '配对此自助点餐机', '配对码无效或已过期', 'zh-Hans'],
      ['English', 'Pair this kiosk', 'That code is unknown', 'en'],
    ] as const) {
      await page.getByRole('button', { name, exact: true }).click();
      await page.getByRole('heading', { name: title }).waitFor(WAIT);
      await page.getByRole('alert').getByText(failed).waitFor(WAIT);
      expect(await lang(page)).toBe(locale);
      if (locale !== 'en') await page.screenshot({ path: screenshotPath(`kiosk-pair-failed-${locale}`) });
    }

    const kitchen = await newDevice('kitchen', 'Wok screen');
    await pairWith(page, kitchen.pairingCode);
    await page.getByRole('alert').getByText('/dashboard/pair').waitFor(WAIT);
    expect(await page.evaluate(() => localStorage.getItem('dinewire.kiosk.device'))).toBeNull();
    expect(await attract(page).count()).toBe(0);
    // The staff code was left unused: the staff app can still pair with it.
    const paired = await client(suite.node.url).post('/api/v1/devices/pair', { pairingCode: kitchen.pairingCode, kinds: ['kitchen'] });
    expect(paired.status).toBe(200);
  });

  it('starts in the language chosen on the attract screen, each named in itself', async () => {
    const page = await pairedKiosk();
    const languages = attract(page).getByRole('group', { name: 'Language' });
    expect(await languages.getByRole('button').allTextContents()).toEqual(['English', '繁體中文', '简体中文']);
    await page.screenshot({ path: screenshotPath('kiosk-attract-en') });

    await languages.getByRole('button', { name: '繁體中文' }).click();
    await attract(page)
      .getByRole('button', { name: /輕觸開始點餐/ })
      .waitFor(WAIT);
    await attract(page).getByText(restaurant.names['zh-Hant']).waitFor(WAIT);
    expect(await lang(page)).toBe('zh-Hant');
    expect(await attract(page).getByRole('button', { name: '繁體中文' }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: screenshotPath('kiosk-attract-zh-Hant') });

    await attract(page).getByRole('group', { name: '語言' }).getByRole('button', { name: '简体中文' }).click();
    await attract(page)
      .getByRole('button', { name: /轻触开始点餐/ })
      .waitFor(WAIT);
    expect(await lang(page)).toBe('zh-Hans');
    await page.screenshot({ path: screenshotPath('kiosk-attract-zh-Hans') });

    // The start button has the focus: Enter starts too.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: restaurant.names['zh-Hans'] }).waitFor(WAIT);
    await page.getByRole('article', { name: '笋尖鲜虾饺', exact: true }).waitFor(WAIT);
  });

  it('asks “Still there?” when idle, keeps the guest who answers, and resets to the attract screen otherwise', async () => {
    const page = await pairedKiosk({ idle: { idleMs: 1500, askMs: 3000 } });
    // Nobody has started: the attract screen waits as long as it takes.
    await page.waitForTimeout(2000);
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    await attract(page).getByRole('button', { name: '繁體中文' }).click();
    await page.getByRole('button', { name: /輕觸開始點餐/ }).click();
    await page.getByRole('heading', { level: 1, name: restaurant.names['zh-Hant'] }).waitFor(WAIT);
    // What the cart and checkout keep of this guest's visit.
    await page.evaluate(() => {
      sessionStorage.setItem('dinewire.kiosk.cart', JSON.stringify([{ dishId: 'x', quantity: 2 }]));
      sessionStorage.setItem('dinewire.kiosk.checkout', '{}');
      sessionStorage.setItem('unrelated', 'kept');
    });

    // Touches keep it going.
    for (let i = 0; i < 3; i++) {
      await page.waitForTimeout(700);
      await page.getByRole('tab').nth(1).click();
    }
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    const question = page.getByRole('alertdialog', { name: '還在嗎？' });
    await question.waitFor(WAIT);
    await question.getByText(/秒後將重新開始/).waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('我還在');
    await page.screenshot({ path: screenshotPath('kiosk-idle-zh-Hant') });
    await question.getByRole('button', { name: '我還在' }).click();
    await question.waitFor({ state: 'detached', ...WAIT });
    expect(await page.evaluate(() => sessionStorage.getItem('dinewire.kiosk.cart'))).not.toBeNull();

    // Asked again, and nobody answers: back to the attract screen, in the kiosk's own language.
    await question.waitFor(WAIT);
    await attract(page).waitFor({ timeout: 6000 });
    await attract(page)
      .getByRole('button', { name: /Tap to start/ })
      .waitFor(WAIT);
    expect(await lang(page)).toBe('en');
    expect(
      await page.evaluate(() => ({
        cart: sessionStorage.getItem('dinewire.kiosk.cart'),
        checkout: sessionStorage.getItem('dinewire.kiosk.checkout'),
        unrelated: sessionStorage.getItem('unrelated'),
        device: localStorage.getItem('dinewire.kiosk.device') !== null,
      })),
    ).toEqual({ cart: null, checkout: null, unrelated: 'kept', device: true });
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    // The next guest starts on the menu's first section.
    await page.getByRole('button', { name: /Tap to start/ }).click();
    expect(await page.getByRole('tab').first().getAttribute('aria-selected')).toBe('true');
  });

  it('starts over at once on “Start over”, and shows the question in each language', async () => {
    const page = await pairedKiosk({ idle: { idleMs: 800, askMs: 20_000 } });
    for (const [locale, name, start, title, restart] of [
      ['en', 'English', /Tap to start/, 'Still there?', 'Start over'],
      ['zh-Hans', '简体中文', /轻触开始点餐/, '还在吗？', '重新开始'],
    ] as const) {
      await attract(page).getByRole('button', { name }).click();
      await page.getByRole('button', { name: start }).click();
      const question = page.getByRole('alertdialog', { name: title });
      await question.waitFor(WAIT);
      expect(await lang(page)).toBe(locale);
      await page.screenshot({ path: screenshotPath(`kiosk-idle-${locale}`) });
      await question.getByRole('button', { name: restart }).click();
      await attract(page).waitFor(WAIT);
    }
  });
});
