import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeX, X_ENDPOINTS, type FakeX } from '../../scripts/fake-x/server';
import { splitIntoThread, weightedLength } from '../../shared/x-thread';
import { ConnectorError } from '../connector';
import { createXClient } from './client';
import { deleteXPost, publishThread } from './publish';

const ACCOUNT = '1578398451921985538';
const CREDENTIALS = { consumerKey: 'ck-test', consumerSecret: 'cs-test', accessToken: 'at-test', accessTokenSecret: 'ats-test' };
const LONG_APPEAL = Array.from({ length: 30 }, (_, n) => `word${n}`).join(' ') + ' https://www.police.uk/appeals/' + 'x'.repeat(200);

let fake: FakeX;
beforeEach(async () => {
  fake = await startFakeX({ userId: ACCOUNT, consumerKey: CREDENTIALS.consumerKey, consumerSecret: CREDENTIALS.consumerSecret, accessToken: CREDENTIALS.accessToken });
});
afterEach(async () => {
  await fake?.close();
});

const client = () => createXClient({ ...CREDENTIALS, apiUrl: fake.baseUrl });
const unavailable = { status: 503, body: { title: 'Service Unavailable', type: 'about:blank', status: 503 } };

describe('splitting a post into an X thread', () => {
  it('keeps a short post whole and numbers the parts of a long one, each within 280 weighted characters', () => {
    expect(splitIntoThread('A1 closed J5-J6')).toEqual(['A1 closed J5-J6']);
    const parts = splitIntoThread(`${'Missing person appeal '.repeat(30)}`);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.at(-1)).toMatch(new RegExp(`\\(${parts.length}/${parts.length}\\)$`));
    for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(280);
  });

  it('counts a long link as 23 characters, as X does', () => {
    expect(LONG_APPEAL.length).toBeGreaterThan(280);
    expect(splitIntoThread(LONG_APPEAL)).toEqual([LONG_APPEAL]);
  });
});

describe('posting a thread to X', () => {
  it('posts each part as a reply to the one before', async () => {
    const parts = ['Part one (1/2)', 'Part two (2/2)'];
    const result = await publishThread(client(), parts, [], async () => {});
    expect(fake.tweets.live().map((tweet) => [tweet.text, tweet.inReplyToId])).toEqual([
      ['Part one (1/2)', undefined],
      ['Part two (2/2)', result.postIds[0]],
    ]);
  });

  it('resumes a thread that failed at part 2 at part 2, without posting part 1 again', async () => {
    const parts = ['Appeal (1/3)', 'Appeal (2/3)', 'Appeal (3/3)'];
    const recorded: string[] = [];
    const record = async (_index: number, id: string) => {
      recorded.push(id);
      if (recorded.length === 1) fake.failNext(X_ENDPOINTS.postTweet, 1, unavailable);
    };
    const failed = await publishThread(client(), parts, recorded, record).catch((error: unknown) => error);
    expect(recorded).toHaveLength(1);
    expect(failed).toBeInstanceOf(ConnectorError);
    expect((failed as ConnectorError).kind).toBe('transient');

    const result = await publishThread(client(), parts, recorded, async (_index, id) => void recorded.push(id));

    expect(fake.tweets.live().map((tweet) => tweet.text)).toEqual(parts);
    expect(fake.tweets.live()[1]!.inReplyToId).toBe(result.postIds[0]);
    expect(result.postIds).toEqual(recorded);
  });

  it('reports duplicate text as a permanent refusal', async () => {
    await publishThread(client(), ['Road reopened'], [], async () => {});
    const failed = (await publishThread(client(), ['Road reopened'], [], async () => {}).catch((error: unknown) => error)) as ConnectorError;
    expect(failed.kind).toBe('permanent');
    expect(failed.reasonForAgent).toMatch(/duplicate/);
  });

  it('finds on X the part whose answer an interrupted attempt lost, and posts only the parts after it', async () => {
    const parts = ['Appeal (1/3)', 'Appeal (2/3)', 'Appeal (3/3)'];
    const recorded: string[] = [];
    const record = async (_index: number, id: string) => void recorded.push(id);
    const attemptStartedAt = new Date();
    fake.loseNextPostAnswers(1, 1); // part 2 is posted, its answer never arrives
    const failed = (await publishThread(client(), parts, recorded, record).catch((error: unknown) => error)) as ConnectorError;
    expect(failed.kind).toBe('transient');
    expect(recorded).toHaveLength(1);

    const adopted: number[] = [];
    const resume = { attemptStartedAt, wasInterrupted: true, accountId: ACCOUNT, onPartAdopted: async (index: number) => void adopted.push(index) };
    const result = await publishThread(client(), parts, recorded, record, [], resume);

    expect(fake.tweets.live().map((tweet) => tweet.text)).toEqual(parts);
    expect(result.postIds).toEqual(fake.tweets.live().map((tweet) => tweet.id));
    expect(adopted).toEqual([1]);
  });

  it('takes X’s duplicate refusal of a part as a cue to look for it on X, and keeps the one found', async () => {
    const parts = ['Witness appeal (1/2)', 'Call 101 (2/2)'];
    const attemptStartedAt = new Date();
    fake.loseNextPostAnswers(1);
    await publishThread(client(), parts, [], async () => {}).catch(() => undefined);

    // A retry that did not know the first attempt was cut short posts part 1 again: X refuses it.
    const adopted: number[] = [];
    const resume = { attemptStartedAt, wasInterrupted: false, accountId: ACCOUNT, onPartAdopted: async (index: number) => void adopted.push(index) };
    const result = await publishThread(client(), parts, [], async () => {}, [], resume);

    expect(adopted).toEqual([0]);
    expect(fake.tweets.live().map((tweet) => tweet.text)).toEqual(parts);
    expect(result.postIds).toEqual(fake.tweets.live().map((tweet) => tweet.id));
  });

  it('recognises a lost part whose link X rewrote to t.co', async () => {
    const parts = ['Witness appeal https://police.example/appeals/a1'];
    const attemptStartedAt = new Date();
    fake.loseNextPostAnswers(1);
    await publishThread(client(), parts, [], async () => {}).catch(() => undefined);
    fake.tweets.live()[0]!.text = 'Witness appeal https://t.co/56a0vZUx7i'; // as X holds it (§7)

    const resume = { attemptStartedAt, wasInterrupted: true, accountId: ACCOUNT, onPartAdopted: async () => {} };
    const result = await publishThread(client(), parts, [], async () => {}, [], resume);

    expect(fake.tweets.live()).toHaveLength(1);
    expect(result.postIds).toEqual([fake.tweets.live()[0]!.id]);
  });

  it('still refuses a duplicate of an older post, made before this thread was first attempted', async () => {
    await publishThread(client(), ['Road reopened'], [], async () => {});
    const resume = { attemptStartedAt: new Date(Date.now() + 120_000), wasInterrupted: true, accountId: ACCOUNT, onPartAdopted: async () => {} };
    const failed = (await publishThread(client(), ['Road reopened'], [], async () => {}, [], resume).catch((error: unknown) => error)) as ConnectorError;
    expect(failed.kind).toBe('permanent');
    expect(failed.reasonForAgent).toMatch(/duplicate/);
  });

  it('deletes a post, and counts one already gone as deleted', async () => {
    const { postIds } = await publishThread(client(), ['Witness appeal'], [], async () => {});
    await deleteXPost(client(), postIds[0]!);
    await deleteXPost(client(), postIds[0]!);
    expect(fake.tweets.live()).toEqual([]);
  });
});
