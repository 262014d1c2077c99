import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadDetailResponse, ThreadSummary } from '../../shared/api';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { channels } from '../db/schema';

// Replies through the Send API against the fake Graph server: the messaging window, and what
// each kind of platform error does to a reply (contracts/platforms.md §2).

const HOUR = 60 * 60 * 1000;
let psidCounter = 7_500_000_000_000_000;
const newPsid = () => String((psidCounter += 1));

async function threadFor(desk: TestDesk, cookie: string, psid: string, hoursAgo = 0): Promise<ThreadSummary> {
  await desk.facebook.sendUserMessage({ psid, text: `Help please ${psid}`, timestamp: Date.now() - hoursAgo * HOUR });
  return eventually(async () => {
    const threads = (await desk.api('/api/threads', { cookie })).body.threads as ThreadSummary[];
    return threads.find((thread) => thread.lastMessagePreview.includes(psid));
  });
}

async function reply(desk: TestDesk, cookie: string, threadId: string, text: string) {
  return desk.api(`/api/threads/${threadId}/replies`, { cookie, body: { clientId: randomUUID(), text } });
}

async function messageOnceSettled(desk: TestDesk, cookie: string, threadId: string, messageId: string) {
  return eventually(async () => {
    const detail = (await desk.api(`/api/threads/${threadId}`, { cookie })).body as ThreadDetailResponse;
    const message = detail.messages.find((candidate) => candidate.id === messageId);
    return message && message.deliveryStatus !== 'queued' ? message : undefined;
  }, 15_000);
}

describe('the messaging window, without the Human Agent permission', () => {
  let desk: TestDesk;
  let cookie: string;
  beforeAll(async () => {
    desk = await startTestDesk();
    ({ cookie } = await desk.signIn());
  });
  afterAll(async () => desk?.close());

  it('sends a reply inside 24 hours as a standard RESPONSE', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid, 23);
    expect(thread.humanAgentTagAllowed).toBe(false);
    const platformReceived = desk.facebook.nextSentMessage(15_000);
    const response = await reply(desk, cookie, thread.id, 'Still within the day');
    expect(response.status).toBe(201);
    const sent = await platformReceived;
    expect(sent).toMatchObject({ recipientId: psid, messagingType: 'RESPONSE' });
    expect(sent.tag).toBeUndefined();
  });

  it('refuses a reply at 25 h before sending, saying the window has closed', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid, 25);
    const sendsBefore = desk.facebook.sentMessages.length;
    const response = await reply(desk, cookie, thread.id, 'Too late?');
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'messaging_window_closed', message: expect.stringMatching(/24-hour messaging window has closed/) });
    const detail = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
    expect(detail.messages.filter((message) => message.direction === 'out')).toHaveLength(0);
    expect(desk.facebook.sentMessages.length).toBe(sendsBefore);
  });
});

describe('the messaging window, with the Human Agent permission', () => {
  let desk: TestDesk;
  let cookie: string;
  beforeAll(async () => {
    desk = await startTestDesk({ environment: { FACEBOOK_HUMAN_AGENT_TAG: 'true' } });
    ({ cookie } = await desk.signIn());
  });
  afterAll(async () => desk?.close());

  it('sends a human agent’s reply at 3 days with the HUMAN_AGENT tag', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid, 72);
    expect(thread.humanAgentTagAllowed).toBe(true);
    const platformReceived = desk.facebook.nextSentMessage(15_000);
    const response = await reply(desk, cookie, thread.id, 'Following up on your report');
    expect(response.status).toBe(201);
    const sent = await platformReceived;
    expect(sent).toMatchObject({ recipientId: psid, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    const stored = await messageOnceSettled(desk, cookie, thread.id, response.body.message.id);
    expect(stored.deliveryStatus).toBe('sent');
  });

  it('still sends inside 24 hours without a tag', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid, 1);
    const platformReceived = desk.facebook.nextSentMessage(15_000);
    await reply(desk, cookie, thread.id, 'Quick answer');
    const sent = await platformReceived;
    expect(sent).toMatchObject({ messagingType: 'RESPONSE' });
  });

  it('refuses a reply beyond 7 days with a clear reason', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid, 7 * 24 + 1);
    const response = await reply(desk, cookie, thread.id, 'A week later');
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/7-day human agent window has closed/);
  });
});

