import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeX, X_ENDPOINTS, type FakeX } from '../../scripts/fake-x/server';
import { ConnectorError } from '../connector';
import { createXClient } from './client';
import { compareSnowflakes, newestSnowflake, oneToOneConversationId } from './normalise';
import { nextPollNotBefore, pollDirectMessages, pollIntervalMs } from './poll';
import { sendXReply } from './send';

const ACCOUNT = '1578398451921985538';
const CREDENTIALS = { consumerKey: 'ck-test', consumerSecret: 'cs-test', accessToken: 'at-test', accessTokenSecret: 'ats-test' };
const BUDGET = { share: 0.6 };

let fake: FakeX;
beforeEach(async () => {
  fake = await startFakeX({ userId: ACCOUNT, consumerKey: CREDENTIALS.consumerKey, consumerSecret: CREDENTIALS.consumerSecret, accessToken: CREDENTIALS.accessToken });
});
afterEach(async () => {
  await fake?.close();
});

const client = (overrides: Partial<typeof CREDENTIALS> = {}) => createXClient({ ...CREDENTIALS, ...overrides, apiUrl: fake.baseUrl });

describe('snowflake ids', () => {
  it('orders ids past 2^53 correctly, where Number would call them equal', () => {
    const older = '9007199254740992';
    const newer = '9007199254740993';
    expect(Number(newer)).toBe(Number(older)); // Number loses the last digit…
    expect(compareSnowflakes(newer, older)).toBe(1); // …BigInt does not
    expect(newestSnowflake(['1582838499983564806', '1582838499983564807', '999999999999999999'])).toBe('1582838499983564807');
  });
});

describe('polling X DMs through twitter-api-v2', () => {
  it('reads the latest DMs on the first poll, with the sender’s name and handle', async () => {
    const { id } = await fake.sendUserDm({ userId: '944480690', name: 'Jo', username: 'jo', text: 'Car blocking my drive' });

    const result = await pollDirectMessages(client(), ACCOUNT, null, BUDGET);

    expect(result.events).toEqual([
      expect.objectContaining({
        channel: 'twitter',
        platformMessageId: id,
        platformConversationId: `944480690-${ACCOUNT}`,
        sender: { platformUserId: '944480690', displayName: 'Jo', handle: 'jo' },
        text: 'Car blocking my drive',
      }),
    ]);
    expect(result.cursor).toBe(id);
  });

  it('pages with next_token back to the last DM read, and no further', async () => {
    const { id: mark } = await fake.sendUserDm({ userId: '944480690', text: 'already read' });
    for (let n = 0; n < 230; n += 1) await fake.sendUserDm({ userId: String(5000000 + (n % 7)), text: `new ${n}` });

    const result = await pollDirectMessages(client(), ACCOUNT, mark, BUDGET);

    expect(result.events).toHaveLength(230);
    expect(new Set(result.events.map((event) => event.platformMessageId)).size).toBe(230);
    expect(result.events.some((event) => event.text === 'already read')).toBe(false);
    expect(fake.rateLimits.requests(X_ENDPOINTS.readDms)).toHaveLength(3);
  });

  it('after a long outage, reads 100 pages of the newest DMs and reports the older ones as a gap rather than never finishing', async () => {
    const { id: mark } = await fake.sendUserDm({ userId: '944480690', text: 'read before the outage' });
    for (let n = 0; n < 10_050; n += 1) await fake.sendUserDm({ userId: '5000001', text: `during the outage ${n}` });

    const result = await pollDirectMessages(client(), ACCOUNT, mark, BUDGET);

    expect(result.events).toHaveLength(10_000);
    expect(result.events[0]!.text).toBe('during the outage 10049');
    expect(result.warning).toMatch(/older DMs were not read/);
  });

  it('answers an empty inbox with no events and keeps the cursor', async () => {
    const result = await pollDirectMessages(client(), ACCOUNT, '1582838499983564806', BUDGET);
    expect(result).toMatchObject({ events: [], ownSends: [], cursor: '1582838499983564806' });
  });

  it('hands our own sends back as our own, with what they said, never as a member of the public’s message', async () => {
    await fake.sendUserDm({ userId: '944480690', text: 'Hello?' });
    const sent = await sendXReply(client(), { recipientId: '944480690', platformConversationId: `944480690-${ACCOUNT}`, text: 'Hello Jo' });

    const result = await pollDirectMessages(client(), ACCOUNT, null, BUDGET);

    expect(result.ownSends).toEqual([
      { platformMessageId: sent.platformMessageId, platformConversationId: oneToOneConversationId('944480690', ACCOUNT), text: 'Hello Jo', mediaIds: [], sentAt: expect.any(String) },
    ]);
    expect(result.events.map((event) => event.text)).toEqual(['Hello?']);
    expect(result.cursor).toBe(sent.platformMessageId);
  });

  it('shows a photo sent in a DM as an attachment', async () => {
    await fake.sendUserDm({ userId: '944480690', text: 'This is the car', mediaUrl: 'https://pbs.twimg.com/dm_photo/car.jpg' });
    const result = await pollDirectMessages(client(), ACCOUNT, null, BUDGET);
    expect(result.events[0]!.attachments).toEqual([{ type: 'photo', url: 'https://pbs.twimg.com/dm_photo/car.jpg' }]);
  });

  it('says when the read budget is spent, with the reset time', async () => {
    fake.exhaustRateLimit(X_ENDPOINTS.readDms, 7_000);
    const error = await pollDirectMessages(client(), ACCOUNT, null, BUDGET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'rate_limited' });
    expect((error as ConnectorError).details.retryAfterMs).toBeGreaterThan(5_000);
  });
});

