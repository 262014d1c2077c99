import { type Browser, type Page } from 'playwright-core';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_PAGE_ID, type TestDesk } from '../../scripts/testing/test-desk';

// What an agent sees of Facebook's particulars: the messaging window, reactions and edits.

const HOUR = 60 * 60 * 1000;
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

async function openThreadInTheUi(text: string): Promise<Page> {
  const { email } = await desk.signIn();
  const page = await browser.newPage();
  await signInThroughTheUi(page, desk.url, email);
  await page.getByTestId('thread-item').filter({ hasText: text }).click();
  await page.getByTestId('thread-view').getByTestId('message').filter({ hasText: text }).waitFor();
  return page;
}

describe('a Facebook thread in a real browser', () => {
  it('shows how long the reply window stays open, and a reaction and an edit as they arrive', async () => {
    const psid = '7700000000000001';
    await desk.facebook.sendUserMessage({ psid, text: 'My bike was taken from the station', mid: 'm_bike_7700', timestamp: Date.now() - 20 * HOUR });
    const page = await openThreadInTheUi('My bike was taken from the station');
    expect(await page.getByTestId('messaging-window').textContent()).toMatch(/^Reply window: (3 h \d+ min|4 h 0 min) left$/);

    const person = { sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: Date.now() };
    await desk.facebook.deliverEvents([{ ...person, reaction: { mid: 'm_bike_7700', action: 'react', reaction: 'sad', emoji: '\u{1F622}' } }]);
    await expect.poll(() => page.getByTestId('message-reactions').textContent()).toBe('😢');

    await desk.facebook.deliverEvents([{ ...person, message_edit: { mid: 'm_bike_7700', text: 'My red bike was taken from the station', num_edit: 1 } }]);
    const edited = page.getByTestId('message').filter({ hasText: 'My red bike was taken from the station' });
    await edited.getByTestId('message-edited').waitFor();
    await page.close();
  });

  it('says the window has closed before the agent types, and keeps the composer shut', async () => {
    await desk.facebook.sendUserMessage({ psid: '7700000000000002', text: 'Any news about my wallet?', timestamp: Date.now() - 25 * HOUR });
    const page = await openThreadInTheUi('Any news about my wallet?');
    expect(await page.getByTestId('messaging-window').textContent()).toBe('Reply window closed');
    expect(await page.getByTestId('composer-closed').textContent()).toMatch(/24-hour messaging window has closed/);
    expect(await page.getByTestId('composer-input').isDisabled()).toBe(true);
    expect(await page.getByTestId('composer-send').isDisabled()).toBe(true);
    await page.close();
  });
});

describe('a Facebook Page whose token has expired', () => {
  it('shows the agent the failed reply and that the Page must be reconnected', async () => {
    await desk.facebook.sendUserMessage({ psid: '7700000000000003', text: 'Can someone call me back?' });
    const page = await openThreadInTheUi('Can someone call me back?');
    desk.facebook.failNextSends(1, { httpStatus: 400, code: 190, subcode: 463, message: 'Error validating access token: Session has expired' });
    await page.getByTestId('composer-input').fill('We will call you within the hour.');
    await page.getByTestId('composer-send').click();

    const failure = page.getByTestId('thread-view').getByTestId('message-failure');
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toMatch(/token has expired/);
    await expect.poll(() => page.getByTestId('channel-problem').textContent(), { timeout: 15_000 }).toMatch(/Facebook cannot send: .*reconnect the Page/);
    await page.close();
  });
});
