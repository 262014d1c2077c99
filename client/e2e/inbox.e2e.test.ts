import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/services/chromium';
import { startTestDesk, TEST_PASSWORD, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync('dist/client/index.html')) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the client did not build');
  }
  desk = await startTestDesk();
  // Flags from the machine notes: no background networking on a closed network, root needs no sandbox.
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function signInThroughTheUi(page: Page, email: string) {
  await page.goto(desk.url);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('inbox').waitFor();
}

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
    await signInThroughTheUi(page, email);

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
    await signInThroughTheUi(page, email);
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
    await signInThroughTheUi(page, email);
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
});
