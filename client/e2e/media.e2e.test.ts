import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { TINY_PNG } from '../../scripts/testing/images';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

// Images as an agent handles them in a real browser: on a reply, and on a broadcast with alt text.

let desk: TestDesk;
let browser: Browser;

beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: false } });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function signedInPage(): Promise<Page> {
  const { email } = await desk.signIn();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInThroughTheUi(page, desk.url, email);
  return page;
}

const png = (name: string) => ({ name, mimeType: 'image/png', buffer: TINY_PNG });

describe('images in a real browser', () => {
  it('attaches an image to a Facebook reply, sees it in the thread, and the person receives it', async () => {
    await desk.facebook.sendUserMessage({ psid: '7710000000000001', text: 'Which car park is it?' });
    const page = await signedInPage();
    await page.getByTestId('thread-item').filter({ hasText: 'Which car park is it?' }).click();
    await page.getByTestId('reply-image-input').setInputFiles(png('car-park.png'));
    await page.getByTestId('reply-image').waitFor();
    await page.getByTestId('composer-input').fill('This one, behind the station.');
    await page.getByTestId('composer-send').click();

    await page.getByTestId('thread-view').getByTestId('desk-image').waitFor();
    const sent = await eventually(async () => desk.facebook.sentMessages.find((message) => message.recipientId === '7710000000000001' && message.attachment));
    expect(sent.attachment!.upload!.data.equals(TINY_PNG)).toBe(true);
    await page.close();
  });

  it('refuses a file that is not an image with the desk’s reason', async () => {
    await desk.facebook.sendUserMessage({ psid: '7710000000000002', text: 'Can I send you a document?' });
    const page = await signedInPage();
    await page.getByTestId('thread-item').filter({ hasText: 'Can I send you a document?' }).click();
    await page.getByTestId('reply-image-input').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
    await expect.poll(() => page.getByTestId('reply-image-error').textContent()).toMatch(/Only images can be attached/);
    await page.close();
  });

  it('will not publish a broadcast image without alt text, then publishes it with the description on both channels', async () => {
    const page = await signedInPage();
    await page.getByTestId('desk-menu').click();
    await page.getByTestId('open-broadcasts').click();
    await page.getByTestId('new-broadcast').click();
    await page.getByTestId('broadcast-template').selectOption('road_closure');
    await page.getByTestId('broadcast-field-road').fill('A4119');
    await page.getByTestId('broadcast-field-junction').fill('Tonyrefail roundabout');
    await page.getByTestId('broadcast-image-input').setInputFiles(png('closure-map.png'));
    await page.getByTestId('broadcast-image-alt-0').waitFor();

    await page.getByTestId('broadcast-submit').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/describe each image \(alt text\)/);
    expect(desk.facebook.posts.filter((post) => post.message?.includes('A4119'))).toHaveLength(0);

    await page.getByTestId('broadcast-image-alt-0').fill('Map of the A4119 closed at Tonyrefail roundabout');
    await page.getByTestId('broadcast-submit').click();
    const card = page.getByTestId('broadcast').filter({ hasText: 'A4119' });
    await card.locator('[data-testid="broadcast-channel-status-facebook"][data-status="published"]').waitFor();
    await card.locator('[data-testid="broadcast-channel-status-twitter"][data-status="published"]').waitFor();
    expect(await card.getByTestId('broadcast-image-list').textContent()).toContain('Alt text: Map of the A4119 closed at Tonyrefail roundabout');

    const [post] = desk.facebook.posts.filter((candidate) => candidate.message?.includes('A4119'));
    expect(desk.facebook.photos.find((photo) => photo.id === post!.photoIds[0])?.altText).toBe('Map of the A4119 closed at Tonyrefail roundabout');
    const [tweet] = desk.x!.tweets.live().filter((candidate) => candidate.text.includes('A4119'));
    expect(desk.x!.media.media.get(tweet!.mediaIds[0]!)?.altText).toBe('Map of the A4119 closed at Tonyrefail roundabout');
    await page.close();
  });
});
