import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeX, X_ENDPOINTS, type FakeX } from '../../scripts/fake-x/server';
import { TINY_GIF, TINY_JPEG, TINY_PNG } from '../../scripts/testing/images';
import { createXClient } from './client';
import { uploadXImage } from './media';
import { publishThread } from './publish';
import { sendXReply } from './send';

// Images through the real twitter-api-v2 client, redirected to the fake X API (contract §7, §8).

const ACCOUNT = '1578398451921985538';
const CREDENTIALS = { consumerKey: 'ck-test', consumerSecret: 'cs-test', accessToken: 'at-test', accessTokenSecret: 'ats-test' };

let fake: FakeX;
beforeEach(async () => {
  fake = await startFakeX({ userId: ACCOUNT, consumerKey: CREDENTIALS.consumerKey, consumerSecret: CREDENTIALS.consumerSecret, accessToken: CREDENTIALS.accessToken });
});
afterEach(async () => {
  await fake?.close();
});

const client = () => createXClient({ ...CREDENTIALS, apiUrl: fake.baseUrl });
const noop = async () => {};

describe('uploading an image to X', () => {
  it('sends it in chunks (INITIALIZE, APPEND…, FINALIZE) and X reassembles the same bytes', async () => {
    const image = Buffer.concat([TINY_PNG, Buffer.alloc(100, 7)]);
    // A 16-byte chunk size forces several APPENDs, each a multipart body with its segment_index.
    const mediaId = await client().v2.uploadMedia(image, { media_type: 'image/png' }, 16);
    const media = fake.media.media.get(mediaId)!;
    expect(media.chunks.size).toBe(Math.ceil(image.length / 16));
    expect(fake.media.bytesOf(media).equals(image)).toBe(true);
    expect(media.isFinalized).toBe(true);
  });

  it('sets the alt text with media metadata create', async () => {
    const mediaId = await uploadXImage(client(), { data: TINY_JPEG, contentType: 'image/jpeg', altText: 'A red hatchback with a dented door' }, 'tweet_image');
    expect(fake.media.media.get(mediaId)).toMatchObject({ mediaType: 'image/jpeg', altText: 'A red hatchback with a dented door' });
  });

  it('reports a refused upload as a connector error the desk can show', async () => {
    fake.failNext(X_ENDPOINTS.uploadMedia, 1, { status: 503, body: { title: 'Service Unavailable', type: 'about:blank', status: 503 } });
    await expect(uploadXImage(client(), { data: TINY_PNG, contentType: 'image/png' }, 'dm_image')).rejects.toMatchObject({ kind: 'transient' });
  });
});

describe('posts with images', () => {
  it('puts up to 4 images, each with its alt text, on the opening post of a thread only', async () => {
    const images = [TINY_JPEG, TINY_PNG, TINY_GIF, TINY_PNG].map((data, n) => ({ data, contentType: ['image/jpeg', 'image/png', 'image/gif', 'image/png'][n]!, altText: `Photo ${n + 1}` }));
    const thread = await publishThread(client(), ['Appeal (1/2)', 'More (2/2)'], [], noop, images);

    const [opening, second] = thread.postIds.map((id) => fake.tweets.tweets.find((tweet) => tweet.id === id)!);
    expect(opening!.mediaIds).toHaveLength(4);
    expect(opening!.mediaIds.map((id) => fake.media.media.get(id)!.altText)).toEqual(['Photo 1', 'Photo 2', 'Photo 3', 'Photo 4']);
    expect(second!.mediaIds).toEqual([]);
  });

  it('refuses a fifth image before uploading anything', async () => {
    const five = Array.from({ length: 5 }, () => ({ data: TINY_PNG, contentType: 'image/png', altText: 'x' }));
    await expect(publishThread(client(), ['Five'], [], noop, five)).rejects.toMatchObject({ kind: 'permanent' });
    expect(fake.media.media.size).toBe(0);
  });

  it('uploads no image again when a thread resumes after its opening post', async () => {
    const first = await publishThread(client(), ['Resume (1/2)'], [], noop);
    await publishThread(client(), ['Resume (1/2)', 'Resume (2/2)'], first.postIds, noop, [{ data: TINY_PNG, contentType: 'image/png', altText: 'Map' }]);
    expect(fake.media.media.size).toBe(0);
  });
});

describe('DMs with an image', () => {
  it('sends the DM with its one uploaded media id', async () => {
    const sent = await sendXReply(client(), {
      recipientId: '944480690',
      platformConversationId: `944480690-${ACCOUNT}`,
      text: 'Is this the van?',
      attachments: [{ type: 'image', image: { data: TINY_JPEG, contentType: 'image/jpeg' } }],
    });
    const [dm] = fake.sentDms;
    expect(dm).toMatchObject({ eventId: sent.platformMessageId, text: 'Is this the van?' });
    expect(fake.media.bytesOf(fake.media.media.get(dm!.mediaIds[0]!)!).equals(TINY_JPEG)).toBe(true);
  });

  it('refuses two images on one DM, as X takes exactly one', async () => {
    const image = { type: 'image' as const, image: { data: TINY_PNG, contentType: 'image/png' } };
    await expect(
      sendXReply(client(), { recipientId: '944480690', platformConversationId: 'x', text: 'Two', attachments: [image, image] }),
    ).rejects.toMatchObject({ kind: 'permanent' });
    expect(fake.sentDms).toEqual([]);
  });
});
