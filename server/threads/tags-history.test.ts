import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listThreadIds, messageArrives } from '../../scripts/testing/desk-threads';
import { nextThreadUpdate } from '../../scripts/testing/agent-pushes';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { threads } from '../db/schema';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('tags', () => {
  it('lets an agent tag a thread, pushes the tags to everyone, and the tag filter finds it', async () => {
    const alex = await desk.signIn();
    const bea = await desk.signIn();
    const thread = await messageArrives(desk, alex.cookie, { text: 'Scam call pretending to be my bank' });
    const socket = await desk.connectAgent(bea.cookie);
    const pushed = nextThreadUpdate(socket, (update) => update.id === thread.id && update.tags.length > 0);

    const tagged = await desk.api(`/api/threads/${thread.id}/tags`, { cookie: alex.cookie, method: 'PUT', body: { tags: ['Fraud', 'fraud', 'Vulnerable adult'] } });
    expect(tagged.status).toBe(200);
    expect(tagged.body.thread.tags).toEqual(['fraud', 'vulnerable adult']);
    expect((await pushed).tags).toEqual(['fraud', 'vulnerable adult']);
    expect(await listThreadIds(desk, alex.cookie, 'tag=fraud')).toEqual([thread.id]);
  });

  it('refuses a tag that is not a word', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Tag me badly' });
    expect((await desk.api(`/api/threads/${thread.id}/tags`, { cookie, method: 'PUT', body: { tags: ['<script>'] } })).status).toBe(400);
  });
});

describe('contact history', () => {
  it('lists the same person’s other threads, newest first', async () => {
    const { cookie } = await desk.signIn();
    const current = await messageArrives(desk, cookie, { text: 'Writing again about the same thing' });
    const [row] = await desk.desk.database.db.select().from(threads).limit(1);
    const [earlier] = await desk.desk.database.db
      .insert(threads)
      .values({
        reference: 'SMD-2025-000777',
        channelId: row!.channelId,
        platformConversationId: 'an-earlier-conversation',
        contactId: current.contact.id,
        status: 'closed',
        lastMessageAt: new Date('2025-06-01T10:00:00Z'),
        lastMessagePreview: 'Last summer',
      })
      .returning();
    const history = await desk.api(`/api/threads/${current.id}/history`, { cookie });
    expect(history.status).toBe(200);
    expect(history.body.threads.map((thread: { reference: string }) => thread.reference)).toEqual([earlier!.reference]);
  });
});

describe('merging two threads', () => {
  it('moves the messages into the other thread, closes the merged one, and later messages of its conversation follow', async () => {
    const { cookie } = await desk.signIn();
    const first = await messageArrives(desk, cookie, { text: 'My bike was stolen from the station', psid: '7920000000000001' });
    const second = await messageArrives(desk, cookie, { text: 'This is me again from my other account', psid: '7920000000000002' });
    await desk.api(`/api/threads/${second.id}/tags`, { cookie, method: 'PUT', body: { tags: ['theft'] } });
    const socket = await desk.connectAgent(cookie);
    const mergedPushed = nextThreadUpdate(socket, (update) => update.id === second.id && update.status === 'closed');

    const merged = await desk.api(`/api/threads/${second.id}/merge`, { cookie, body: { intoThreadId: first.id } });
    expect(merged.status).toBe(200);
    expect(merged.body.thread.tags).toEqual(['theft']);
    await mergedPushed;

    const detail = await desk.api(`/api/threads/${first.id}`, { cookie });
    expect(detail.body.messages.map((message: { kind: string; text: string }) => message.text)).toEqual([
      'My bike was stolen from the station',
      'This is me again from my other account',
      `${second.reference} was merged into this thread.`,
    ]);
    await desk.facebook.sendUserMessage({ psid: '7920000000000002', text: 'Any news on the bike?' });
    await eventually(async () => {
      const after = await desk.api(`/api/threads/${first.id}`, { cookie });
      return after.body.messages.some((message: { text: string }) => message.text === 'Any news on the bike?');
    });
    expect((await desk.api(`/api/threads/${second.id}`, { cookie })).body.messages).toEqual([]);
  });

  it('refuses merging a thread into itself or merging one twice', async () => {
    const { cookie } = await desk.signIn();
    const first = await messageArrives(desk, cookie, { text: 'Merge me once' });
    const second = await messageArrives(desk, cookie, { text: 'Merge me twice' });
    expect((await desk.api(`/api/threads/${first.id}/merge`, { cookie, body: { intoThreadId: first.id } })).status).toBe(400);
    expect((await desk.api(`/api/threads/${second.id}/merge`, { cookie, body: { intoThreadId: first.id } })).status).toBe(200);
    expect((await desk.api(`/api/threads/${second.id}/merge`, { cookie, body: { intoThreadId: first.id } })).status).toBe(409);
    expect((await desk.api(`/api/threads/${second.id}/merge`, { body: { intoThreadId: first.id } })).status).toBe(401);
  });
});
