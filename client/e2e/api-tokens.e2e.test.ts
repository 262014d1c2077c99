import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

// An admin manages integrations' tokens in the browser, under the desk's strict
// Content-Security-Policy: the pages must run with no policy violation.

let desk: TestDesk;
let browser: Browser;
beforeAll(async () => {
  desk = await startTestDesk();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

/** A page that records every Content-Security-Policy violation the browser reports. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations };
}

describe('API tokens in the browser', () => {
  it('lets an admin create a token, see it once, and revoke it', async () => {
    const { email } = await desk.signIn('admin');
    const { page, violations } = await watchedPage();
    await signInThroughTheUi(page, desk.url, email);
    await page.getByTestId('desk-menu').click();
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page.getByTestId('api-tokens-page').waitFor();

    await page.getByLabel('Integration name').fill('Control room bridge');
    await page.getByLabel(/Read threads/).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token').locator('output code').textContent()) ?? '';
    expect(secret).toMatch(/^sdt_/);
    const read = await fetch(`${desk.url}/api/threads`, { headers: { authorization: `Bearer ${secret}` } });
    expect(read.status).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke Control room bridge' }).click();
    await page.getByText(/^Revoked /).waitFor();
    expect((await fetch(`${desk.url}/api/threads`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    expect(violations).toEqual([]);
  });

  it('runs the inbox, the reports and the public chat with no Content-Security-Policy violation', async () => {
    const { email } = await desk.signIn('supervisor');
    const { page, violations } = await watchedPage();
    await signInThroughTheUi(page, desk.url, email);
    await page.getByTestId('desk-menu').click();
    await page.getByRole('menuitem', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto(`${desk.url}/contact/chat`);
    await page.getByRole('heading').first().waitFor();
    expect(violations).toEqual([]);
  });
});
