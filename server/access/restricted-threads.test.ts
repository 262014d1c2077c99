import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_PNG } from '../../scripts/testing/images';
import { nextNewMessage, nextThreadUpdate } from '../../scripts/testing/agent-pushes';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { auditEvents, teams, threads } from '../db/schema';
import { addAgentToTeam } from '../teams/teams.service';

// Need-to-know: a thread about a sexual offence is readable only by the team cleared for it
// (Safeguarding by default), its assignee and its team; others see only that it exists.

let desk: TestDesk;
let safeguardingTeamId: string;
beforeAll(async () => {
  desk = await startTestDesk();
  const [team] = await desk.desk.database.db.select().from(teams).where(eq(teams.name, 'Safeguarding'));
  safeguardingTeamId = team!.id;
});
afterAll(async () => {
  await desk?.close();
});

const DISCLOSURE = 'I was raped by my landlord last month and I am scared to report it';

async function safeguardingOfficer() {
  const officer = await desk.signIn();
  await addAgentToTeam(desk.desk.database.db, officer.agentId, safeguardingTeamId);
  return officer;
}

async function restrictedThreadFrom(psid: string, text: string) {
  await desk.facebook.sendUserMessage({ psid, text });
  return eventually(async () => {
    const [row] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid));
    return row?.restricted ? row : undefined;
  });
}

describe('restricted threads', () => {
  it('shows an image sent on a restricted thread only to those cleared for it, and audits each viewing', async () => {
    const thread = await restrictedThreadFrom('7800000000000090', DISCLOSURE);
    const officer = await safeguardingOfficer();
    const uploaded = await fetch(`${desk.url}/api/uploads`, { method: 'POST', headers: { 'content-type': 'image/png', cookie: officer.cookie }, body: new Uint8Array(TINY_PNG) });
    const uploadId = (await uploaded.json()).upload.id as string;
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie: officer.cookie, body: { clientId: randomUUID(), text: 'This is where to find us', uploadIds: [uploadId] } });
    expect(reply.status).toBe(201);

    const uncleared = await desk.signIn();
    const refused = await fetch(`${desk.url}/api/uploads/${uploadId}`, { headers: { cookie: uncleared.cookie } });
    expect(refused.status).toBe(403);
    const shown = await fetch(`${desk.url}/api/uploads/${uploadId}`, { headers: { cookie: officer.cookie } });
    expect(shown.status).toBe(200);
    expect(Buffer.from(await shown.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    const viewings = await desk.desk.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'thread.restricted_viewed'), eq(auditEvents.threadId, thread.id), eq(auditEvents.actorAgentId, officer.agentId)));
    expect(viewings.some((event) => (event.details as { uploadId?: string }).uploadId === uploadId)).toBe(true);
  });

  it('lists a restricted thread to an agent not cleared for it without its sender or words, and refuses to open it', async () => {
    const thread = await restrictedThreadFrom('7800000000000001', DISCLOSURE);
    const { cookie } = await desk.signIn();
    const list = await desk.api('/api/threads', { cookie });
    const listed = list.body.threads.find((candidate: { id: string }) => candidate.id === thread.id);
    expect(listed).toMatchObject({ isRedacted: true, lastMessagePreview: '', category: null, riskReasons: [] });
    expect(listed.contact.displayName).toBeNull();
    expect(JSON.stringify(list.body)).not.toContain('landlord');

    expect((await desk.api(`/api/threads/${thread.id}`, { cookie })).status).toBe(403);
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Hello' } });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('thread_restricted');
    const note = await desk.api(`/api/threads/${thread.id}/notes`, { cookie, body: { clientId: randomUUID(), text: 'Looking into this' } });
    expect(note.status).toBe(403);
    expect((await desk.api(`/api/threads/${thread.id}/history`, { cookie })).status).toBe(403);
  });

  it('never finds a restricted thread in a search by someone not cleared for it', async () => {
    const thread = await restrictedThreadFrom('7800000000000002', 'My boyfriend hit me again and took my phone, he has done it before');
    const { cookie } = await desk.signIn();
    const search = await desk.api('/api/threads?q=boyfriend', { cookie });
    expect(search.body.threads.map((candidate: { id: string }) => candidate.id)).not.toContain(thread.id);
  });

  it('lets the team cleared for the category read it, and audits every reading', async () => {
    const thread = await restrictedThreadFrom('7800000000000003', DISCLOSURE);
    const officer = await safeguardingOfficer();
    const opened = await desk.api(`/api/threads/${thread.id}`, { cookie: officer.cookie });
    expect(opened.status).toBe(200);
    expect(opened.body.messages[0].text).toBe(DISCLOSURE);
    await desk.api(`/api/threads/${thread.id}`, { cookie: officer.cookie });
    const readings = await desk.desk.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.threadId, thread.id), eq(auditEvents.action, 'thread.restricted_viewed')));
    expect(readings.map((reading) => reading.actorAgentId)).toEqual([officer.agentId, officer.agentId]);
  });

  it('pushes a restricted thread’s content live only to those cleared for it', async () => {
    const officer = await safeguardingOfficer();
    const bystander = await desk.signIn();
    const officerSocket = await desk.connectAgent(officer.cookie);
    const bystanderSocket = await desk.connectAgent(bystander.cookie);
    const psid = '7800000000000004';
    const text = 'He forced me to have sex when I said no, it happened on Saturday night';
    const officerSees = nextNewMessage(officerSocket, (message) => message.text === text);
    const bystanderSeesThread = nextThreadUpdate(bystanderSocket, (thread) => thread.restricted && thread.isRedacted === true);
    const bystanderSeesMessage = nextNewMessage(bystanderSocket, (message) => message.text === text, 1500).then(
      () => 'told',
      () => 'not told',
    );

    await desk.facebook.sendUserMessage({ psid, text });
    expect((await officerSees).direction).toBe('in');
    const redacted = await bystanderSeesThread;
    expect(redacted.lastMessagePreview).toBe('');
    expect(await bystanderSeesMessage).toBe('not told');
  });

  it('leaves a restricted thread out of a subject-access export by someone not cleared for it, saying one was withheld', async () => {
    const thread = await restrictedThreadFrom('7800000000000005', DISCLOSURE);
    const supervisor = await desk.signIn('supervisor');
    const exported = await desk.api(`/api/contacts/${thread.contactId}/subject-access`, { cookie: supervisor.cookie });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ threads: [], withheldRestrictedThreads: 1 });
    expect(JSON.stringify(exported.body)).not.toContain('landlord');
  });

  it('counts restricted threads in reports without any of their content', async () => {
    await restrictedThreadFrom('7800000000000006', DISCLOSURE);
    const supervisor = await desk.signIn('supervisor');
    const today = new Date().toISOString().slice(0, 10);
    const report = await desk.api(`/api/reports?from=${today}&to=${today}&bucket=day`, { cookie: supervisor.cookie });
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toMatch(/"restrictedThreads":[1-9]/);
    expect(JSON.stringify(report.body)).not.toContain('landlord');
  });

  it('leaves no restricted words in the audit trail or its export', async () => {
    const thread = await restrictedThreadFrom('7800000000000007', DISCLOSURE);
    const officer = await safeguardingOfficer();
    await desk.api(`/api/threads/${thread.id}`, { cookie: officer.cookie });
    const supervisor = await desk.signIn('supervisor');
    const csv = await desk.api(`/api/audit/export.csv?threadId=${thread.id}`, { cookie: supervisor.cookie });
    expect(String(csv.body)).toContain('thread.restricted_viewed');
    expect(String(csv.body)).not.toContain('landlord');
  });
});
