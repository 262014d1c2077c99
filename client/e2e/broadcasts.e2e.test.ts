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
  desk = await startTestDesk({ x: { hasAccountActivity: false } });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function broadcastsPage(role: 'agent' | 'supervisor'): Promise<Page> {
  const { email } = await desk.signIn(role);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(desk.url);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('desk-menu').click();
  await page.getByTestId('open-broadcasts').click();
  await page.getByTestId('broadcasts-page').waitFor();
  return page;
}

describe('broadcasts, in a real browser', () => {
  it('composes a missing-person appeal from the template, has a supervisor approve it, and shows it published on Facebook and X', async () => {
    const agentPage = await broadcastsPage('agent');
    await agentPage.getByTestId('new-broadcast').click();
    await agentPage.getByTestId('broadcast-template').selectOption('missing_person');
    await agentPage.getByTestId('broadcast-field-name').fill('Megan Price');
    await agentPage.getByTestId('broadcast-field-age').fill('15');
    await agentPage.getByTestId('broadcast-field-description').fill('Long red hair, green parka');
    await agentPage.getByTestId('broadcast-field-lastSeen').fill('Wind Street, Swansea, at 9pm');
    await agentPage.getByTestId('broadcast-field-reference').fill('SW-2211');
    expect(await agentPage.getByTestId('broadcast-text').inputValue()).toBe(
      'MISSING: Have you seen Megan Price, aged 15? Long red hair, green parka. Last seen Wind Street, Swansea, at 9pm. If you see them, call 999 quoting SW-2211.',
    );
    await agentPage.getByTestId('broadcast-x-preview').getByText('/280').waitFor();
    await agentPage.getByTestId('broadcast-submit').click();
    const agentCard = agentPage.getByTestId('broadcast').filter({ hasText: 'Megan Price' });
    await agentCard.getByTestId('broadcast-status').getByText('awaiting approval').waitFor();
    expect(await agentCard.getByTestId('broadcast-approve').count()).toBe(0);

    const supervisorPage = await broadcastsPage('supervisor');
    await supervisorPage.getByTestId('broadcast').filter({ hasText: 'Megan Price' }).getByTestId('broadcast-approve').click();

    // The agent's page follows each channel live, without reloading.
    await agentCard.locator('[data-testid="broadcast-channel-status-facebook"][data-status="published"]').waitFor();
    await agentCard.locator('[data-testid="broadcast-channel-status-twitter"][data-status="published"]').waitFor();
    expect(await agentCard.getByRole('link', { name: 'view' }).count()).toBe(2);
    expect(desk.facebook.posts.filter((post) => post.message?.includes('Megan Price'))).toHaveLength(1);
    expect(desk.x!.tweets.live().filter((tweet) => tweet.text.includes('Megan Price'))).toHaveLength(1);
    await agentPage.screenshot({ path: 'dist/broadcasts-published.png' });
    await agentPage.close();
    await supervisorPage.close();
  });
});
