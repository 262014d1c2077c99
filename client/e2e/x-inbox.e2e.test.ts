import { type Browser } from 'playwright-core';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
let browser: Browser;

beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: false } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

describe('X DMs in the inbox, in a real browser', () => {
  it('shows an X DM beside a Facebook one, labelled X, and sends the agent’s reply to X', async () => {
    const { email } = await desk.signIn();
    const page = await browser.newPage();
    await signInThroughTheUi(page, desk.url, email);

    await desk.facebook.sendUserMessage({ psid: '7400000000000001', text: 'Van parked on the zigzags outside the school' });
    await desk.x!.sendUserDm({ userId: '1402938475610293847', name: 'Carys Jones', username: 'carys_j', text: 'Traffic lights out at the Tŷ Coch junction' });

    const facebookItem = page.getByTestId('thread-item').filter({ hasText: 'Van parked on the zigzags' });
    const xItem = page.getByTestId('thread-item').filter({ hasText: 'Traffic lights out at the Tŷ Coch junction' });
    await facebookItem.waitFor({ timeout: 15_000 });
    await xItem.waitFor({ timeout: 15_000 });
    expect(await xItem.getByText('X', { exact: true }).count()).toBe(1);
    expect(await facebookItem.getByText('Facebook', { exact: true }).count()).toBe(1);

    await xItem.click();
    const sentToX = desk.x!.nextSentDm(15_000);
    await page.getByTestId('composer-input').fill('Thanks Carys, we have told the council.');
    await page.getByTestId('composer-send').click();
    const reply = page.getByTestId('thread-view').locator('[data-testid="message"][data-direction="out"]').filter({ hasText: 'told the council' });
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    expect(await sentToX).toMatchObject({ participantId: '1402938475610293847', text: 'Thanks Carys, we have told the council.' });
    await page.close();
  });
});
