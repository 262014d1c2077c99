import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadDetailResponse } from '../../shared/api';
import { eventually, startTestDesk, TEST_PAGE_ID, TEST_PAGE_TOKEN, type TestDesk } from '../../scripts/testing/test-desk';
import { createFacebookConnector, type FacebookConnector } from '../../connectors/facebook';
import { channels, messages } from '../db/schema';
import { createLogger } from '../logger';
import type { DeskQueues } from '../queues/queues';
import { pollFacebookPage } from './facebook-poller';

// Catch-up polling of the Conversations API (contracts/platforms.md §3), run by the desk's own
// BullMQ job scheduler against the fake Graph server over HTTP.

const POLL_INTERVAL_MS = 300;

let desk: TestDesk;
let cookie: string;
beforeAll(async () => {
  desk = await startTestDesk({ environment: { FACEBOOK_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS) } });
  ({ cookie } = await desk.signIn());
});
afterAll(async () => {
  await desk?.close();
});

let psidCounter = 7_400_000_000_000_000;
const newPsid = () => String((psidCounter += 1));

async function storedTexts(psid: string): Promise<Array<{ text: string; direction: string; authorName: string | null }>> {
  const threads = (await desk.api('/api/threads', { cookie })).body.threads as Array<{ id: string }>;
  for (const thread of threads) {
    const detail = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
    if (detail.messages.some((message) => message.text.includes(psid))) {
      return detail.messages.map(({ text, direction, authorName }) => ({ text, direction, authorName }));
    }
  }
  return [];
}

async function pollMark(): Promise<string | null> {
  const [channel] = await desk.desk.database.db
    .select({ pollCursor: channels.pollCursor })
    .from(channels)
    .where(and(eq(channels.type, 'facebook'), eq(channels.accountId, TEST_PAGE_ID)));
  return channel?.pollCursor ?? null;
}

describe('catch-up polling of the Conversations API', () => {
  it('recovers a DM whose webhook was dropped by the next poll, and stores it once', async () => {
    const psid = newPsid();
    desk.facebook.receiveWithoutWebhook({ psid, name: 'Alex Poll', text: `Nobody answered my webhook ${psid}` });
    await eventually(async () => (await storedTexts(psid)).length === 1);
    // Later polls read the same conversation again (overlap): still one message.
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 3));
    await desk.inboundSettled();
    expect(await storedTexts(psid)).toEqual([{ text: `Nobody answered my webhook ${psid}`, direction: 'in', authorName: null }]);
  });

  it('stores a DM that arrived by webhook and by polling once', async () => {
    const psid = newPsid();
    await desk.facebook.sendUserMessage({ psid, text: `Both ways ${psid}` });
    await eventually(async () => (await storedTexts(psid)).length === 1);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 3));
    await desk.inboundSettled();
    expect(await storedTexts(psid)).toHaveLength(1);
  });

  it('stores a DM once when the webhook and the Conversations API give it different ids (fallback key)', async () => {
    const psid = newPsid();
    const sentAt = Date.now();
    const text = `Different ids ${psid}`;
    desk.facebook.receiveWithoutWebhook({ psid, text, mid: `m_graph_${psid}`, timestamp: sentAt });
    await eventually(async () => (await storedTexts(psid)).length === 1);
    const webhook = { sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: sentAt, message: { mid: `m_hook_${psid}`, text } };
    expect(await desk.facebook.deliverEvents([webhook])).toBe(200);
    await desk.inboundSettled();
    expect(await storedTexts(psid)).toHaveLength(1);
  });

  it('follows paging.next through every page of conversations', async () => {
    const psids = Array.from({ length: 30 }, newPsid); // more than one page of 25
    for (const psid of psids) desk.facebook.receiveWithoutWebhook({ psid, text: `Paged ${psid}` });
    await eventually(async () => {
      const rows = await desk.desk.database.db.select({ text: messages.text }).from(messages);
      return psids.every((psid) => rows.some((row) => row.text === `Paged ${psid}`));
    }, 20_000);
  });

  it('reads at most the 20 newest messages of a conversation', async () => {
    const psid = newPsid();
    const start = Date.now() - 60_000;
    for (let index = 1; index <= 25; index += 1) {
      desk.facebook.receiveWithoutWebhook({ psid, text: `Burst ${index} ${psid}`, timestamp: start + index * 1000 });
    }
    const texts = await eventually(async () => {
      const stored = await storedTexts(psid);
      return stored.length >= 20 ? stored : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 2));
    await desk.inboundSettled();
    expect((await storedTexts(psid)).map((message) => message.text)).toEqual(
      Array.from({ length: 20 }, (_, index) => `Burst ${index + 6} ${psid}`),
    );
    expect(texts.length).toBe(20);
  });

  it('tells inbound from outbound by from.id: a Page inbox reply read by polling is outbound by "Page inbox"', async () => {
    const psid = newPsid();
    desk.facebook.receiveWithoutWebhook({ psid, text: `Question ${psid}`, timestamp: Date.now() - 2000 });
    await desk.facebook.replyFromPageInbox(psid, `Answer typed in Meta's inbox for ${psid}`);
    const stored = await eventually(async () => {
      const all = await storedTexts(psid);
      return all.length === 2 ? all : undefined;
    });
    expect(stored).toEqual([
      { text: `Question ${psid}`, direction: 'in', authorName: null },
      { text: `Answer typed in Meta's inbox for ${psid}`, direction: 'out', authorName: 'Page inbox' },
    ]);
  });

  it('does not store our own reply a second time when polling reads it back', async () => {
    const psid = newPsid();
    await desk.facebook.sendUserMessage({ psid, text: `Please reply ${psid}` });
    await eventually(async () => (await storedTexts(psid)).length === 1);
    const threads = (await desk.api('/api/threads', { cookie })).body.threads as Array<{ id: string; lastMessagePreview: string }>;
    const thread = threads.find((candidate) => candidate.lastMessagePreview.includes(psid))!;
    await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Replying from the desk' } });
    await eventually(async () => desk.facebook.sentMessages.some((sent) => sent.text === 'Replying from the desk' && sent.recipientId === psid));
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 3));
    await desk.inboundSettled();
    expect((await storedTexts(psid)).map((message) => message.direction)).toEqual(['in', 'out']);
  });

  it('keeps the high-water mark at the newest conversation it has enqueued', async () => {
    const psid = newPsid();
    const at = Date.now() + 5000; // newer than anything else in the fake
    desk.facebook.receiveWithoutWebhook({ psid, text: `Newest ${psid}`, timestamp: at });
    await eventually(async () => (await storedTexts(psid)).length === 1);
    await eventually(async () => (await pollMark()) === new Date(Math.floor(at / 1000) * 1000).toISOString());
  });
});

