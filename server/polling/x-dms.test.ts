import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X_ENDPOINTS, type FakeX } from '../../scripts/fake-x/server';
import { nextNewMessage } from '../../scripts/testing/agent-pushes';
import { eventually, startTestDesk, TEST_X, type TestDesk } from '../../scripts/testing/test-desk';
import { channels, messages } from '../db/schema';

// An X account without Account Activity: every DM reaches the desk by polling /2/dm_events.
let desk: TestDesk;
let x: FakeX;
beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: false } });
  x = desk.x!;
});
afterAll(async () => {
  await desk?.close();
});

async function pollCursor(): Promise<string | null> {
  const [row] = await desk.desk.database.db
    .select({ cursor: channels.pollCursor })
    .from(channels)
    .where(and(eq(channels.type, 'twitter'), eq(channels.accountId, TEST_X.userId)));
  return row?.cursor ?? null;
}

/** Resolves once a poll has read up to (at least) this event. */
async function polledPast(eventId: string): Promise<void> {
  await eventually(async () => {
    const cursor = await pollCursor();
    return cursor !== null && BigInt(cursor) >= BigInt(eventId);
  }, 15_000);
}

async function threadOf(cookie: string, preview: string) {
  return eventually(async () => {
    const list = await desk.api('/api/threads', { cookie });
    return list.body.threads.find((thread: { lastMessagePreview: string }) => thread.lastMessagePreview === preview);
  }, 15_000);
}

