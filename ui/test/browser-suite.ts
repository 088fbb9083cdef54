/**
 * For a file of browser tests: one real node serving the built apps and one Chromium, and a
 * fresh browser context for every page, closed after each test, so that no test shares a
 * page, storage or history with another.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../../server/src/node';
import { CHROMIUM_LAUNCH, REPO_ROOT, requireBuiltApp } from '../../server/src/test/appFixtures';
import { startTestNode, testSequelize } from '../../server/src/test/harness';

export interface BrowserSuite {
  readonly db: Sequelize;
  readonly node: DinewireNode;
  /** A page in a context of its own, at `path` of the node when given. */
  newPage(options: BrowserContextOptions, path?: string): Promise<Page>;
}

export function browserSuite(app: 'kiosk' | 'dashboard'): BrowserSuite {
  let db: Sequelize | undefined;
  let node: DinewireNode | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    requireBuiltApp(app);
    db = testSequelize();
    [node, browser] = await Promise.all([startTestNode({ appsDir: REPO_ROOT }), chromium.launch(CHROMIUM_LAUNCH)]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    await db?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser suite's ${what} is not started (use it in a test or a later beforeAll)`);
    return value;
  };

  return {
    get db() {
      return started(db, 'database');
    },
    get node() {
      return started(node, 'node');
    },
    async newPage(options, path) {
      const context = await started(browser, 'browser').newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      if (path !== undefined) await page.goto(`${started(node, 'node').url}${path}`);
      return page;
    },
  };
}
