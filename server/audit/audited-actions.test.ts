import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { auditEvents, teams, threads } from '../db/schema';

// Every action an information-security officer expects in the trail (issue 11) leaves an event
// naming who, what and which thread — and never the words of a message.

let desk: TestDesk;
let controlRoomId: string;
beforeAll(async () => {
  desk = await startTestDesk();
  const [team] = await desk.desk.database.db.select().from(teams).where(eq(teams.name, 'Control room'));
  controlRoomId = team!.id;
});
afterAll(async () => {
  await desk?.close();
});

const SECRET_WORDS = 'the blue van parked outside number forty';

async function threadFrom(psid: string) {
  await desk.facebook.sendUserMessage({ psid, text: `I saw ${SECRET_WORDS} every night this week` });
  return eventually(async () => (await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid)))[0]);
}

async function eventsOf(action: string, actorAgentId: string) {
  return desk.desk.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.actorAgentId, actorAgentId)));
}

describe('the audit trail records', () => {
  it('a sign-in and a failed one', async () => {
    const agent = await desk.signIn('agent');
    await desk.api('/api/auth/login', { body: { email: agent.email, password: 'not the password' } });
    expect(await eventsOf('auth.login', agent.agentId)).toHaveLength(1);
    const failures = await desk.desk.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed'));
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });

  it('an assignment, with the thread and the new assignee', async () => {
    const thread = await threadFrom('6300000000000001');
    const supervisor = await desk.signIn('supervisor');
    const agent = await desk.signIn('agent');
    expect((await desk.api(`/api/threads/${thread.id}/assignment`, { cookie: supervisor.cookie, body: { assigneeId: agent.agentId } })).status).toBe(200);
    const [event] = await eventsOf('thread.assigned', supervisor.agentId);
    expect(event).toMatchObject({ threadId: thread.id });
    expect(JSON.stringify(event!.details)).toContain(agent.agentId);
  });

  it('an escalation, without its reason’s words', async () => {
    const thread = await threadFrom('6300000000000002');
    const agent = await desk.signIn('agent');
    const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie: agent.cookie,
      body: { teamId: controlRoomId, reason: `Caller describes ${SECRET_WORDS}`, urgency: 'within_hour' },
    });
    expect(raised.status).toBe(201);
    const [event] = await eventsOf('escalation.raised', agent.agentId);
    expect(event).toMatchObject({ threadId: thread.id });
    expect(JSON.stringify(event!.details)).not.toContain(SECRET_WORDS);
  });

  it('a risk override, with the levels', async () => {
    const thread = await threadFrom('6300000000000003');
    const supervisor = await desk.signIn('supervisor');
    const overridden = await desk.api(`/api/threads/${thread.id}/risk`, { method: 'PUT', cookie: supervisor.cookie, body: { risk: 'priority', reason: 'Repeat caller, vulnerable' } });
    expect(overridden.status).toBe(200);
    const [event] = await eventsOf('thread.risk_overridden', supervisor.agentId);
    expect(event).toMatchObject({ threadId: thread.id });
    expect(JSON.stringify(event!.details)).toContain('priority');
  });

  it('a broadcast drafted', async () => {
    const supervisor = await desk.signIn('supervisor');
    const drafted = await desk.api('/api/broadcasts', {
      cookie: supervisor.cookie,
      body: { template: 'road_closure', language: 'en', text: 'The A38 is closed northbound at junction 4 tonight.', channels: ['facebook'] },
    });
    expect(drafted.status).toBe(201);
    expect(await eventsOf('broadcast.drafted', supervisor.agentId)).toHaveLength(1);
  });

  it('a change to the desk’s settings: canned responses and accounts', async () => {
    const supervisor = await desk.signIn('supervisor');
    const created = await desk.api('/api/canned-responses', {
      cookie: supervisor.cookie,
      body: { shortcut: `thanks-${randomUUID().slice(0, 4)}`, language: 'en', title: 'Thanks', body: 'Thank you for contacting us.' },
    });
    expect(created.status).toBe(201);
    expect(await eventsOf('canned_response.created', supervisor.agentId)).toHaveLength(1);

    const admin = await desk.signIn('admin');
    const agent = await desk.signIn('agent');
    await desk.api(`/api/accounts/${agent.agentId}`, { method: 'PATCH', cookie: admin.cookie, body: { role: 'supervisor' } });
    expect(await eventsOf('account.updated', admin.agentId)).toHaveLength(1);
  });

  it('an export of the audit trail and a subject-access export', async () => {
    const thread = await threadFrom('6300000000000004');
    const supervisor = await desk.signIn('supervisor');
    await desk.api('/api/audit/export.csv', { cookie: supervisor.cookie });
    await desk.api(`/api/contacts/${thread.contactId}/subject-access`, { cookie: supervisor.cookie });
    expect(await eventsOf('audit.exported', supervisor.agentId)).toHaveLength(1);
    const [subjectAccess] = await eventsOf('contact.subject_access_exported', supervisor.agentId);
    expect(JSON.stringify(subjectAccess!.details)).not.toContain(SECRET_WORDS);
  });
});
