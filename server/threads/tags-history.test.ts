import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listThreadIds, messageArrives } from '../../scripts/testing/desk-threads';
import { nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
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
    const pushed = nextEvent(socket, 'thread:updated', (update) => update.id === thread.id && update.tags.length > 0);

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