describe('platform errors on send', () => {
  let desk: TestDesk;
  let cookie: string;
  beforeAll(async () => {
    desk = await startTestDesk({ environment: { FACEBOOK_RATE_LIMIT_BACKOFF_MS: '300' } });
    ({ cookie } = await desk.signIn());
  });
  afterAll(async () => desk?.close());

  it('code 613 delays the send until the limit lifts, and it is sent once', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid);
    desk.facebook.failNextSends(2, { httpStatus: 400, code: 613, message: '(# 613) Calls to this api have exceeded the rate limit.' });
    const response = await reply(desk, cookie, thread.id, 'Sent after the rate limit');
    const stored = await messageOnceSettled(desk, cookie, thread.id, response.body.message.id);
    expect(stored.deliveryStatus).toBe('sent');
    expect(desk.facebook.sentMessages.filter((sent) => sent.text === 'Sent after the rate limit')).toHaveLength(1);
  });

  it('retries a temporary failure (code 2) and sends once', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid);
    desk.facebook.failNextSends(1, { httpStatus: 500, code: 2, message: 'An unexpected error has occurred. Please retry your request later.' });
    const response = await reply(desk, cookie, thread.id, 'Sent after a hiccup');
    const stored = await messageOnceSettled(desk, cookie, thread.id, response.body.message.id);
    expect(stored.deliveryStatus).toBe('sent');
    expect(desk.facebook.sentMessages.filter((sent) => sent.text === 'Sent after a hiccup')).toHaveLength(1);
  });

  it('fails a reply to someone unavailable (551) with the reason, without retrying', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid);
    desk.facebook.failNextSends(1, { httpStatus: 400, code: 551, subcode: 1545041, message: 'This person isn’t available right now.' });
    const response = await reply(desk, cookie, thread.id, 'Are you there?');
    const stored = await messageOnceSettled(desk, cookie, thread.id, response.body.message.id);
    expect(stored).toMatchObject({ deliveryStatus: 'failed', failureReason: expect.stringMatching(/isn’t available/) });
  });

  it('an expired token marks the channel unhealthy and the message failed', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid);
    desk.facebook.failNextSends(1, { httpStatus: 400, code: 190, subcode: 463, message: 'Error validating access token: Session has expired' });
    const response = await reply(desk, cookie, thread.id, 'Will this go?');
    const stored = await messageOnceSettled(desk, cookie, thread.id, response.body.message.id);
    expect(stored).toMatchObject({ deliveryStatus: 'failed', failureReason: expect.stringMatching(/token has expired/) });

    const [channel] = await desk.desk.database.db.select().from(channels).where(eq(channels.type, 'facebook'));
    expect(channel).toMatchObject({ connectionStatus: 'unhealthy' });
    const shown = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
    expect(shown.thread.channelProblem).toMatch(/reconnect the Page/);

    // The next reply that goes through shows the channel healthy again.
    const next = await reply(desk, cookie, thread.id, 'Token renewed');
    await messageOnceSettled(desk, cookie, thread.id, next.body.message.id);
    const healed = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
    expect(healed.thread.channelProblem).toBeNull();
  });

  it('a missing permission (200) also marks the channel unhealthy', async () => {
    const psid = newPsid();
    const thread = await threadFor(desk, cookie, psid);
    desk.facebook.failNextSends(1, { httpStatus: 403, code: 200, message: '(#200) Requires pages_messaging permission' });
    const response = await reply(desk, cookie, thread.id, 'Permission?');
    const stored = await messageOnceSettled(desk, cookie, thread.id, response.body.message.id);
    expect(stored.failureReason).toMatch(/permission/);
    const shown = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
    expect(shown.thread.channelProblem).toMatch(/permission/);
  });
});
