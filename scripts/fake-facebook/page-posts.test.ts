import { describe, expect, it } from 'vitest';
import { HOUR, PAGE_ID, PAGE_TOKEN, startHarness } from './test-harness';

const MINUTE = 60 * 1000;
const auth = { access_token: PAGE_TOKEN };

describe('Page publishing (contract §4)', () => {
  it('answers a feed post with a {page-id}_{post-id} id', async () => {
    const { graph } = await startHarness();
    const response = await graph('POST', `/v25.0/${PAGE_ID}/feed`, { params: auth, data: { message: 'A1 closed', link: 'https://police.example/roads' } });
    expect(response.status).toBe(200);
    expect(response.body.id).toMatch(new RegExp(`^${PAGE_ID}_\\d{15}$`));
  });

  it('answers a photo with its photo id and the post id', async () => {
    const { graph } = await startHarness();
    const response = await graph('POST', `/v25.0/${PAGE_ID}/photos`, { params: auth, data: { url: 'https://police.example/missing.jpg', caption: 'Missing' } });
    expect(response.body).toEqual({ id: expect.stringMatching(/^\d{15}$/), post_id: expect.stringMatching(new RegExp(`^${PAGE_ID}_`)) });
  });

  it('accepts a schedule 10 minutes to 30 days ahead in Unix seconds or ISO 8601, only unpublished', async () => {
    const { graph, clock, fake } = await startHarness();
    const inAnHour = Math.floor((clock.now + HOUR) / 1000);
    const seconds = await graph('POST', `/v25.0/${PAGE_ID}/feed`, { params: auth, data: { message: 'Later', published: false, scheduled_publish_time: inAnHour } });
    expect(seconds.status).toBe(200);
    const iso = await graph('POST', `/v25.0/${PAGE_ID}/feed`, {
      params: auth,
      data: { message: 'Later too', published: 'false', scheduled_publish_time: new Date(clock.now + 29 * 24 * HOUR).toISOString() },
    });
    expect(iso.status).toBe(200);
    expect(fake.posts.map((post) => post.published)).toEqual([false, false]);
  });

  it('refuses a schedule under 10 minutes, over 30 days, or on a published post', async () => {
    const { graph, clock } = await startHarness();
    const at = (ms: number) => Math.floor((clock.now + ms) / 1000);
    const tooSoon = await graph('POST', `/v25.0/${PAGE_ID}/feed`, { params: auth, data: { message: 'x', published: false, scheduled_publish_time: at(9 * MINUTE) } });
    const tooLate = await graph('POST', `/v25.0/${PAGE_ID}/feed`, { params: auth, data: { message: 'x', published: false, scheduled_publish_time: at(31 * 24 * HOUR) } });
    const published = await graph('POST', `/v25.0/${PAGE_ID}/feed`, { params: auth, data: { message: 'x', scheduled_publish_time: at(HOUR) } });
    for (const response of [tooSoon, tooLate, published]) {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(100);
    }
  });

  it('edits and deletes a post, and knows no deleted post', async () => {
    const { graph } = await startHarness();
    const { body } = await graph('POST', `/v25.0/${PAGE_ID}/feed`, { params: auth, data: { message: 'Appeal' } });
    expect((await graph('POST', `/v25.0/${body.id}`, { params: auth, data: { message: 'Appeal (updated)' } })).body).toEqual({ success: true });
    const deleted = await graph('DELETE', `/v25.0/${body.id}`, { params: auth });
    expect(deleted.body).toEqual({ success: true });
    expect((await graph('DELETE', `/v25.0/${body.id}`, { params: auth })).body.error.code).toBe(100);
  });

  it('answers a rate-limited call with the business use case usage header', async () => {
    const { fake, send } = await startHarness();
    await fake.sendUserMessage({ psid: '24000000000000009', text: 'Hi' });
    fake.failNextSends(1, { httpStatus: 400, code: 613, message: '(# 613) Calls to this api have exceeded the rate limit.', minutesToRegainAccess: 5 });
    const response = await send({ recipient: { id: '24000000000000009' }, messaging_type: 'RESPONSE', message: { text: 'Hi' } });
    expect(response.body.error.code).toBe(613);
    const usage = JSON.parse(String(response.headers['x-business-use-case-usage']));
    expect(usage[PAGE_ID][0].estimated_time_to_regain_access).toBe(5);
  });
});
