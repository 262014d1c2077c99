import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadSummary } from '../../shared/api';
import { X_ENDPOINTS } from '../../scripts/fake-x/server';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { messages } from '../db/schema';

// Fault test: both platforms refuse every send for a while (HTTP 429). Replies wait — for X until
// the reset time its headers name, for Facebook (whose headers name whole minutes) on the desk's
// rate-limit backoff — and then each goes out exactly once; none is dropped or failed.

const REPLIES = 10;
let desk: TestDesk;
let cookie: string;
beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: true }, environment: { FACEBOOK_RATE_LIMIT_BACKOFF_MS: '500' } });
  ({ cookie } = await desk.signIn());
});
afterAll(async () => {
  await desk?.close();
});

/** The thread whose latest message contains this text. */
async function threadWith(text: string): Promise<ThreadSummary> {
  return eventually(async () => ((await desk.api('/api/threads', { cookie })).body.threads as ThreadSummary[]).find((thread) => thread.lastMessagePreview.includes(text)));
}

async function replyToEach(threads: ThreadSummary[], label: string): Promise<string[]> {
  const texts = Array.from({ length: REPLIES }, (_, i) => `${label} reply ${i}`);
  for (const [i, text] of texts.entries()) {
    const response = await desk.api(`/api/threads/${threads[i % threads.length]!.id}/replies`, { cookie, body: { clientId: randomUUID(), text } });
    expect(response.status).toBe(201);
  }
  return texts;
}

async function statusesOf(texts: string[]) {
  return (await desk.desk.database.db.select({ status: messages.deliveryStatus }).from(messages).where(inArray(messages.text, texts))).map(({ status }) => status);
}

describe('a storm of 429s from Facebook', () => {
  it('holds every reply until the storm has passed, then sends each once', async () => {
    const threads: ThreadSummary[] = [];
    for (let i = 0; i < 5; i += 1) {
      const psid = String(7_992_000_000_000_000 + i);
      await desk.facebook.sendUserMessage({ psid, text: `Storm question ${psid}` });
      threads.push(await threadWith(psid));
    }
    const stormEndsAt = Date.now() + 5_000;
    desk.facebook.failSendsUntil(stormEndsAt, { httpStatus: 429, code: 613, message: '(#613) Calls to this api have exceeded the rate limit.' });

    const texts = await replyToEach(threads, 'Facebook storm');
    const sentOnce = () => texts.every((text) => desk.facebook.sentMessages.filter((sent) => sent.text === text).length === 1);
    await eventually(async () => sentOnce(), 30_000);

    const sends = desk.facebook.sentMessages.filter((sent) => texts.includes(sent.text ?? ''));
    expect(Math.min(...sends.map((sent) => sent.at))).toBeGreaterThanOrEqual(stormEndsAt);
    expect(desk.facebook.refusedSendsAt.length).toBeGreaterThan(REPLIES); // each was tried, refused, and tried again later
    await eventually(async () => (await statusesOf(texts)).every((status) => status === 'sent'));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sentOnce()).toBe(true);
  }, 60_000);
});

describe('a storm of 429s from X', () => {
  it('holds every reply until the rate window resets, retries none before then, and sends each once', async () => {
    const threads: ThreadSummary[] = [];
    for (let i = 0; i < 5; i += 1) {
      const userId = String(3_310_000_000 + i);
      await desk.x!.sendUserDm({ userId, text: `Storm DM ${userId}` });
      threads.push(await threadWith(userId));
    }
    desk.x!.exhaustRateLimit(X_ENDPOINTS.sendDm, 4_000);
    const resetAt = desk.x!.rateLimits.current(X_ENDPOINTS.sendDm).resetAt * 1000;

    const texts = await replyToEach(threads, 'X storm');
    const sentOnce = () => texts.every((text) => desk.x!.sentDms.filter((sent) => sent.text === text).length === 1);
    await eventually(async () => sentOnce(), 30_000);

    const sends = desk.x!.sentDms.filter((sent) => texts.includes(sent.text));
    expect(Math.min(...sends.map((sent) => sent.at))).toBeGreaterThanOrEqual(resetAt);
    // One refused try per reply at most: after a 429 each waited for the reset the headers named.
    expect(desk.x!.sendAttempts.filter((attempt) => attempt.status === 429).length).toBeLessThanOrEqual(REPLIES);
    await eventually(async () => (await statusesOf(texts)).every((status) => status === 'sent'));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sentOnce()).toBe(true);
  }, 60_000);
});
