import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crcResponseToken } from '../../connectors/twitter/webhook';
import { startFakeX, X_ENDPOINTS, type FakeX } from './server';

// The fake's wire contract, checked over raw HTTP (contracts/platforms.md §5, §6, §11), so the
// connector tests that run twitter-api-v2 against it run against what X really sends.
const ACCOUNT = '1578398451921985538';
const OAUTH = 'OAuth oauth_consumer_key="ck", oauth_nonce="n", oauth_signature="sig", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1", oauth_token="at", oauth_version="1.0"';

let fake: FakeX;
beforeEach(async () => {
  fake = await startFakeX({ userId: ACCOUNT, consumerKey: 'ck', consumerSecret: 'cs', accessToken: 'at' });
});
afterEach(async () => {
  await fake?.close();
});

async function call(method: string, path: string, body?: unknown, authorization = OAUTH) {
  const response = await fetch(`${fake.baseUrl}${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: JSON.parse(await response.text()) };
}

describe('fake X: GET /2/dm_events', () => {
  it('answers an empty history with meta only, no data key', async () => {
    const response = await call('GET', '/2/dm_events');
    expect(response.body).toEqual({ meta: { result_count: 0 } });
  });

  it('returns only id, event_type and text without dm_event.fields', async () => {
    await fake.sendUserDm({ userId: '944480690', text: 'Hi' });
    const response = await call('GET', '/2/dm_events');
    expect(Object.keys(response.body.data[0]).sort()).toEqual(['event_type', 'id', 'text']);
  });

  it('pages newest first with next_token, meta on every page, none on the last', async () => {
    for (let n = 0; n < 5; n += 1) await fake.sendUserDm({ userId: '944480690', text: `m${n}` });
    const first = await call('GET', '/2/dm_events?max_results=2');
    const second = await call('GET', `/2/dm_events?max_results=2&pagination_token=${first.body.meta.next_token}`);
    const third = await call('GET', `/2/dm_events?max_results=2&pagination_token=${second.body.meta.next_token}`);
    expect([first, second, third].map((page) => page.body.data.map((event: { text: string }) => event.text))).toEqual([['m4', 'm3'], ['m2', 'm1'], ['m0']]);
    expect(first.body.meta.next_token.length).toBeGreaterThanOrEqual(16);
    expect(third.body.meta).toEqual({ result_count: 1, previous_token: expect.any(String) });
  });

  it('refuses max_results outside 1–100 with an invalid-request problem', async () => {
    const response = await call('GET', '/2/dm_events?max_results=1000');
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('https://api.twitter.com/2/problems/invalid-request');
  });

  it('carries x-rate-limit-* headers, and 429s in both body shapes once the window is spent', async () => {
    const ok = await call('GET', '/2/dm_events');
    expect(ok.headers.get('x-rate-limit-limit')).toBe('300');
    expect(ok.headers.get('x-rate-limit-remaining')).toBe('299');
    expect(Number(ok.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);

    fake.exhaustRateLimit(X_ENDPOINTS.readDms, 60_000, 'problem');
    const problem = await call('GET', '/2/dm_events');
    fake.exhaustRateLimit(X_ENDPOINTS.readDms, 60_000, 'v1');
    const v1 = await call('GET', '/2/dm_events');

    expect([problem.status, v1.status]).toEqual([429, 429]);
    expect(problem.body).toMatchObject({ title: 'Too Many Requests', status: 429 });
    expect(v1.body).toEqual({ errors: [{ code: 88, message: 'Rate limit exceeded' }] });
    expect(v1.headers.get('x-rate-limit-remaining')).toBe('0');
  });

  it('refuses a request without OAuth 1.0a user context', async () => {
    const response = await call('GET', '/2/dm_events', undefined, 'Bearer app-only');
    expect(response.status).toBe(401);
  });
});

describe('fake X: sending a DM', () => {
  it('answers 201 with the ids inside data, and a quoted id in Location', async () => {
    const response = await call('POST', '/2/dm_conversations/with/944480690/messages', { text: 'Hello' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ data: { dm_conversation_id: `944480690-${ACCOUNT}`, dm_event_id: expect.stringMatching(/^\d+$/) } });
    expect(response.headers.get('location')).toContain(`"${response.body.data.dm_event_id}"`);
  });

  it('lists the account’s own send in dm_events with our user as sender', async () => {
    const sent = await call('POST', `/2/dm_conversations/944480690-${ACCOUNT}/messages`, { text: 'Hello' });
    const page = await call('GET', '/2/dm_events?dm_event.fields=id,sender_id');
    expect(page.body.data[0]).toMatchObject({ id: sent.body.data.dm_event_id, sender_id: ACCOUNT });
  });
});

describe('fake X: Account Activity', () => {
  it('sends a CRC token and checks the answer against the consumer secret', async () => {
    const { createServer } = await import('node:http');
    const desk = createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('crc_token') ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ response_token: crcResponseToken(token, 'cs') }));
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => desk.once('listening', resolve));
    const { port } = desk.address() as { port: number };
    fake.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/twitter`);
    try {
      expect((await fake.checkCrc()).isValid).toBe(true);
    } finally {
      desk.close();
    }
  });
});

describe('fake X: GET /2/users/:id/tweets', () => {
  it('lists the account’s posts newest first, with only id, text and edit history unless asked', async () => {
    const first = await call('POST', '/2/tweets', { text: 'Road closed (1/2)' });
    await call('POST', '/2/tweets', { text: 'Diversion via B2 (2/2)', reply: { in_reply_to_tweet_id: first.body.data.id } });
    const plain = await call('GET', `/2/users/${ACCOUNT}/tweets`);
    expect(plain.body.data.map((post: { text: string }) => post.text)).toEqual(['Diversion via B2 (2/2)', 'Road closed (1/2)']);
    expect(Object.keys(plain.body.data[0]).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    expect(plain.body.meta).toMatchObject({ result_count: 2, oldest_id: first.body.data.id });

    const detailed = await call('GET', `/2/users/${ACCOUNT}/tweets?tweet.fields=created_at,referenced_tweets`);
    expect(detailed.body.data[0].referenced_tweets).toEqual([{ type: 'replied_to', id: first.body.data.id }]);
    expect(detailed.body.data[1].referenced_tweets).toBeUndefined();
  });

  it('reads from start_time on, answers an empty timeline with meta only, and refuses max_results under 5', async () => {
    await call('POST', '/2/tweets', { text: 'Earlier post' });
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await call('GET', `/2/users/${ACCOUNT}/tweets?start_time=${later}`)).body).toEqual({ meta: { result_count: 0 } });
    expect((await call('GET', `/2/users/${ACCOUNT}/tweets?max_results=4`)).status).toBe(400);
  });

  it('makes a post whose answer it then loses: the caller sees the connection drop, the post is on X', async () => {
    fake.loseNextPostAnswers(1);
    await expect(call('POST', '/2/tweets', { text: 'Appeal for witnesses' })).rejects.toThrow();
    expect(fake.tweets.live().map((tweet) => tweet.text)).toEqual(['Appeal for witnesses']);
  });
});
