import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { messages, threads } from '../db/schema';
import { serialiseLikeMeta, signMetaBody } from '../../scripts/fake-facebook/meta-json';
import { eventually, startTestDesk, TEST_APP_SECRET, TEST_PAGE_ID, TEST_VERIFY_TOKEN, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

function messengerBody(mid: string, text: string, psid = '7000000000000001') {
  return serialiseLikeMeta({
    object: 'page',
    entry: [
      {
        id: TEST_PAGE_ID,
        time: Date.now(),
        messaging: [
          { sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: Date.now(), message: { mid, text } },
        ],
      },
    ],
  });
}

async function storedMessageCount(): Promise<number> {
  const [row] = await desk.desk.database.db.select({ value: count() }).from(messages);
  return row?.value ?? 0;
}

const waitForQueueToDrain = () => desk.inboundSettled();

describe('Facebook webhook verification handshake', () => {
  it('echoes the challenge when the verify token matches', async () => {
    const response = await fetch(
      `${desk.url}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1158201444');
  });

  it('refuses a wrong verify token with 403', async () => {
    const response = await fetch(`${desk.url}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42`);
    expect(response.status).toBe(403);
  });
});

describe('Facebook webhook signature', () => {
  it('accepts a correctly signed body with emoji and accents, verified over the raw bytes', async () => {
    const body = messengerBody('m_unicode_1', 'Café stolen 😡 — ŵ ŷ help');
    expect(body).toContain('\\ud83d\\ude21'); // escaped as Meta escapes it, so re-serialising would not match
    const delivery = await desk.facebook.deliverRaw(body);
    expect(delivery.status).toBe(200);
    const stored = await eventually(async () => {
      const [row] = await desk.desk.database.db.select().from(messages).where(eq(messages.platformMessageId, 'm_unicode_1'));
      return row;
    });
    expect(stored.text).toBe('Café stolen 😡 — ŵ ŷ help');
  });

  it('refuses a wrongly signed body with 403 and stores nothing', async () => {
    const before = await storedMessageCount();
    const body = messengerBody('m_forged_1', 'forged');
    const delivery = await desk.facebook.deliverRaw(body, { signature: signMetaBody(body, 'not-the-app-secret') });
    expect(delivery.status).toBe(403);
    expect(JSON.parse(delivery.body).error.code).toBe('bad_signature');
    await waitForQueueToDrain();
    expect(await storedMessageCount()).toBe(before);
  });

  it('refuses an unsigned body with 403', async () => {
    const delivery = await desk.facebook.deliverRaw(messengerBody('m_unsigned_1', 'no signature'), { signature: null });
    expect(delivery.status).toBe(403);
  });
});

describe('Facebook webhook bad input', () => {
  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await storedMessageCount();
    const body = '{"object":"page","entry":[';
    const delivery = await desk.facebook.deliverRaw(body, { signature: signMetaBody(body, TEST_APP_SECRET) });
    expect(delivery.status).toBe(400);
    expect(JSON.parse(delivery.body).error.code).toBe('malformed_json');
    expect(await storedMessageCount()).toBe(before);
  });

  it('answers an envelope that is not a Page webhook with 400', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const delivery = await desk.facebook.deliverRaw(body, { signature: signMetaBody(body, TEST_APP_SECRET) });
    expect(delivery.status).toBe(400);
    expect(JSON.parse(delivery.body).error.code).toBe('malformed_event');
  });

  it('acknowledges well-formed but unsupported events (read receipts) without storing anything', async () => {
    const before = await storedMessageCount();
    const body = serialiseLikeMeta({
      object: 'page',
      entry: [
        {
          id: TEST_PAGE_ID,
          time: Date.now(),
          messaging: [{ sender: { id: '7000000000000009' }, recipient: { id: TEST_PAGE_ID }, timestamp: Date.now(), read: { watermark: 1458668856253 } }],
        },
      ],
    });
    const delivery = await desk.facebook.deliverRaw(body);
    expect(delivery.status).toBe(200);
    await waitForQueueToDrain();
    expect(await storedMessageCount()).toBe(before);
  });

  it('refuses an oversized body with 413 and keeps serving', async () => {
    const body = messengerBody('m_huge_1', 'x'.repeat(2 * 1024 * 1024));
    const delivery = await desk.facebook.deliverRaw(body);
    expect(delivery.status).toBe(413);
    const health = await fetch(`${desk.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('Idempotent ingest', () => {
  it('stores an event delivered three times, concurrently, as one message in one thread', async () => {
    const body = messengerBody('m_repeat_1', 'Someone has been in my shed', '7000000000000042');
    const deliveries = await Promise.all([desk.facebook.deliverRaw(body), desk.facebook.deliverRaw(body), desk.facebook.deliverRaw(body)]);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    await desk.facebook.deliverRaw(body); // and once more after the others
    await waitForQueueToDrain();
    const stored = await desk.desk.database.db.select().from(messages).where(eq(messages.platformMessageId, 'm_repeat_1'));
    expect(stored).toHaveLength(1);
    const threadRows = await desk.desk.database.db
      .select()
      .from(threads)
      .where(eq(threads.platformConversationId, '7000000000000042'));
    expect(threadRows).toHaveLength(1);
  });
});
