import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { agents } from '../db/schema';
import { eq } from 'drizzle-orm';
import { findMentionedAgents } from './mentions';

describe('finding who a note mentions', () => {
  const desk = [
    { id: 'sam', name: 'Sam Taylor' },
    { id: 'sami', name: 'Samira Khan' },
    { id: 'gwen', name: 'Gwen Davies' },
    { id: 'gwyn', name: 'Gwen Evans' },
  ];

  it('finds a colleague by full name or by a first name nobody else has, whatever the case', () => {
    expect(findMentionedAgents('@sam taylor can you call back?', desk)).toEqual(['sam']);
    expect(findMentionedAgents('Over to @Samira, she knows the family', desk)).toEqual(['sami']);
  });

  it('needs the full name when two colleagues share a first name', () => {
    expect(findMentionedAgents('@Gwen can you look?', desk)).toEqual([]);
    expect(findMentionedAgents('@Gwen Evans can you look?', desk)).toEqual(['gwyn']);
  });

  it('ignores an e-mail address and a name that only starts the same', () => {
    expect(findMentionedAgents('Wrote to sam@example.org and @Samuel', desk)).toEqual([]);
  });
});

describe('a mention in a note, live', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startTestDesk();
  });
  afterAll(async () => {
    await desk?.close();
  });

  async function colleague(role: 'agent' | 'supervisor' | 'admin', name: string) {
    const signedIn = await desk.signIn(role);
    await desk.desk.database.db.update(agents).set({ name }).where(eq(agents.id, signedIn.agentId));
    return { ...signedIn, socket: await desk.connectAgent(signedIn.cookie) };
  }

  it('alerts the mentioned colleague (any role), and nobody else', async () => {
    const author = await colleague('agent', 'Alex Morgan');
    const supervisor = await colleague('supervisor', 'Priya Shah');
    const admin = await colleague('admin', 'Tom Hughes');
    const bystander = await colleague('agent', 'Rhys Lewis');
    const thread = await messageArrives(desk, author.cookie, { text: 'My neighbour has not been seen for a week' });
    let bystanderAlerted = false;
    bystander.socket.on('note:mentioned', () => (bystanderAlerted = true));

    const toSupervisor = nextEvent(supervisor.socket, 'note:mentioned');
    const toAdmin = nextEvent(admin.socket, 'note:mentioned');
    const note = await desk.api(`/api/threads/${thread.id}/notes`, {
      method: 'POST',
      cookie: author.cookie,
      body: { clientId: crypto.randomUUID(), text: '@Priya Shah and @tom hughes: welfare check needed?' },
    });
    expect(note.status).toBe(201);
    expect(await toSupervisor).toEqual({ threadId: thread.id, threadReference: thread.reference, messageId: note.body.message.id, authorName: 'Alex Morgan' });
    expect((await toAdmin).threadId).toBe(thread.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bystanderAlerted).toBe(false);
  });

  it('does not alert the author for mentioning themselves', async () => {
    const author = await colleague('agent', 'Megan Price');
    const thread = await messageArrives(desk, author.cookie, { text: 'Lost dog near the canal' });
    const alert = nextEvent(author.socket, 'note:mentioned', () => true, 800);
    await desk.api(`/api/threads/${thread.id}/notes`, { method: 'POST', cookie: author.cookie, body: { clientId: crypto.randomUUID(), text: 'Note to self @Megan Price' } });
    await expect(alert).rejects.toThrow(/no matching/);
  });

  it('does not tell a colleague about a restricted thread they may not read', async () => {
    const author = await colleague('supervisor', 'Jo Carter');
    const uncleared = await colleague('agent', 'Owen Bell');
    const thread = await messageArrives(desk, author.cookie, { text: 'Something sensitive' });
    await setThreadColumns(desk, thread.id, { restricted: true, category: 'domestic-abuse', assigneeId: author.agentId });
    const alert = nextEvent(uncleared.socket, 'note:mentioned', () => true, 800);
    const note = await desk.api(`/api/threads/${thread.id}/notes`, { method: 'POST', cookie: author.cookie, body: { clientId: crypto.randomUUID(), text: '@Owen Bell fyi' } });
    expect(note.status).toBe(201);
    await expect(alert).rejects.toThrow(/no matching/);
  });
});
