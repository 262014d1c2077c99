import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadDetailResponse, ThreadSummary } from '../../shared/api';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

// Instagram DMs of the account linked to the Page (contracts/platforms.md §9): the same webhook
// with `object: "instagram"`, IGSIDs, the Page's Send API, `platform=instagram` polling.

const INSTAGRAM_ID = '17841400000000001';
let desk: TestDesk;
let cookie: string;
beforeAll(async () => {
  desk = await startTestDesk({
    facebook: { instagramAccountId: INSTAGRAM_ID, deliverEchoes: true },
    environment: { FACEBOOK_INSTAGRAM_ACCOUNT_ID: INSTAGRAM_ID, FACEBOOK_INSTAGRAM_NAME: 'anytownpolice', FACEBOOK_POLL_INTERVAL_MS: '300' },
  });
  ({ cookie } = await desk.signIn());
});
afterAll(async () => {
  await desk?.close();
});

async function threadWith(text: string): Promise<ThreadSummary> {
  return eventually(async () => {
    const threads = (await desk.api('/api/threads', { cookie })).body.threads as ThreadSummary[];
    return threads.find((thread) => thread.lastMessagePreview === text);
  });
}

describe('Instagram DMs through the Messenger Platform', () => {
  it('stores an Instagram DM as its own channel, and the reply goes to the IGSID once, its echo matched', async () => {
    const igsid = '6400000000000001';
    const { status } = await desk.facebook.sendInstagramMessage({ psid: igsid, text: 'Saw your post about the missing dog' });
    expect(status).toBe(200);
    const thread = await threadWith('Saw your post about the missing dog');
    expect(thread.channel).toBe('instagram');

    const platformReceived = desk.facebook.nextSentMessage(15_000);
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Thank you, where was it?' } });
    expect(reply.status).toBe(201);
    expect(await platformReceived).toMatchObject({ recipientId: igsid, viaInstagram: true, messagingType: 'RESPONSE' });

    await eventually(async () => {
      const detail = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
      return detail.messages.find((message) => message.id === reply.body.message.id && message.deliveryStatus === 'sent');
    });
    await desk.inboundSettled();
    const detail = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
    expect(detail.messages.map((message) => message.direction)).toEqual(['in', 'out']);
  });

  it('recovers an Instagram DM whose webhook never arrived by polling platform=instagram', async () => {
    const igsid = '6400000000000002';
    desk.facebook.receiveWithoutWebhook({ psid: igsid, name: 'Robin', text: 'Webhook lost on Instagram' }, { toInstagram: true });
    const thread = await threadWith('Webhook lost on Instagram');
    expect(thread).toMatchObject({ channel: 'instagram', contact: { displayName: 'Robin' } });
  });
});
