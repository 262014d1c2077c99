import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { oneToOneConversationId } from '../../connectors/twitter/normalise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeX } from '../../scripts/fake-x/server';
import { startDeskWithWorkerProcess, type DeskWithWorkerProcess } from '../../scripts/testing/desk-with-worker-process';
import { eventually, nextEvent, TEST_X, type TestDesk } from '../../scripts/testing/test-desk';
import { messages, threads } from '../db/schema';

// Fault test: the worker process dies (SIGKILL) after X has accepted a DM reply but before the
// desk saved that it was sent. X attaches no metadata to a DM, so nothing names the desk message:
// the restarted worker's send job must wait while the poll of /2/dm_events finds our own DM
// (same conversation, same words, sent after the send started) and marks the reply sent.

let split: DeskWithWorkerProcess;
let desk: TestDesk;
let x: FakeX;

beforeAll(async () => {
  split = await startDeskWithWorkerProcess({ x: { hasAccountActivity: false } });
  desk = split.desk;
  x = desk.x!;
}, 90_000);
afterAll(async () => {
  await split?.close();
});

describe('a crash between "sent to X" and "status saved"', () => {
  it('leaves the reply to the poll to confirm, and never sends the DM again', async () => {
    await x.sendUserDm({ userId: '833200001', name: 'Robin', text: 'My bike was taken from outside the library' });
    const conversationId = oneToOneConversationId('833200001', TEST_X.userId);
    const thread = await eventually(async () => (await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, conversationId)))[0], 30_000);
    const { cookie } = await desk.signIn();
    const socket = await desk.connectAgent(cookie);

    x.holdOwnDms(); // X's read side lags: the poll does not see our DM yet
    x.setSendResponseDelay(60_000); // the DM is sent; its answer never reaches the dying worker
    const text = 'Thanks Robin, an officer will call you this afternoon.';
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text } });
    expect(reply.status).toBe(201);
    const sent = await eventually(async () => x.sentDms.find((dm) => dm.text === text), 30_000);
    const messageId = reply.body.message.id as string;
    const timesSent = () => x.sentDms.filter((dm) => dm.text === text).length;
    await split.killMidSendAndRestart(messageId, { resumePlatform: () => x.setSendResponseDelay(0), timesSent });
    const statusOf = async () => (await desk.desk.database.db.select().from(messages).where(eq(messages.id, messageId)))[0]!;

    const pushedSent = nextEvent(socket, 'message:updated', (message) => message.id === messageId && message.deliveryStatus === 'sent', 20_000);
    await x.releaseOwnDms();
    const pushed = await pushedSent; // the agent sees it sent, live
    expect(pushed.deliveryStatus).toBe('sent');
    expect((await statusOf()).platformMessageId).toBe(sent.eventId);

    // The waiting job finds it sent and stops; the DM went out once.
    await eventually(async () => {
      const counts = await desk.desk.queues.outbound.getJobCounts('delayed', 'waiting', 'active', 'failed');
      return Object.values(counts).every((count) => count === 0) ? counts : undefined;
    }, 20_000);
    expect(timesSent()).toBe(1);
    const view = await desk.api(`/api/threads/${thread.id}`, { cookie });
    const shown = view.body.messages.filter((message: { text: string }) => message.text === text);
    expect(shown.map((message: { deliveryStatus: string }) => message.deliveryStatus)).toEqual(['sent']);
  }, 180_000);
});
