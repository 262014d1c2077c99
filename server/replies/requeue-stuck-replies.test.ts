import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { messages, threads } from '../db/schema';
import { requeueStuckReplies } from './requeue-stuck-replies';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('a reply stored but never queued (the process died in between)', () => {
  it('is found by the sweep and sent, once', async () => {
    const psid = '7900000000000001';
    await desk.facebook.sendUserMessage({ psid, text: 'Has anyone handed in a black rucksack?' });
    const thread = await eventually(async () => {
      const [row] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid));
      return row;
    });
    await desk.desk.database.db.insert(messages).values({
      threadId: thread.id,
      channelId: thread.channelId,
      direction: 'out',
      kind: 'text',
      text: 'Not yet, we will let you know.',
      deliveryStatus: 'queued',
      sentAt: new Date(),
    });

    expect(await requeueStuckReplies(desk.desk.database.db, desk.desk.queues, 0)).toBe(1);
    await desk.sentToFacebook('Not yet, we will let you know.');
    await requeueStuckReplies(desk.desk.database.db, desk.desk.queues, 0); // a second sweep finds nothing to send
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desk.facebook.sentMessages.filter((sent) => sent.text === 'Not yet, we will let you know.')).toHaveLength(1);
  });
});
