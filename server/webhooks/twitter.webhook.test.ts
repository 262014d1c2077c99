import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWithConsumerSecret } from '../../scripts/fake-x/account-activity';
import type { FakeX } from '../../scripts/fake-x/server';
import { eventually, startTestDesk, TEST_X, type TestDesk } from '../../scripts/testing/test-desk';
import { channels, messages } from '../db/schema';

// An X account with Account Activity: DMs arrive by webhook, and the poller reads them too.
let desk: TestDesk;
let x: FakeX;
beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: true } });
  x = desk.x!;
});
afterAll(async () => {
  await desk?.close();
});

async function storedWithId(platformMessageId: string) {
  return desk.desk.database.db.select().from(messages).where(eq(messages.platformMessageId, platformMessageId));
}

async function polledPast(eventId: string): Promise<void> {
  await eventually(async () => {
    const [row] = await desk.desk.database.db.select({ cursor: channels.pollCursor }).from(channels).where(eq(channels.accountId, TEST_X.userId));
    return row?.cursor != null && BigInt(row.cursor) >= BigInt(eventId);
  }, 15_000);
}

describe('the X Account Activity webhook', () => {
  it('answers X’s CRC check with the base64 HMAC of the token under the consumer secret', async () => {
    const crc = await x.checkCrc();
    expect(crc.status).toBe(200);
    expect(crc.isValid).toBe(true);
  });

  it('refuses a CRC check without a token', async () => {
    const response = await fetch(`${desk.url}/webhooks/twitter`);
    expect(response.status).toBe(400);
  });

  it('stores a DM seen by the webhook and by the poller once', async () => {
    const { id, webhookStatus } = await x.sendUserDm({ userId: '833000001', name: 'Alex', username: 'alex_w', text: 'Bike stolen from the station racks' });
    expect(webhookStatus).toBe(200);
    await eventually(async () => (await storedWithId(id)).length > 0);
    expect((await x.redeliver(id)).status).toBe(200);
    await polledPast(id);
    await desk.inboundSettled();

    const stored = await storedWithId(id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ direction: 'in', text: 'Bike stolen from the station racks' });
  });

  it('refuses a delivery whose signature does not match the body, and stores nothing', async () => {
    const body = JSON.stringify({
      for_user_id: TEST_X.userId,
      direct_message_events: [
        {
          type: 'message_create',
          id: '1900000000000000001',
          created_timestamp: String(Date.now()),
          message_create: { target: { recipient_id: TEST_X.userId }, sender_id: '833000002', message_data: { text: 'forged' } },
        },
      ],
    });
    const wrongKey = await x.deliverRaw(body, { signature: signWithConsumerSecret(body, 'not-the-consumer-secret') });
    const missing = await x.deliverRaw(body, { signature: null });
    const hexInsteadOfBase64 = await x.deliverRaw(body, { signature: `sha256=${'ab'.repeat(32)}` });

    expect([wrongKey.status, missing.status, hexInsteadOfBase64.status]).toEqual([403, 403, 403]);
    await desk.inboundSettled();
    expect(await storedWithId('1900000000000000001')).toHaveLength(0);
  });

  it('does not store the account’s own reply, delivered back by the webhook, as a message from the public', async () => {
    const { cookie } = await desk.signIn();
    const { id } = await x.sendUserDm({ userId: '833000003', text: 'Any news on my case?' });
    await eventually(async () => (await storedWithId(id)).length > 0);
    const [inbound] = await storedWithId(id);

    const delivered = x.nextSentDm();
    await desk.api(`/api/threads/${inbound!.threadId}/replies`, { cookie, body: { clientId: randomUUID(), text: 'An officer will call you today.' } });
    const sent = await delivered;
    await polledPast(sent.eventId);
    await desk.inboundSettled();

    const thread = await desk.api(`/api/threads/${inbound!.threadId}`, { cookie });
    const conversation = thread.body.messages.filter((message: { kind: string }) => message.kind !== 'auto');
    expect(conversation.map((message: { direction: string }) => message.direction)).toEqual(['in', 'out']);
  });

  it('answers a signed body that is not JSON with 400', async () => {
    const response = await x.deliverRaw('not json');
    expect(response.status).toBe(400);
  });
});
