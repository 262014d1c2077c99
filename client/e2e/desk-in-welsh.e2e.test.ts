import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems } from '../../scripts/testing/accessibility';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

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

/** A fresh browser context each time: another desk machine, with nothing remembered locally. */
async function onAnotherMachine(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signInThroughTheUi(page, desk.url, email);
  return page;
}


describe('the desk in Welsh, in a real browser', () => {
  it('switches an agent’s screens to Welsh and keeps them Welsh when they sign in on another machine', async () => {
    const { email, cookie } = await desk.signIn();
    await messageArrives(desk, cookie, { text: 'Mae fy meic wedi cael ei ddwyn o’r orsaf' });
    const page = await onAnotherMachine(email);
    expect(await page.locator('#thread-list-title').textContent()).toContain('Conversations');

    await page.getByTestId('account-menu').click();
    await page.getByTestId('ui-language').click();
    await expect.poll(() => page.locator('#thread-list-title').textContent()).toContain('Sgyrsiau');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.getByTestId('view-attention').textContent()).toBe('Angen sylw');
    await page.getByTestId('thread-item').filter({ hasText: 'meic wedi cael ei ddwyn' }).click();
    await expect.poll(() => page.getByTestId('thread-status').textContent()).toBe('Newydd');
    expect(await page.locator('.composer-label').textContent()).toBe('Ateb Sam Taylor');
    expect(await page.getByTestId('action-take').textContent()).toContain('Cymryd');
    // Chromium has no Welsh locale data: the dates come from the translations, not English from Intl.
    expect(await page.getByTestId('message').first().locator('time').getAttribute('title')).toMatch(/^dydd \S+ \d{1,2} \S+ \d{4} am \d\d:\d\d$/);
    await page.screenshot({ path: 'dist/desk-in-welsh.png' });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.context().close();

    const elsewhere = await onAnotherMachine(email);
    await expect.poll(() => elsewhere.locator('#thread-list-title').textContent()).toContain('Sgyrsiau');
    await elsewhere.getByTestId('account-menu').click();
    expect(await elsewhere.getByTestId('ui-language').textContent()).toContain('English');
    await elsewhere.getByTestId('ui-language').click();
    await expect.poll(() => elsewhere.locator('#thread-list-title').textContent()).toContain('Conversations');
    expect(await elsewhere.getAttribute('html', 'lang')).toBe('en-GB');
    await elsewhere.context().close();
  });

  it('leaves a colleague’s screens in English when one agent chooses Welsh', async () => {
    const welshSpeaker = await desk.signIn();
    const colleague = await desk.signIn('supervisor');
    await desk.api('/api/auth/me/language', { method: 'PUT', cookie: welshSpeaker.cookie, body: { uiLanguage: 'cy' } });
    const page = await onAnotherMachine(colleague.email);
    expect(await page.getByTestId('view-attention').textContent()).toBe('Needs attention');
    await page.context().close();
  });
});
