import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../services/chromium';
import { TEST_PASSWORD } from './test-desk';

/** Debian's chromium, headless. Flags from the machine notes: a closed network, root without a sandbox. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync('dist/client/index.html')) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the client did not build');
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in through the login page as an agent would, and waits for the inbox. */
export async function signInThroughTheUi(page: Page, deskUrl: string, email: string): Promise<void> {
  await page.goto(deskUrl);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('inbox').waitFor();
}