describe('X DMs read by polling', () => {
  it('brings a DM to a signed-in agent live, in an X thread named after the sender', async () => {
    const { cookie } = await desk.signIn();
    const socket = await desk.connectAgent(cookie);
    const pushed = nextNewMessage(socket, (message) => message.text === 'Someone is trying car doors on Mill Lane', 15_000);

    await x.sendUserDm({ userId: '944480690', name: 'Jo Bloggs', username: 'jobloggs', text: 'Someone is trying car doors on Mill Lane' });

    const message = await pushed;
    expect(message.direction).toBe('in');
    const thread = await threadOf(cookie, 'Someone is trying car doors on Mill Lane');
    expect(thread.channel).toBe('twitter');
    expect(thread.reference).toMatch(/^SMD-\d{4}-\d{6}$/);
  });

  it('sends the agent’s reply as a DM, and the reply read back by the poller is not stored again as inbound', async () => {
    const { cookie } = await desk.signIn();
    await x.sendUserDm({ userId: '944480691', name: 'Sam', text: 'Is the A470 open yet?' });
    const thread = await threadOf(cookie, 'Is the A470 open yet?');

    const delivered = x.nextSentDm();
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Yes, it reopened at 7am.' } });
    expect(reply.status).toBe(201);
    const sent = await delivered;
    expect(sent).toMatchObject({ participantId: '944480691', text: 'Yes, it reopened at 7am.' });
    await eventually(async () => {
      const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
      return detail.body.messages.some((message: { deliveryStatus: string }) => message.deliveryStatus === 'sent');
    });
    await polledPast(sent.eventId);
    await desk.inboundSettled();

    const [stored] = await desk.desk.database.db.select().from(messages).where(eq(messages.platformMessageId, sent.eventId));
    expect(stored).toMatchObject({ id: reply.body.message.id, direction: 'out', deliveryStatus: 'sent' });
    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
    const conversation = detail.body.messages.filter((message: { kind: string }) => message.kind !== 'auto');
    expect(conversation.map((message: { direction: string; text: string }) => [message.direction, message.text])).toEqual([
      ['in', 'Is the A470 open yet?'],
      ['out', 'Yes, it reopened at 7am.'],
    ]);
  });

  it('shows a photo sent in a DM in the thread', async () => {
    const { cookie } = await desk.signIn();
    await x.sendUserDm({ userId: '944480692', text: 'This van again', mediaUrl: 'https://pbs.twimg.com/dm_photo/van.jpg' });
    const thread = await threadOf(cookie, 'This van again');
    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
    expect(detail.body.messages[0].attachments).toEqual([{ type: 'photo', url: 'https://pbs.twimg.com/dm_photo/van.jpg' }]);
  });

  it('delays a reply refused with a 429 until the limit’s reset, then sends it once', async () => {
    const { cookie } = await desk.signIn();
    await x.sendUserDm({ userId: '944480693', text: 'Lost dog near the canal' });
    const thread = await threadOf(cookie, 'Lost dog near the canal');
    x.exhaustRateLimit(X_ENDPOINTS.sendDm, 3_000, 'v1');
    const resetAtMs = x.rateLimits.current(X_ENDPOINTS.sendDm).resetAt * 1000;
    const attemptsBefore = x.sendAttempts.length;

    await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'We will share the appeal.' } });

    await eventually(async () => x.sentDms.some((dm) => dm.text === 'We will share the appeal.'), 15_000);
    const attempts = x.sendAttempts.slice(attemptsBefore);
    expect(attempts.map((attempt) => attempt.status)).toEqual([429, 201]);
    expect(attempts[1]!.at).toBeGreaterThanOrEqual(resetAtMs);
    expect(x.sentDms.filter((dm) => dm.text === 'We will share the appeal.')).toHaveLength(1);
  });

  it('marks a reply refused for the desk’s credentials failed, telling the agent an admin must reconnect', async () => {
    const { cookie } = await desk.signIn();
    await x.sendUserDm({ userId: '944480694', text: 'Fireworks in the park again' });
    const thread = await threadOf(cookie, 'Fireworks in the park again');
    x.failNext(X_ENDPOINTS.sendDm, 1, { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } });

    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Thanks, noted.' } });

    const failed = await eventually(async () => {
      const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
      return detail.body.messages.find((message: { id: string; deliveryStatus: string }) => message.id === reply.body.message.id && message.deliveryStatus === 'failed');
    });
    expect(failed.failureReason).toMatch(/reconnect the X account/);
  });

  it('stops polling while the read budget is spent and picks up the DM after the reset', async () => {
    const { cookie } = await desk.signIn();
    x.exhaustRateLimit(X_ENDPOINTS.readDms, 4_000, 'problem');
    const resetAtMs = x.rateLimits.current(X_ENDPOINTS.readDms).resetAt * 1000;
    const readsBefore = x.rateLimits.requests(X_ENDPOINTS.readDms).length;

    await x.sendUserDm({ userId: '944480695', text: 'Horses loose on the bypass' });
    await threadOf(cookie, 'Horses loose on the bypass');

    const refusedReads = x.rateLimits.requests(X_ENDPOINTS.readDms).slice(readsBefore).filter((read) => read.status === 429);
    expect(refusedReads.length).toBeLessThanOrEqual(1);
    expect(refusedReads.every((read) => read.at < resetAtMs)).toBe(true);
  });

  it('stores two DMs whose ids past 2^53 read as the same Number, and keeps the newer as the cursor', async () => {
    const cursor = BigInt((await pollCursor()) ?? '0');
    const snowflakeNow = (BigInt(Date.now()) - 1288834974657n) << 22n;
    const base = cursor > snowflakeNow ? cursor : snowflakeNow;
    // Around 2e18 a double's step is 256: these two ids are one Number, but two DMs.
    const first = ((base / 256n + 10n) * 256n).toString();
    const second = (BigInt(first) + 1n).toString();
    expect(Number(first)).toBe(Number(second));

    await x.sendUserDm({ userId: '944480696', text: 'First of two', id: first });
    await x.sendUserDm({ userId: '944480696', text: 'Second of two', id: second });
    await polledPast(second);
    await desk.inboundSettled();

    const stored = await desk.desk.database.db.select().from(messages).where(inArray(messages.platformMessageId, [first, second]));
    expect(stored.map((message) => message.text).sort()).toEqual(['First of two', 'Second of two']);
    expect(await pollCursor()).toBe(second);
  });
});