describe('a poll that cannot finish', () => {
  // Runs single polls by hand on a desk without the scheduler, so nothing else moves the mark.
  let quiet: TestDesk;
  beforeAll(async () => {
    quiet = await startTestDesk();
  });
  afterAll(async () => {
    await quiet?.close();
  });

  const facebookChannel = async () => {
    const [channel] = await quiet.desk.database.db.select().from(channels).where(eq(channels.type, 'facebook'));
    return channel!;
  };
  const dependencies = (connector: FacebookConnector, queues: DeskQueues = quiet.desk.queues) => ({
    db: quiet.desk.database.db,
    queues,
    connector,
    config: { pollIntervalMs: 1000, pollOverlapMs: 60_000 },
    logger: createLogger('silent'),
  });
  const connectorWithToken = (token: string) =>
    createFacebookConnector({ graphUrl: quiet.facebook.baseUrl, graphVersion: 'v25.0', pageId: TEST_PAGE_ID, pageAccessToken: token, pageName: 'Anytown Police' });

  it('leaves the high-water mark where it was when the events could not be enqueued', async () => {
    quiet.facebook.receiveWithoutWebhook({ psid: newPsid(), text: 'Queued nowhere' });
    const redisDown = { ...quiet.desk.queues, inbound: { addBulk: () => Promise.reject(new Error('Redis is down')) } } as unknown as DeskQueues;
    await expect(pollFacebookPage(dependencies(connectorWithToken(TEST_PAGE_TOKEN), redisDown), { id: 'by-hand-1' })).rejects.toThrow('Redis is down');
    expect((await facebookChannel()).pollCursor).toBeNull();

    await pollFacebookPage(dependencies(connectorWithToken(TEST_PAGE_TOKEN)), { id: 'by-hand-2' });
    expect((await facebookChannel()).pollCursor).not.toBeNull();
  });

  it('marks the channel unhealthy with the reason when the Page token has expired, and healthy again once it works', async () => {
    await expect(pollFacebookPage(dependencies(connectorWithToken('EAAB-expired')), { id: 'by-hand-3' })).rejects.toThrow(/token/);
    expect(await facebookChannel()).toMatchObject({ connectionStatus: 'unhealthy', lastError: expect.stringMatching(/token has expired/) });

    await pollFacebookPage(dependencies(connectorWithToken(TEST_PAGE_TOKEN)), { id: 'by-hand-4' });
    expect(await facebookChannel()).toMatchObject({ connectionStatus: 'connected', lastError: null });
  });
});
