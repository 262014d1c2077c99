import { describe, expect, it } from 'vitest';
import { HOUR, PAGE_ID, PAGE_TOKEN, startHarness } from './test-harness';

const GRAPH_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;
const psid = (n: number): string => `2400000000000${String(n).padStart(4, '0')}`;

/** A harness in which `count` people have each written once, a minute apart. */
async function withConversations(count: number) {
  const harness = await startHarness();
  for (let n = 1; n <= count; n += 1) {
    await harness.fake.sendUserMessage({ psid: psid(n), name: `Person ${n}`, text: `message ${n}` });
    harness.clock.now += 60_000;
  }
  const list = (params: Record<string, string> = {}) =>
    harness.graph('GET', `/v25.0/${PAGE_ID}/conversations`, {
      params: { platform: 'messenger', access_token: PAGE_TOKEN, ...params },
    });
  return { ...harness, list };
}

describe('Conversations API', () => {
  it('pages conversations with cursors until next is absent', async () => {
    const { list, graph } = await withConversations(5);

    const pages = [await list({ fields: 'id,updated_time', limit: '2' })];
    while (pages.at(-1)!.body.paging?.next) {
      const next = new URL(pages.at(-1)!.body.paging.next);
      pages.push(await graph('GET', next.pathname + next.search));
    }

    expect(pages.map((page) => page.body.data.length)).toEqual([2, 2, 1]);
    const times = pages.flatMap((page) => page.body.data.map((c: { updated_time: string }) => c.updated_time));
    expect(times).toEqual([...times].sort().reverse());
    expect(times.every((time) => GRAPH_TIME.test(time))).toBe(true);
    expect(new Set(pages.flatMap((page) => page.body.data.map((c: { id: string }) => c.id))).size).toBe(5);
    expect(pages[0]!.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(pages[1]!.body.paging.previous).toEqual(expect.stringContaining('before='));
  });

  it('writes paging links with escaped slashes, as Meta’s raw bodies do', async () => {
    const { list } = await withConversations(2);
    const response = await list({ limit: '1' });
    expect(response.raw).toContain('"next":"http:\\/\\/127.0.0.1:');
  });

  it('does not skip or repeat a conversation that moves to the top mid-walk', async () => {
    const { list, graph, fake } = await withConversations(4);

    const first = await list({ limit: '2' });
    await fake.sendUserMessage({ psid: psid(1), text: 'me again' }); // oldest conversation becomes newest
    const next = new URL(first.body.paging.next);
    const second = await graph('GET', next.pathname + next.search);

    const walked = [...first.body.data, ...second.body.data].map((c: { id: string }) => c.id);
    expect(new Set(walked).size).toBe(walked.length);
    expect(second.body.paging?.next).toBeUndefined();
  });

  it('answers an empty inbox with data [] and no paging', async () => {
    const { list } = await withConversations(0);
    expect((await list()).body).toEqual({ data: [] });
  });

  it('returns the requested fields, participants with the PSID@facebook.com address', async () => {
    const { list } = await withConversations(1);

    const response = await list({ fields: 'id,updated_time,snippet,message_count,unread_count,participants,can_reply' });

    expect(response.body.data[0]).toEqual({
      id: expect.stringMatching(/^t_\d+$/),
      updated_time: expect.stringMatching(GRAPH_TIME),
      snippet: 'message 1',
      message_count: 1,
      unread_count: 1,
      participants: {
        data: [
          { name: 'Person 1', email: `${psid(1)}@facebook.com`, id: psid(1) },
          { name: 'Anytown Police', id: PAGE_ID },
        ],
      },
      can_reply: true,
    });
  });

  it('says a conversation cannot be replied to once the 24-hour window has passed', async () => {
    const { list, clock } = await withConversations(1);
    clock.now += 25 * HOUR;
    expect((await list({ fields: 'can_reply' })).body.data[0].can_reply).toBe(false);
  });

  it('narrows to one person with user_id', async () => {
    const { list } = await withConversations(3);
    const response = await list({ user_id: psid(2), fields: 'participants' });
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0].participants.data[0].id).toBe(psid(2));
  });

  it('answers an unknown field with code 100', async () => {
    const { list } = await withConversations(1);
    const response = await list({ fields: 'id,favourite_colour' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(100);
  });

  it('rejects a bad token with code 190', async () => {
    const { list } = await withConversations(1);
    expect((await list({ access_token: 'nope' })).body.error.code).toBe(190);
  });

  it('lists a conversation’s messages newest first, only the latest 20, both directions', async () => {
    const { fake, list, graph, send, clock } = await withConversations(1);
    for (let n = 2; n <= 25; n += 1) {
      await fake.sendUserMessage({ psid: psid(1), text: `message ${n}` });
      clock.now += 1000;
    }
    await send({ recipient: { id: psid(1) }, messaging_type: 'RESPONSE', message: { text: 'We are looking into it.' } });
    const conversationId = (await list()).body.data[0].id;

    const response = await graph('GET', `/v25.0/${conversationId}/messages`, {
      params: { fields: 'id,created_time,from,to,message', access_token: PAGE_TOKEN },
    });

    const messages = response.body.data;
    expect(messages).toHaveLength(20);
    expect(messages[0]).toMatchObject({
      message: 'We are looking into it.',
      from: { name: 'Anytown Police', id: PAGE_ID },
      to: { data: [{ name: 'Person 1', email: `${psid(1)}@facebook.com`, id: psid(1) }] },
    });
    expect(messages[1]).toMatchObject({ message: 'message 25', from: { id: psid(1) }, to: { data: [{ id: PAGE_ID }] } });
    expect(messages[19].message).toBe('message 7');
    expect(response.body.paging.next).toBeUndefined();
  });

  it('gives the Send API message id to the page’s message in the conversation', async () => {
    const { list, send } = await withConversations(1);
    const sent = await send({ recipient: { id: psid(1) }, messaging_type: 'RESPONSE', message: { text: 'Hello' } });

    const response = await list({ fields: 'messages{id,message}' });

    expect(response.body.data[0].messages.data[0]).toEqual({ id: sent.body.message_id, message: 'Hello' });
  });

  it('reads a user profile by PSID', async () => {
    const { graph } = await withConversations(1);

    const response = await graph('GET', `/v25.0/${psid(1)}`, { params: { access_token: PAGE_TOKEN } });

    expect(response.body).toEqual({
      first_name: 'Person',
      last_name: '1',
      profile_pic: expect.stringContaining(psid(1)),
      id: psid(1),
    });
  });

  it('answers an unknown id with GraphMethodException 100 / 33', async () => {
    const { graph } = await withConversations(0);

    const response = await graph('GET', '/v25.0/t_999/messages', { params: { access_token: PAGE_TOKEN } });

    expect(response.body.error).toMatchObject({ type: 'GraphMethodException', code: 100, error_subcode: 33 });
  });
});
