import { type Browser } from 'playwright-core';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('the inbox in a real browser', () => {
  it('shows a wrong password as an error on the login page', async () => {
    const { email } = await desk.signIn();
    const page = await browser.newPage();
    await page.goto(desk.url);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('not my password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/\S/);
    await page.close();
  });

  it('lets an agent sign in, see a new DM arrive without reloading, reply, and see the reply sent', async () => {
    const { email } = await desk.signIn();
    const page = await browser.newPage();
    await signInThroughTheUi(page, desk.url, email);

    await desk.facebook.sendUserMessage({ psid: '7300000000000001', name: 'Jo Bloggs', text: 'Someone has dumped a sofa in the lane behind Mill Road' });
    const item = page.getByTestId('thread-item').filter({ hasText: 'Someone has dumped a sofa' });
    await item.waitFor();
    expect(await item.getAttribute('data-reference')).toMatch(/^SMD-\d{4}-\d{6}$/);
    expect(await item.getAttribute('data-unread')).toBe('true');

    await item.click();
    const view = page.getByTestId('thread-view');
    await view.getByTestId('message').filter({ hasText: 'Someone has dumped a sofa' }).waitFor();
    await expect.poll(() => item.getAttribute('data-unread')).toBe('false');

    await page.getByTestId('composer-input').fill('Thanks for letting us know, we have passed it to the council.');
    await page.getByTestId('composer-send').click();

    const reply = view.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: 'passed it to the council' });
    await reply.waitFor();
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    await desk.sentToFacebook('Thanks for letting us know, we have passed it to the council.');
    await page.close();
  });

  it('shows the agent why a reply outside the messaging window failed', async () => {
    const { email } = await desk.signIn();
    await desk.facebook.sendUserMessage({ psid: '7300000000000002', text: 'Lost my dog near the park' });
    desk.facebook.setLastInboundAt('7300000000000002', Date.now() - 30 * 3600 * 1000);
    const page = await browser.newPage();
    await signInThroughTheUi(page, desk.url, email);
    await page.getByTestId('thread-item').filter({ hasText: 'Lost my dog near the park' }).click();
    await page.getByTestId('composer-input').fill('Has he turned up?');
    await page.getByTestId('composer-send').click();
    const failure = page.getByTestId('thread-view').getByTestId('message').filter({ hasText: 'Has he turned up?' }).getByTestId('message-failure');
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toMatch(/24-hour messaging window/);
    await page.close();
  });

  it('alerts the agent to an emergency at once and shows why it was rated so', async () => {
    const { email } = await desk.signIn();
    const page = await browser.newPage();
    await signInThroughTheUi(page, desk.url, email);
    await desk.facebook.sendUserMessage({ psid: '7300000000000003', text: 'theres a man with a knife outside the chip shop on high st threatening people' });
    const alert = page.getByTestId('emergency-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Emergency/);
    await alert.getByRole('button', { name: 'Open now' }).click();
    const reasons = page.getByTestId('thread-view').getByTestId('risk-reasons');
    await reasons.waitFor();
    expect(await reasons.textContent()).toMatch(/knife/i);
    await page.close();
  });

  it('shows who is on shift in the header and lets the agent step away and back', async () => {
    const { email } = await desk.signIn();
    const page = await browser.newPage();
    await signInThroughTheUi(page, desk.url, email);
    const shift = page.getByTestId('shift-bar');
    // Counted once the agent's socket has connected: on a loaded machine that can take over a second.
    await expect.poll(() => shift.textContent(), { timeout: 15_000 }).toMatch(/On shift: 1/);
    // A colleague opening the inbox, and leaving, shows at once (not at the half-minute refresh).
    const colleague = await desk.connectAgent((await desk.signIn()).cookie);
    await expect.poll(() => shift.textContent(), { timeout: 10_000 }).toMatch(/On shift: 2/);
    colleague.close();
    await expect.poll(() => shift.textContent(), { timeout: 10_000 }).toMatch(/On shift: 1/);
    await page.getByTestId('account-menu').click();
    await page.getByTestId('away-toggle').click();
    await expect.poll(() => shift.textContent(), { timeout: 10_000 }).toMatch(/away/);
    // Away shows on the agent's own name, without opening the menu.
    await page.getByTestId('away-badge').waitFor();
    await page.getByTestId('account-menu').click();
    expect(await page.getByTestId('away-toggle').textContent()).toBe('I’m back');
    await page.getByTestId('away-toggle').click();
    await page.getByTestId('away-badge').waitFor({ state: 'detached' });
    await page.getByTestId('account-menu').click();
    expect(await page.getByTestId('away-toggle').textContent()).toBe('Set away');
    await page.close();
  }, 60_000);
});
