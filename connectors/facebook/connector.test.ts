import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector';
import { startFakeFacebook, type FakeFacebook } from '../../scripts/fake-facebook/server';
import { createFacebookConnector, type FacebookConnector } from './index';

// The connector's production code against the fake Graph server over HTTP.

const PAGE_ID = '104857600000009';
const TOKEN = 'EAAB-connector-test';
let fake: FakeFacebook;
let connector: FacebookConnector;

beforeAll(async () => {
  fake = await startFakeFacebook({ appSecret: 'secret', pageId: PAGE_ID, pageAccessToken: TOKEN });
  connector = createFacebookConnector({ graphUrl: fake.baseUrl, graphVersion: 'v25.0', pageId: PAGE_ID, pageAccessToken: TOKEN, pageName: 'Anytown Police' });
});
afterAll(async () => fake?.close());

describe('sending', () => {
  it('sends text and each attachment in separate Send API calls, keeping the text’s message id', async () => {
    const psid = '7600000000000001';
    fake.receiveWithoutWebhook({ psid, text: 'Where do I collect my bike?' });
    const result = await connector.send({
      recipientId: psid,
      platformConversationId: psid,
      text: 'Here is the map.',
      attachments: [{ type: 'image', url: 'https://police.example/map.png' }],
    });
    const calls = fake.sentMessages.filter((sent) => sent.recipientId === psid);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ text: 'Here is the map.', messageId: result.platformMessageId });
    expect(calls[1]!.text).toBeUndefined();
  });

  it('waits as long as Meta’s usage header says after a rate limit', async () => {
    const psid = '7600000000000002';
    fake.receiveWithoutWebhook({ psid, text: 'Hello' });
    fake.failNextSends(1, { httpStatus: 400, code: 80006, message: 'There have been too many messages sent to this Messenger user.', minutesToRegainAccess: 3 });
    const failure = await connector.send({ recipientId: psid, platformConversationId: psid, text: 'Hi' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({ kind: 'rate_limited', details: { platformCode: 80006, retryAfterMs: 3 * 60_000 } });
  });
});

describe('publishing to the Page', () => {
  it('posts text with a link to the feed and returns the post id and permalink', async () => {
    const post = await connector.publish({ text: 'A1 closed northbound J5-J6', link: 'https://police.example/roads' });
    expect(post.postId).toMatch(new RegExp(`^${PAGE_ID}_\\d+$`));
    expect(post.permalink).toBe(`https://www.facebook.com/${PAGE_ID}/posts/${post.postId.split('_')[1]}`);
    expect(fake.posts.find((stored) => stored.id === post.postId)).toMatchObject({ message: 'A1 closed northbound J5-J6', link: 'https://police.example/roads', published: true });
  });

  it('posts a photo with its caption', async () => {
    const post = await connector.publish({ text: 'Missing: have you seen Sam?', photoUrl: 'https://police.example/missing.jpg' });
    expect(fake.posts.find((stored) => stored.id === post.postId)).toMatchObject({ message: 'Missing: have you seen Sam?', photoUrl: 'https://police.example/missing.jpg' });
  });

  it('schedules a post between 10 minutes and 30 days ahead, unpublished until then', async () => {
    const scheduledAt = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const post = await connector.publish({ text: 'Road closure tonight', scheduledAt });
    expect(post.scheduledAt).toEqual(scheduledAt);
    const stored = fake.posts.find((candidate) => candidate.id === post.postId)!;
    expect(stored.published).toBe(false);
    expect(Math.abs(stored.scheduledFor! - scheduledAt.getTime())).toBeLessThan(1000);
  });

  it('refuses a schedule under 10 minutes or over 30 days ahead before calling Facebook', async () => {
    const postsBefore = fake.posts.length;
    await expect(connector.publish({ text: 'Too soon', scheduledAt: new Date(Date.now() + 5 * 60 * 1000) })).rejects.toThrow(/at least 10 minutes/);
    await expect(connector.publish({ text: 'Too far', scheduledAt: new Date(Date.now() + 31 * 24 * 60 * 60 * 1000) })).rejects.toThrow(/at most 30 days/);
    expect(fake.posts.length).toBe(postsBefore);
  });

  it('edits and deletes a published post', async () => {
    const post = await connector.publish({ text: 'Appeal: witnesses to a collision' });
    await connector.editPost(post.postId, 'Appeal: witnesses to a collision on the A6');
    expect(fake.posts.find((stored) => stored.id === post.postId)).toMatchObject({ message: 'Appeal: witnesses to a collision on the A6', editCount: 1 });
    await connector.deletePost(post.postId);
    expect(fake.posts.find((stored) => stored.id === post.postId)!.deleted).toBe(true);
    await expect(connector.deletePost(post.postId)).rejects.toBeInstanceOf(ConnectorError);
  });
});
