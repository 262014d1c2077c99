import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
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
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

describe('accounts, in a real browser', () => {
  it('lets an admin create an account — refusing a common password with the reason — and disable it', async () => {
    const { email } = await desk.signIn('admin');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(desk.url);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('open-accounts-admin').click();
    const dialog = page.getByTestId('accounts-admin');
    await dialog.getByLabel('Name').fill('Robin Newstarter');
    await dialog.getByLabel('Email').fill('robin.newstarter@force.test');
    await dialog.getByLabel(/^Password/).fill('Password2026!');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByRole('alert').getByText(/most common or breached/).waitFor();

    await dialog.getByLabel(/^Password/).fill('ginger lantern orbit meadow');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    const row = dialog.getByTestId('account-row').filter({ hasText: 'robin.newstarter@force.test' });
    await row.waitFor();
    await row.getByRole('button', { name: /Disable/ }).click();
    await row.getByText('Disabled').waitFor();
    const signIn = await desk.api('/api/auth/login', { body: { email: 'robin.newstarter@force.test', password: 'ginger lantern orbit meadow' } });
    expect(signIn.status).toBe(401);
    await page.close();
  });
});
