/**
 * Accessibility mode at a 1080×1920 kiosk, in real Chromium against a real node: with "Lower
 * controls" on, every control a guest needs sits in the lower 60% of the screen (a guest in a
 * wheelchair, or of short height, reaches it); it works by keyboard and ends with the guest (the
 * idle reset). Screenshots go to GUEST_SHOTS_DIR when it is set.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { makeShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { client } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 10_000 };
const KIOSK = { width: 1080, height: 1920 };
/** The top of the reachable part: 40% down a 1920-high screen. */
const REACH_TOP = KIOSK.height * 0.4;
const suite = browserSuite('kiosk');

/** Scrolled to (as a guest would), the element's box lies wholly within the lower 60% of the screen; it is at least 48 px high. */
async function expectWithinReach(what: string, locator: Locator): Promise<void> {
  await locator.first().waitFor(WAIT);
  await locator.first().scrollIntoViewIfNeeded();
  const box = (await locator.first().boundingBox())!;
  expect({ what, top: box.y >= REACH_TOP, bottom: box.y + box.height <= KIOSK.height, tall: box.height >= 48 }).toEqual({
    what,
    top: true,
    bottom: true,
    tall: true,
  });
}

async function shotIf(page: Page, name: string): Promise<void> {
  const dir = process.env.GUEST_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

describe('accessibility mode ("Lower controls")', () => {
  it('brings every control into the lower 60% of a tall kiosk, by keyboard, for this guest only', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const made = await client(suite.node.url, manager.token).post('/api/v1/devices', { restaurantId: r.id, kind: 'kiosk', name: 'Lobby' });
    expect(made.status).toBe(201);
    const page = await suite.newPage({ viewport: KIOSK, locale: 'en-GB' });
    await page.context().addInitScript(() => Object.assign(window, { __dinewireKioskIdle: { idleMs: 5000, askMs: 60_000 } }));
    await page.goto(`${suite.node.url}/kiosk/pair`);
    await page.getByLabel('Pairing code').fill(made.body.pairingCode);
    await page.getByLabel('Pairing code').press('Enter');
    const attract = page.locator('[data-attract]');
    await attract.waitFor(WAIT);

    // On the attract screen already, a real toggle button, by keyboard.
    const attractToggle = attract.getByRole('button', { name: 'Lower controls' });
    expect(await attractToggle.getAttribute('aria-pressed')).toBe('false');
    await attractToggle.focus();
    await page.keyboard.press('Enter');
    expect(await attractToggle.getAttribute('aria-pressed')).toBe('true');
    await expectWithinReach('attract: toggle', attractToggle);
    await expectWithinReach('attract: start', attract.locator('button.start'));
    await expectWithinReach('attract: languages', attract.getByRole('button', { name: 'English' }));
    await shotIf(page, 'reach-attract-kiosk-en');
    await attract.locator('button.start').press('Enter');
    await attract.waitFor({ state: 'detached', ...WAIT });

    // The menu: the top bar's tools, the tabs, the dishes.
    const toggle = page.getByRole('banner').getByRole('button', { name: 'Lower controls' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expectWithinReach('top bar: toggle', toggle);
    await expectWithinReach('top bar: languages', page.getByRole('banner').getByRole('button', { name: 'English' }));
    for (const [i, tab] of (await page.getByRole('tab').all()).entries()) await expectWithinReach(`tab ${i}`, tab);
    const harGow = page.getByRole('button', { name: 'Add Har Gow Shrimp Dumplings' });
    await expectWithinReach('a dish’s open button', harGow);
    await shotIf(page, 'reach-menu-kiosk-en');

    // A dish's detail rises from the bottom; so does the cart.
    await harGow.focus();
    await page.keyboard.press('Enter');
    const submit = page.locator('dialog[data-detail-dish-id] button[type=submit]');
    await expectWithinReach('dish dialog: add', submit);
    await expectWithinReach('dish dialog: close', page.locator('dialog[data-detail-dish-id]').getByRole('button', { name: 'Close' }));
    await shotIf(page, 'reach-detail-kiosk-en');
    await submit.press('Enter');
    const cartButton = page.getByRole('button', { name: /View order · 1 item/ });
    await expectWithinReach('cart button', cartButton);
    await cartButton.press('Enter');
    const cart = page.getByRole('dialog', { name: 'Your order' });
    await expectWithinReach('cart: pay at the counter', cart.getByRole('button', { name: /Pay at the counter/ }));
    await expectWithinReach('cart: close', cart.getByRole('button', { name: 'Close' }));
    await shotIf(page, 'reach-cart-kiosk-en');
    await page.keyboard.press('Escape');
    await cart.waitFor({ state: 'detached', ...WAIT });

    // A reload (back to the attract screen) keeps it for this guest.
    await page.reload();
    await attract.waitFor(WAIT);
    expect(await attractToggle.getAttribute('aria-pressed')).toBe('true');
    await attract.locator('button.start').click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    // Nobody touches it: the question is asked within reach, and the next guest starts without the mode.
    const question = page.locator('[data-idle-question]');
    await question.waitFor(WAIT);
    await expectWithinReach('idle: still here', question.getByRole('button', { name: 'I’m still here' }));
    await question.getByRole('button', { name: 'Start over' }).click();
    await attract.waitFor(WAIT);
    expect(await attractToggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => document.documentElement.dataset.reach ?? null)).toBeNull();
    await attract.locator('button.start').click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // Off: the tabs are back near the top.
    expect((await page.getByRole('tab').first().boundingBox())!.y).toBeLessThan(REACH_TOP);
  });
});
