/**
 * The devices screen in real Chromium: a manager creates a pickup board and reads its pairing
 * code off the screen, a second browser pairs with it through the pair screen (Enter), the
 * manager sees it paired, renames it, and revokes it after confirming, which drops the paired
 * screen back to pairing with a message. Each test has its own restaurant and contexts.
 */
import type { Page } from 'playwright-core';
import { makeShowcaseRestaurant, screenshotPath } from '../../server/src/test/appFixtures';
import { makeUser } from '../../server/src/test/factories';
import { client } from '../../server/src/test/harness';
import { browserSuite } from '../../ui/test/browser-suite';

const WAIT = { timeout: 5000 };
const TABLET = { width: 1280, height: 800 };

const suite = browserSuite('dashboard');

async function signIn(page: Page, email: string, password: string, path: string): Promise<void> {
  await page.goto(`${suite.node.url}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('devices screen', () => {
  it('creates a board, shows its code and address, sees it pair, renames it and revokes it after confirming', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });
    await signIn(page, manager.email, manager.password, `/dashboard/r/${r.slug}/devices`);
    await page.getByRole('heading', { level: 1, name: `Devices · ${r.names.en}` }).waitFor(WAIT);
    await page.getByText('No screens yet.').waitFor(WAIT);

    await page.getByRole('radio', { name: 'Pickup board', exact: true }).check();
    // A board has no station to choose.
    expect(await page.getByLabel('Station', { exact: true }).count()).toBe(0);
    await page.getByLabel('Name (optional)').fill('Pass board');
    await page.getByRole('button', { name: 'Create and show code' }).click();
    const issued = page.locator('section.issued');
    await issued.getByRole('heading', { name: 'Pairing code for “Pass board”' }).waitFor(WAIT);
    const code = (await issued.locator('[data-code]').getAttribute('data-code'))!;
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    await issued.getByText(`${suite.node.url}/dashboard/pair`).waitFor(WAIT);
    const row = page.locator('tr[data-kind="board"]');
    expect(await row.getAttribute('data-state')).toBe('pending');
    await page.screenshot({ path: screenshotPath('devices-code-en') });

    const screen = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });
    await screen.goto(`${suite.node.url}/dashboard/pair`);
    await screen.getByLabel('Pairing code').fill(code);
    await screen.getByLabel('Pairing code').press('Enter');
    await screen.waitForURL(`**/dashboard/r/${r.slug}/board`, WAIT);

    // The manager's screen notices without a reload.
    await issued.getByText('Paired. The screen is ready.').waitFor(WAIT);
    await page.locator('tr[data-kind="board"][data-state="paired"]').waitFor(WAIT);
    await issued.getByRole('button', { name: 'Done' }).click();
    expect(await issued.count()).toBe(0);

    await page.getByRole('button', { name: 'Rename Pass board' }).click();
    const name = page.getByLabel('New name for Pass board');
    await name.fill('East pass');
    await name.press('Enter');
    await row.getByText('East pass').waitFor(WAIT);
    const listed = await client(suite.node.url, manager.token).get(`/api/v1/restaurants/${r.id}/devices`);
    expect(listed.body.devices.map((d: { name: string }) => d.name)).toEqual(['East pass']);

    await page.getByRole('button', { name: 'Revoke East pass' }).click();
    await page.getByText('Revoke “East pass”? The screen stops at once').waitFor(WAIT);
    // Keeping it changes nothing.
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await row.getAttribute('data-state')).toBe('paired');
    await page.getByRole('button', { name: 'Revoke East pass' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.locator('tr[data-kind="board"][data-state="revoked"]').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Revoke East pass' }).count()).toBe(0);

    await screen.waitForURL('**/dashboard/pair', WAIT);
    await screen.getByRole('alert').filter({ hasText: 'This screen was unpaired by a manager.' }).waitFor(WAIT);
  });

  it('creates a station’s kitchen screen, and is not a screen for hosts', async () => {
    const r = await makeShowcaseRestaurant(suite.db);
    const manager = await makeUser(suite.db, 'manager', [r.id]);
    const stations = (await client(suite.node.url).get(`/api/v1/restaurants/${r.id}`)).body.restaurant.stations as {
      id: string;
      name: string;
    }[];
    const page = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });
    await signIn(page, manager.email, manager.password, `/dashboard/r/${r.slug}/devices`);
    await page.getByRole('radio', { name: 'Kitchen screen', exact: true }).check();
    await page.getByLabel('Station', { exact: true }).selectOption(stations[1]!.id);
    await page.getByRole('button', { name: 'Create and show code' }).click();
    const row = page.locator('tr[data-kind="kitchen"]');
    await row.getByText(stations[1]!.name).waitFor(WAIT);
    const listed = await client(suite.node.url, manager.token).get(`/api/v1/restaurants/${r.id}/devices`);
    expect(listed.body.devices).toMatchObject([{ kind: 'kitchen', stationId: stations[1]!.id, pairedAt: null }]);

    const host = await makeUser(suite.db, 'host', [r.id]);
    const hostPage = await suite.newPage({ viewport: TABLET, locale: 'en-GB' });
    await signIn(hostPage, host.email, host.password, `/dashboard/r/${r.slug}/devices`);
    await hostPage.getByRole('heading', { level: 1, name: 'There is no screen at this address.' }).waitFor(WAIT);
    expect(await hostPage.locator('tr[data-device-id]').count()).toBe(0);
  });
});
