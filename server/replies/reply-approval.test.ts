import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadSummary } from '../../shared/api';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { eventually, nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { auditEvents, messages } from '../db/schema';

// Reply approval (issue 13): a trainee's replies, or replies on threads of a configured category,
// wait for a supervisor, who approves, edits and approves, or returns them with a comment — live.

let desk: TestDesk;
let admin: { cookie: string };
beforeAll(async () => {
  desk = await startTestDesk({ environment: { BLOCKED_PHRASES: 'calm down', APPROVAL_CATEGORIES: 'missing-person' } });
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

/** An agent an admin has flagged "replies need approval", and a thread for them to answer. */
async function traineeWithThread(text: string): Promise<{ trainee: { cookie: string; agentId: string }; thread: ThreadSummary }> {
  const trainee = await desk.signIn('agent');
  const flagged = await desk.api(`/api/routing/agents/${trainee.agentId}`, { method: 'PUT', cookie: admin.cookie, body: { repliesNeedApproval: true } });
  expect(flagged.status).toBe(200);
  const thread = await messageArrives(desk, trainee.cookie, { text });
  return { trainee, thread };
}

async function reply(cookie: string, threadId: string, text: string) {
  return desk.api(`/api/threads/${threadId}/replies`, { cookie, body: { clientId: randomUUID(), text } });
}

async function auditActions(messageId: string): Promise<string[]> {
  const rows = await desk.desk.database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
  return rows.filter((row) => row.details.messageId === messageId).map((row) => row.action);
}

describe('a reply that needs approval', () => {
  it('is held, not sent, and supervisors see it arrive in their list live', async () => {
    const { trainee, thread } = await traineeWithThread('My son has not come home from school');
    const sam = await desk.signIn('supervisor');
    const samsSocket = await desk.connectAgent(sam.cookie);
    const seenBySam = nextEvent(samsSocket, 'approval:updated', (approval) => approval.thread.id === thread.id);
    const sendsBefore = desk.facebook.sentMessages.length;

    const held = await reply(trainee.cookie, thread.id, 'We are sending an officer to you now.');
    expect(held.status).toBe(201);
    expect(held.body.message.deliveryStatus).toBe('awaiting_approval');
    expect((await seenBySam).message).toMatchObject({ id: held.body.message.id, deliveryStatus: 'awaiting_approval' });
    const list = await desk.api('/api/approvals', { cookie: sam.cookie });
    expect(list.body.approvals.map((approval: { message: { id: string } }) => approval.message.id)).toContain(held.body.message.id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong send to show up
    expect(desk.facebook.sentMessages.slice(sendsBefore)).toEqual([]);
  });

  it('is sent as written once a supervisor approves it, and the author sees the outcome live', async () => {
    const { trainee, thread } = await traineeWithThread('Is the road closed near the bridge');
    const sam = await desk.signIn('supervisor');
    const held = await reply(trainee.cookie, thread.id, 'Yes, the bridge road is closed until 6pm.');
    const traineesSocket = await desk.connectAgent(trainee.cookie);
    const outcome = nextEvent(traineesSocket, 'approval:updated', (approval) => approval.message.id === held.body.message.id);
    const platformReceived = desk.sentToFacebook('Yes, the bridge road is closed until 6pm.');

    const approved = await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: sam.cookie, body: {} });
    expect(approved.status).toBe(200);
    expect((await outcome).message.deliveryStatus).toBe('queued');
    await platformReceived;
    await eventually(async () => {
      const detail = await desk.api(`/api/threads/${thread.id}`, { cookie: trainee.cookie });
      return detail.body.messages.find((message: { id: string }) => message.id === held.body.message.id).deliveryStatus === 'sent';
    });
    expect(await auditActions(held.body.message.id)).toEqual(['reply.held_for_approval', 'reply.approved']);
    const list = await desk.api('/api/approvals', { cookie: sam.cookie });
    expect(list.body.approvals.map((approval: { message: { id: string } }) => approval.message.id)).not.toContain(held.body.message.id);
  });

  it('is sent with the supervisor’s edit, which is recorded beside what the author wrote', async () => {
    const { trainee, thread } = await traineeWithThread('Someone stole my bike from the station');
    const sam = await desk.signIn('supervisor');
    const held = await reply(trainee.cookie, thread.id, 'Bikes get nicked all the time.');
    const platformReceived = desk.sentToFacebook('Sorry to hear that. Please report it online with the frame number.');

    const edited = await desk.api(`/api/approvals/${held.body.message.id}/approve`, {
      cookie: sam.cookie,
      body: { text: 'Sorry to hear that. Please report it online with the frame number.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.message.review).toMatchObject({ textBeforeReview: 'Bikes get nicked all the time.' });
    await platformReceived;
    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie: trainee.cookie });
    expect(detail.body.thread.lastMessagePreview).toBe('Sorry to hear that. Please report it online with the frame number.');
    expect(await auditActions(held.body.message.id)).toEqual(['reply.held_for_approval', 'reply.edited_and_approved']);
  });

  it('goes back to its author with the supervisor’s comment, live, and comes back live when resubmitted', async () => {
    const { trainee, thread } = await traineeWithThread('Can I report a noisy party');
    const sam = await desk.signIn('supervisor');
    const held = await reply(trainee.cookie, thread.id, 'Ring the council.');
    const traineesSocket = await desk.connectAgent(trainee.cookie);
    const samsSocket = await desk.connectAgent(sam.cookie);
    const returnedToTrainee = nextEvent(traineesSocket, 'approval:updated', (approval) => approval.message.deliveryStatus === 'returned');

    const returned = await desk.api(`/api/approvals/${held.body.message.id}/return`, { cookie: sam.cookie, body: { comment: 'Give them the council’s noise line number.' } });
    expect(returned.status).toBe(200);
    expect((await returnedToTrainee).message.review).toMatchObject({ comment: 'Give them the council’s noise line number.' });

    const backWithSam = nextEvent(samsSocket, 'approval:updated', (approval) => approval.message.deliveryStatus === 'awaiting_approval' && approval.message.id === held.body.message.id);
    const resubmitted = await desk.api(`/api/approvals/${held.body.message.id}/resubmit`, { cookie: trainee.cookie, body: { text: 'Please ring the council noise line on 0300 123 4567.' } });
    expect(resubmitted.status).toBe(200);
    expect((await backWithSam).message.text).toBe('Please ring the council noise line on 0300 123 4567.');

    const platformReceived = desk.sentToFacebook('Please ring the council noise line on 0300 123 4567.');
    expect((await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: sam.cookie, body: {} })).status).toBe(200);
    await platformReceived;
    expect(await auditActions(held.body.message.id)).toEqual(['reply.held_for_approval', 'reply.returned', 'reply.resubmitted', 'reply.approved']);
  });

  it('is held on a thread of a configured category, whoever writes it', async () => {
    const alex = await desk.signIn('agent');
    const thread = await messageArrives(desk, alex.cookie, { text: 'My mum has dementia and has wandered off' });
    await setThreadColumns(desk, thread.id, { category: 'missing-person' });
    const held = await reply(alex.cookie, thread.id, 'We are on our way.');
    expect(held.body.message.deliveryStatus).toBe('awaiting_approval');
  });

  it('is sent straight away when the agent is not flagged and the category needs no approval', async () => {
    const alex = await desk.signIn('agent');
    const thread = await messageArrives(desk, alex.cookie, { text: 'What are the front counter hours' });
    const sent = await reply(alex.cookie, thread.id, '8am to 8pm every day.');
    expect(sent.body.message.deliveryStatus).toBe('queued');
    await desk.sentToFacebook('8am to 8pm every day.');
  });
});

describe('the checks at approval time', () => {
  it('refuse a supervisor’s edit containing a blocked phrase', async () => {
    const { trainee, thread } = await traineeWithThread('The neighbours are shouting again');
    const sam = await desk.signIn('supervisor');
    const held = await reply(trainee.cookie, thread.id, 'We will send someone round.');
    const refused = await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: sam.cookie, body: { text: 'Calm down, we will send someone.' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('blocked_phrase');
    const [stored] = await desk.desk.database.db.select().from(messages).where(eq(messages.id, held.body.message.id));
    expect(stored).toMatchObject({ deliveryStatus: 'awaiting_approval', text: 'We will send someone round.' });
  });

  it('refuse approving once Facebook’s messaging window has closed', async () => {
    const { trainee, thread } = await traineeWithThread('Any news on my stolen car');
    const sam = await desk.signIn('supervisor');
    const held = await reply(trainee.cookie, thread.id, 'Not yet, sorry.');
    await setThreadColumns(desk, thread.id, { lastInboundAt: new Date(Date.now() - 25 * 60 * 60 * 1000) });
    const refused = await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: sam.cookie, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('messaging_window_closed');
  });

  it('refuse a second decision on a reply already decided', async () => {
    const { trainee, thread } = await traineeWithThread('Where do I collect my property');
    const sam = await desk.signIn('supervisor');
    const held = await reply(trainee.cookie, thread.id, 'At the front counter.');
    expect((await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: sam.cookie, body: {} })).status).toBe(200);
    const again = await desk.api(`/api/approvals/${held.body.message.id}/return`, { cookie: sam.cookie, body: { comment: 'Too late' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('reply_not_held');
  });
});

describe('who may decide', () => {
  it('refuses agents listing, approving or returning held replies, and lets an admin approve', async () => {
    const { trainee, thread } = await traineeWithThread('Can I have a crime number');
    const held = await reply(trainee.cookie, thread.id, 'Your number is on its way.');
    const colleague = await desk.signIn('agent');
    expect((await desk.api('/api/approvals', { cookie: colleague.cookie })).status).toBe(403);
    expect((await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: trainee.cookie, body: {} })).status).toBe(403);
    expect((await desk.api(`/api/approvals/${held.body.message.id}/return`, { cookie: colleague.cookie, body: { comment: 'No' } })).status).toBe(403);
    expect((await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: admin.cookie, body: {} })).status).toBe(200);
  });

  it('lets only the author resubmit a returned reply', async () => {
    const { trainee, thread } = await traineeWithThread('Who do I speak to about a licence');
    const sam = await desk.signIn('supervisor');
    const held = await reply(trainee.cookie, thread.id, 'Dunno.');
    await desk.api(`/api/approvals/${held.body.message.id}/return`, { cookie: sam.cookie, body: { comment: 'Point them to the licensing team.' } });
    const colleague = await desk.signIn('agent');
    const byColleague = await desk.api(`/api/approvals/${held.body.message.id}/resubmit`, { cookie: colleague.cookie, body: { text: 'Licensing can help.' } });
    expect(byColleague.status).toBe(403);
  });

  it('lets only an admin flag an agent', async () => {
    const alex = await desk.signIn('agent');
    const sam = await desk.signIn('supervisor');
    for (const cookie of [alex.cookie, sam.cookie]) {
      expect((await desk.api(`/api/routing/agents/${alex.agentId}`, { method: 'PUT', cookie, body: { repliesNeedApproval: true } })).status).toBe(403);
    }
    expect((await desk.api(`/api/routing/agents/${alex.agentId}`, { method: 'PUT', body: { repliesNeedApproval: true } })).status).toBe(401);
  });

  it('needs a signed-in agent', async () => {
    expect((await desk.api('/api/approvals')).status).toBe(401);
  });
});