describe('the poll budget', () => {
  it('polls every 5 s at the default 60% share of 300 requests per 15 minutes', () => {
    expect(pollIntervalMs({ share: 0.6 })).toBe(5000);
  });

  it('keeps the regular interval while the window has room for it', () => {
    const now = 1_750_000_000_000;
    expect(nextPollNotBefore({ limit: 300, remaining: 299, reset: now / 1000 + 900 }, BUDGET, now)).toBeNull();
  });

  it('spreads what is left of its share until the reset when other reads have used the budget', () => {
    const now = 1_750_000_000_000;
    const notBefore = nextPollNotBefore({ limit: 300, remaining: 130, reset: now / 1000 + 600 }, BUDGET, now);
    expect(notBefore?.getTime()).toBe(now + 60_000); // 10 requests of its own left for 600 s
  });

  it('waits for the reset once only the part reserved for lookups is left', () => {
    const now = 1_750_000_000_000;
    const notBefore = nextPollNotBefore({ limit: 300, remaining: 120, reset: now / 1000 + 300 }, BUDGET, now);
    expect(notBefore?.getTime()).toBe(now + 300_000);
  });
});

describe('sending an X DM through twitter-api-v2', () => {
  it('sends the text to the person and returns the DM event id from the {data:{…}} body', async () => {
    const sent = await sendXReply(client(), { recipientId: '944480690', platformConversationId: `944480690-${ACCOUNT}`, text: 'We are on our way' });
    expect(fake.sentDms).toEqual([expect.objectContaining({ participantId: '944480690', text: 'We are on our way', eventId: sent.platformMessageId })]);
  });

  it.each([
    ['problem JSON', 'problem' as const],
    ['v1.1 code 88', 'v1' as const],
  ])('reads a 429 with a %s body as rate limited until the reset', async (_name, shape) => {
    fake.exhaustRateLimit(X_ENDPOINTS.sendDm, 3_000, shape);
    const error = await sendXReply(client(), { recipientId: '944480690', platformConversationId: 'x', text: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate_limited', details: { platformCode: 429 } });
    expect((error as ConnectorError).details.retryAfterMs).toBeGreaterThan(1_000);
    expect((error as ConnectorError).details.retryAfterMs).toBeLessThanOrEqual(4_250);
  });

  it('treats a 503 as temporary', async () => {
    fake.failNext(X_ENDPOINTS.sendDm, 1, { status: 503, body: { title: 'Service Unavailable', type: 'about:blank', status: 503 } });
    await expect(sendXReply(client(), { recipientId: '944480690', platformConversationId: 'x', text: 'hi' })).rejects.toMatchObject({ kind: 'transient' });
  });

  it('treats refused credentials as permanent, telling an admin to reconnect', async () => {
    await expect(sendXReply(client({ accessToken: 'revoked' }), { recipientId: '944480690', platformConversationId: 'x', text: 'hi' })).rejects.toMatchObject({
      kind: 'permanent',
      reasonForAgent: expect.stringMatching(/reconnect the X account/),
    });
  });

  it('explains a duplicate-content refusal', async () => {
    fake.failNext(X_ENDPOINTS.sendDm, 1, { status: 403, body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You are not allowed to create a Tweet with duplicate content.' } });
    await expect(sendXReply(client(), { recipientId: '944480690', platformConversationId: 'x', text: 'hi' })).rejects.toMatchObject({
      kind: 'permanent',
      reasonForAgent: expect.stringMatching(/duplicate/),
    });
  });

  it('treats a network failure as temporary', async () => {
    await fake.close();
    await expect(sendXReply(client(), { recipientId: '944480690', platformConversationId: 'x', text: 'hi' })).rejects.toMatchObject({ kind: 'transient' });
    fake = await startFakeX({ userId: ACCOUNT, consumerKey: 'ck-test', consumerSecret: 'cs-test', accessToken: 'at-test' });
  });
});
