import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextNewMessage, nextThreadUpdate } from '../scripts/testing/agent-pushes';
import { eventually, nextEvent, startTestDesk, type TestDesk } from '../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('one direct message, end to end', () => {
  it('reaches a signed-in agent live with a reference number, and the agent’s reply reaches the sender', async () => {
    const { cookie } = await desk.signIn();
    const socket = await desk.connectAgent(cookie);
    const threadPushed = nextThreadUpdate(socket, (thread) => thread.lastMessagePreview === 'Car blocking my drive on Elm Street');
    // Webhooks carry no name: the User Profile API's follows the message, in a second push.
    const namePushed = nextThreadUpdate(socket, (thread) => thread.contact.displayName === 'Jo Bloggs');
    const messagePushed = nextNewMessage(socket, (message) => message.text === 'Car blocking my drive on Elm Street');

    const { status } = await desk.facebook.sendUserMessage({ psid: '7200000000000001', name: 'Jo Bloggs', text: 'Car blocking my drive on Elm Street' });
    expect(status).toBe(200);

    const thread = await threadPushed;
    expect(thread.reference).toMatch(/^SMD-\d{4}-\d{6}$/);
    expect(thread.unread).toBe(true);
    expect(thread.channel).toBe('facebook');
    expect((await namePushed).id).toBe(thread.id);
    const inbound = await messagePushed;
    expect(inbound.direction).toBe('in');
    expect(inbound.threadId).toBe(thread.id);

    const replyText = 'Thanks Jo, we are sending someone to look.';
    const sentPushed = nextEvent(socket, 'message:updated', (message) => message.deliveryStatus === 'sent' && message.text === replyText);
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, {
      cookie,
      body: { clientId: randomUUID(), text: 'Thanks Jo, we are sending someone to look.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message.deliveryStatus).toBe('queued');

    const delivered = await desk.sentToFacebook('Thanks Jo, we are sending someone to look.');
    expect(delivered).toMatchObject({ recipientId: '7200000000000001', text: 'Thanks Jo, we are sending someone to look.' });
    const sent = await sentPushed;
    expect(sent.id).toBe(reply.body.message.id);

    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
    const conversation = detail.body.messages.map((message: { direction: string; kind: string }) => `${message.direction} ${message.kind}`);
    expect(conversation).toEqual(['in text', 'out text']);
    expect(detail.body.messages.at(-1).deliveryStatus).toBe('sent');
  });

  it('sends a reply retried with the same client id once', async () => {
    const { cookie } = await desk.signIn();
    await desk.facebook.sendUserMessage({ psid: '7200000000000002', text: 'Is the A6 still closed?' });
    const thread = await findThreadByPreview(cookie, 'Is the A6 still closed?');
    const sendsBefore = desk.facebook.sentMessages.length;
    const clientId = randomUUID();
    const attempts = await Promise.all(
      [1, 2, 3].map(() => desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId, text: 'It reopened at 9am.' } })),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(attempts.map((attempt) => attempt.body.message.id)).size).toBe(1);
    const sendsOfReply = () => desk.facebook.sentMessages.slice(sendsBefore).filter((sent) => sent.text === 'It reopened at 9am.');
    await eventually(async () => sendsOfReply().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a second, wrong, send to show up
    expect(sendsOfReply()).toHaveLength(1);
  });

  it('marks a reply outside the 24-hour window failed, with the reason, for every agent to see', async () => {
    const { cookie } = await desk.signIn();
    await desk.facebook.sendUserMessage({ psid: '7200000000000003', text: 'Found a wallet on the bus' });
    const thread = await findThreadByPreview(cookie, 'Found a wallet on the bus');
    desk.facebook.setLastInboundAt('7200000000000003', Date.now() - 25 * 3600 * 1000);
    const socket = await desk.connectAgent(cookie);
    const failedPushed = nextEvent(socket, 'message:updated', (message) => message.deliveryStatus === 'failed' && message.text === 'Please hand it in.');

    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Please hand it in.' } });
    expect(reply.status).toBe(201);

    const failed = await failedPushed;
    expect(failed.id).toBe(reply.body.message.id);
    expect(failed.failureReason).toMatch(/24-hour messaging window/);
    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
    const stored = detail.body.messages.find((message: { id: string }) => message.id === failed.id);
    expect(stored).toMatchObject({ deliveryStatus: 'failed', failureReason: failed.failureReason });
  });

  it('clears the unread marker once the agent opens the thread', async () => {
    const { cookie } = await desk.signIn();
    await desk.facebook.sendUserMessage({ psid: '7200000000000004', text: 'Noise from the flat above again' });
    const thread = await findThreadByPreview(cookie, 'Noise from the flat above again');
    expect(thread.unread).toBe(true);
    await desk.api(`/api/threads/${thread.id}`, { cookie });
    const after = await findThreadByPreview(cookie, 'Noise from the flat above again');
    expect(after.unread).toBe(false);
  });
});

async function findThreadByPreview(cookie: string, preview: string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const list = await desk.api('/api/threads', { cookie });
    const thread = list.body.threads.find((candidate: { lastMessagePreview: string }) => candidate.lastMessagePreview === preview);
    if (thread) return thread;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no thread with preview "${preview}"`);
}
