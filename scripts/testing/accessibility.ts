import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * The serious and critical axe-core violations on the page as it is now, as "rule (count)".
 * The desk's Content-Security-Policy refuses injected script tags, so axe is evaluated through
 * the debugging protocol instead.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}
