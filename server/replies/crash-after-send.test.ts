import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskWithWorkerProcess, type DeskWithWorkerProcess } from '../../scripts/testing/desk-with-worker-process';
import { eventually, type TestDesk } from '../../scripts/testing/test-desk';
import { messages, threads } from '../db/schema';

// Fault test: the worker process dies (SIGKILL) after Facebook has accepted a reply but before the
// desk saved that it was sent. The restarted worker runs the send job again; it must wait for
// the echo to confirm the send rather than send the reply a second time.

let split: DeskWithWorkerProcess;
let desk: TestDesk;

beforeAll(async () => {
  split = await startDeskWithWorkerProcess({ facebook: { deliverEchoes: true } });
  desk = split.desk;
}, 90_000);
afterAll(async () => {
  await split?.close();
});

describe('a crash between "sent to Facebook" and "status saved"', () => {
  it('leaves the reply to the echo to confirm, and never sends it again', async () => {
    const psid = '7993000000000001';
    await desk.facebook.sendUserMessage({ psid, text: 'Can someone call me back?' });
    const thread = await eventually(async () => (await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid)))[0], 30_000);
    const { cookie } = await desk.signIn();

    desk.facebook.holdEchoes(); // Meta's echo comes late
    desk.facebook.setSendResponseDelay(60_000); // the send is made; its answer never reaches the dying worker
    const text = 'We will call you back within the hour.';
    const sending = desk.facebook.nextSentMessage(30_000);
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text } });
    expect(reply.status).toBe(201);
    const sent = await sending;
    const messageId = reply.body.message.id as string;
    const timesSent = () => desk.facebook.sentMessages.filter((message) => message.text === text).length;
    await split.killMidSendAndRestart(messageId, { resumePlatform: () => desk.facebook.setSendResponseDelay(0), timesSent });
    const statusOf = async () => (await desk.desk.database.db.select().from(messages).where(eq(messages.id, messageId)))[0]!;

    await desk.facebook.releaseEchoes();
    const confirmed = await eventually(async () => {
      const row = await statusOf();
      return row.deliveryStatus === 'sent' ? row : undefined;
    }, 20_000);
    expect(confirmed.platformMessageId).toBe(sent.messageId);
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // the waiting job finds it sent and stops
    expect(timesSent()).toBe(1);
    expect(await desk.desk.queues.outbound.getJobCounts('delayed', 'waiting', 'active', 'failed')).toEqual({ delayed: 0, waiting: 0, active: 0, failed: 0 });
  }, 180_000);
});
