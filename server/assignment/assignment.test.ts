import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { nextNewMessage, nextThreadUpdate } from '../../scripts/testing/agent-pushes';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function teamId(cookie: string, name: string): Promise<string> {
  const directory = await desk.api('/api/directory', { cookie });
  return directory.body.teams.find((team: { name: string }) => team.name === name).id;
}

describe('taking and assigning threads', () => {
  it('lets an agent take a new thread, which opens it, and the other agents see it live', async () => {
    const alex = await desk.signIn('agent');
    const bea = await desk.signIn('agent');
    const thread = await messageArrives(desk, alex.cookie, { text: 'Can someone call me back about my statement' });
    const beasSocket = await desk.connectAgent(bea.cookie);
    const seenByBea = nextThreadUpdate(beasSocket, (update) => update.id === thread.id && update.assignee !== null);

    const taken = await desk.api(`/api/threads/${thread.id}/take`, { cookie: alex.cookie, method: 'POST' });
    expect(taken.status).toBe(200);
    expect(taken.body.thread).toMatchObject({ status: 'open', assignee: { id: alex.agentId } });
    expect((await seenByBea).assignee?.id).toBe(alex.agentId);
  });

  it('lets an agent hand a thread to a team and let go of it', async () => {
    const alex = await desk.signIn('agent');
    const thread = await messageArrives(desk, alex.cookie, { text: 'Harassment by text messages from my ex' });
    const safeguarding = await teamId(alex.cookie, 'Safeguarding');
    await desk.api(`/api/threads/${thread.id}/take`, { cookie: alex.cookie, method: 'POST' });
    const handed = await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: alex.cookie, body: { assigneeId: null, teamId: safeguarding } });
    expect(handed.status).toBe(200);
    expect(handed.body.thread.assignee).toBeNull();
    expect(handed.body.thread.team).toEqual({ id: safeguarding, name: 'Safeguarding' });
  });

  it('refuses an agent giving a thread to a colleague, and lets a supervisor do it', async () => {
    const alex = await desk.signIn('agent');
    const bea = await desk.signIn('agent');
    const sam = await desk.signIn('supervisor');
    const thread = await messageArrives(desk, alex.cookie, { text: 'Who do I talk to about a licence' });

    const byAgent = await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: alex.cookie, body: { assigneeId: bea.agentId } });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe('forbidden');

    const bySupervisor = await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: sam.cookie, body: { assigneeId: bea.agentId } });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.thread.assignee.id).toBe(bea.agentId);

    const takeBack = await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: alex.cookie, body: { assigneeId: null } });
    expect(takeBack.status).toBe(403);
  });

  it('lets an admin reassign too, and refuses an unknown agent or team', async () => {
    const admin = await desk.signIn('admin');
    const bea = await desk.signIn('agent');
    const thread = await messageArrives(desk, admin.cookie, { text: 'Reassign me please' });
    expect((await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: admin.cookie, body: { assigneeId: bea.agentId } })).status).toBe(200);
    expect((await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: admin.cookie, body: { assigneeId: randomUUID() } })).status).toBe(400);
    expect((await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: admin.cookie, body: { assigneeId: null, teamId: randomUUID() } })).status).toBe(400);
  });

  it('returns an agent’s unanswered threads to the queue when they sign off, and others see it live', async () => {
    const alex = await desk.signIn('agent');
    const bea = await desk.signIn('agent');
    const unanswered = await messageArrives(desk, alex.cookie, { text: 'Still waiting to hear about my lost wallet' });
    await desk.api(`/api/threads/${unanswered.id}/take`, { cookie: alex.cookie, method: 'POST' });
    const beasSocket = await desk.connectAgent(bea.cookie);
    const released = nextThreadUpdate(beasSocket, (update) => update.id === unanswered.id && update.assignee === null);

    expect((await desk.api('/api/auth/logout', { method: 'POST', cookie: alex.cookie })).status).toBe(204);
    expect((await released).status).toBe('open');
  });

  it('needs a signed-in agent', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Just checking in about my case' });
    expect((await desk.api(`/api/threads/${thread.id}/take`, { method: 'POST' })).status).toBe(401);
  });
});

describe('the status flow', () => {
  it('moves a thread open → pending → closed, and a new message reopens it', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Is my case still being looked at', psid: '7910000000000001' });
    for (const status of ['open', 'pending', 'closed'] as const) {
      const moved = await desk.api(`/api/threads/${thread.id}/status`, { cookie, body: { status } });
      expect(moved.status).toBe(200);
      expect(moved.body.thread.status).toBe(status);
    }
    await desk.facebook.sendUserMessage({ psid: '7910000000000001', text: 'Sorry, one more thing' });
    await eventually(async () => {
      const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
      return detail.body.thread.status === 'open';
    });
  });

  it('wakes a pending thread when the public writes again', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'I will send the photos later', psid: '7910000000000002' });
    await desk.api(`/api/threads/${thread.id}/status`, { cookie, body: { status: 'pending' } });
    await desk.facebook.sendUserMessage({ psid: '7910000000000002', text: 'Here are the photos' });
    await eventually(async () => (await desk.api(`/api/threads/${thread.id}`, { cookie })).body.thread.status === 'open');
  });

  it('refuses moving an escalated thread by hand, and a status it does not know', async () => {
    const { cookie } = await desk.signIn('supervisor');
    const thread = await messageArrives(desk, cookie, { text: 'Escalated elsewhere' });
    await setThreadColumns(desk, thread.id, { status: 'escalated' });
    const refused = await desk.api(`/api/threads/${thread.id}/status`, { cookie, body: { status: 'closed' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/resolve the escalation/);
    expect((await desk.api(`/api/threads/${thread.id}/status`, { cookie, body: { status: 'escalated' } })).status).toBe(400);
  });
});

describe('private notes', () => {
  it('keeps a note on the thread for colleagues, live, and never sends it to the platform', async () => {
    const alex = await desk.signIn();
    const bea = await desk.signIn();
    const thread = await messageArrives(desk, alex.cookie, { text: 'My neighbour shouts at my kids' });
    const beasSocket = await desk.connectAgent(bea.cookie);
    const seenByBea = nextNewMessage(beasSocket, (message) => message.kind === 'note');
    const sendsBefore = desk.facebook.sentMessages.length;

    const note = await desk.api(`/api/threads/${thread.id}/notes`, { cookie: alex.cookie, body: { clientId: randomUUID(), text: 'Known address, see log 4411' } });
    expect(note.status).toBe(201);
    expect(note.body.message).toMatchObject({ kind: 'note', text: 'Known address, see log 4411', authorName: 'Test agent' });
    expect((await seenByBea).id).toBe(note.body.message.id);

    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie: bea.cookie });
    expect(detail.body.messages.map((message: { kind: string }) => message.kind)).toEqual(['text', 'note']);
    expect(detail.body.thread.firstResponseAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong send to show up
    expect(desk.facebook.sentMessages.slice(sendsBefore)).toEqual([]);
  });
});
