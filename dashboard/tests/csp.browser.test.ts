/**
 * Every screen of both apps, and the landing page, under the server's content security policy in
 * real Chromium: no `securitypolicyviolation` event and no CSP error in the console, signed out and
 * signed in. A violation here means a screen breaks for hotels once the policy is enforced.
 */
import type { Page } from 'playwright-core';
import { makeShowcaseRestaurant, requireBuiltApp, type ShowcaseRestaurant } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { eventually } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const suite = browserSuite('dashboard');
let restaurant: ShowcaseRestaurant;

beforeAll(async () => {
  requireBuiltApp('kiosk');
  restaurant = await makeShowcaseRestaurant(suite.db);
});

/** A page that records every policy violation, from the event and from the console. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await suite.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  return { page, violations };
}

async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(`${suite.node.url}${path}`, { waitUntil: 'networkidle' });
  // The policy is enforced (not report-only) on the page itself.
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  // Let the screen render and its socket connect; late loads (images, fonts) would show here too.
  await page
    .locator('[data-connection]')
    .first()
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

describe('content security policy in Chromium', () => {
  it('has no violation on any signed-out screen', async () => {
    const { page, violations } = await watchedPage();
    const r = restaurant.slug;
    for (const path of [
      '/',
      '/kiosk/',
      `/kiosk/r/${r}`,
      `/kiosk/r/${r}?table=${restaurant.tableId}`,
      `/kiosk/r/${r}/book`,
      '/kiosk/account',
      '/kiosk/pair',
      '/dashboard/',
      '/dashboard/pair',
    ]) {
      await visit(page, path);
      expect({ path, violations }).toEqual({ path, violations: [] });
    }
    // The watcher sees what the policy blocks: an injected inline script is refused and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
    });
    await eventually(() => expect(violations.length).toBeGreaterThan(0));
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
  }, 120_000);

  it('has no violation on the signed-in staff screens', async () => {
    const manager = await makeUser(suite.db, 'manager', [restaurant.id]);
    const { page, violations } = await watchedPage();
    await visit(page, '/dashboard/');
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill(manager.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-connection="live"]').waitFor({ timeout: 5000 });
    const r = restaurant.slug;
    for (const screen of ['live', 'kitchen', 'expo', 'board', 'inventory', 'devices', 'tables', 'host']) {
      const path = `/dashboard/r/${r}/${screen}`;
      await visit(page, path);
      expect({ path, violations }).toEqual({ path, violations: [] });
    }
  }, 120_000);
});
