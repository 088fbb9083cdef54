/**
 * axe-core in a browser test's page: injects node_modules/axe-core/axe.min.js (once per page
 * load) and runs it over the whole document. `expectAccessible` fails on any violation of
 * impact serious or critical, printing each rule's id, what it says and the elements it found,
 * so a failure says what is wrong and where. The apps' Content-Security-Policy refuses inline
 * scripts (as it should), so the page's context must be made with `AXE_CONTEXT` (`bypassCSP`).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../server/src/test/appFixtures';

const AXE_SCRIPT = path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

/** Browser context options for a page axe is injected into. */
export const AXE_CONTEXT = { bypassCSP: true } as const;

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

/** One rule broken, as a failure message shows it. */
export interface AxeViolation {
  id: string;
  impact: AxeImpact | null;
  help: string;
  /** The offending elements (CSS selectors) and, for each, what axe found. */
  nodes: { target: string; summary: string }[];
}

interface AxeResultsInPage {
  violations: {
    id: string;
    impact?: AxeImpact | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

/** The violations axe finds in the page as it is now, of the impacts given (serious and critical by default). */
export async function axeViolations(page: Page, impacts: readonly AxeImpact[] = ['serious', 'critical']): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })) as AxeResultsInPage;
  });
  return results.violations
    .filter((v) => v.impact && impacts.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
}

/** Fails naming `screen` and every serious or critical violation found in it. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

/**
 * Every visible control (button, link, form field, tab) smaller than `min` CSS px either way:
 * touch targets for a guest's finger (the kiosk's rule is 48). Described by tag, name and size.
 */
export async function smallTargets(page: Page, min = 48): Promise<string[]> {
  return page.evaluate((least) => {
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], input:not([type=hidden]), select, textarea, [role=tab]');
    const small: string[] = [];
    for (const el of Array.from(controls)) {
      if (el.closest('[inert]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // A radio or checkbox inside its label: the label is the target.
      const target = (el instanceof HTMLInputElement && el.closest('label')?.getBoundingClientRect()) || box;
      if (target.width >= least && target.height >= least) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(target.width)}×${Math.round(target.height)}`);
    }
    return small;
  }, min);
}

/** Fails naming `screen` and each control smaller than 48 px (or `min`). */
export async function expectLargeTargets(page: Page, screen: string, min = 48): Promise<void> {
  expect({ screen, small: await smallTargets(page, min) }).toEqual({ screen, small: [] });
}
