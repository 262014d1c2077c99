import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { teams } from '../db/schema';
import { addAgentToTeam } from '../teams/teams.service';

let desk: TestDesk;
let controlRoomId: string;
beforeAll(async () => {
  desk = await startTestDesk();
  const { cookie } = await desk.signIn();
  const directory = await desk.api('/api/directory', { cookie });
  controlRoomId = directory.body.teams.find((team: { name: string }) => team.name === 'Control room').id;
});
afterAll(async () => {
  await desk?.close();
});

async function controlRoomOperator() {
  const operator = await desk.signIn('agent');
  await addAgentToTeam(desk.desk.database.db, operator.agentId, controlRoomId);
  return operator;
}

describe('escalating a thread to a team', () => {
  it('alerts the control room live, who acknowledge it, record the outcome and hand it back to the desk', async () => {
    const deskAgent = await desk.signIn('agent');
    const operator = await controlRoomOperator();
    const thread = await messageArrives(desk, deskAgent.cookie, { text: 'There is a man with a knife outside the shop' });
    const operatorSocket = await desk.connectAgent(operator.cookie);
    const alerted = nextEvent(operatorSocket, 'escalation:updated', (escalation) => escalation.threadId === thread.id);

    const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie: deskAgent.cookie,
      body: { teamId: controlRoomId, reason: 'Weapon seen, caller still nearby', urgency: 'immediate' },
    });
    expect(raised.status).toBe(201);
    expect(raised.body.escalation).toMatchObject({ status: 'raised', urgency: 'immediate', team: { name: 'Control room' }, raisedBy: 'Test agent' });
    expect((await alerted).reason).toBe('Weapon seen, caller still nearby');
    expect((await desk.api(`/api/threads/${thread.id}`, { cookie: deskAgent.cookie })).body.thread.status).toBe('escalated');
    const queue = await desk.api(`/api/escalations?teamId=${controlRoomId}`, { cookie: operator.cookie });
    expect(queue.body.escalations.map((escalation: { threadId: string }) => escalation.threadId)).toContain(thread.id);

    const acknowledged = await desk.api(`/api/escalations/${raised.body.escalation.id}/acknowledge`, { cookie: operator.cookie, method: 'POST' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.escalation.status).toBe('acknowledged');

    const resolved = await desk.api(`/api/escalations/${raised.body.escalation.id}/resolve`, {
      cookie: operator.cookie,
      body: { outcomeKind: 'officer_deployed', outcome: 'Incident log 123 created, officers deployed', then: 'hand_back' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.escalation).toMatchObject({ status: 'resolved', outcomeKind: 'officer_deployed', outcome: 'Incident log 123 created, officers deployed' });
    expect((await desk.api(`/api/threads/${thread.id}`, { cookie: deskAgent.cookie })).body.thread.status).toBe('open');

    const history = await desk.api(`/api/threads/${thread.id}/escalations`, { cookie: deskAgent.cookie });
    expect(history.body.escalations).toHaveLength(1);
    expect(history.body.escalations[0]).toMatchObject({ acknowledgedBy: 'Test agent', resolvedBy: 'Test agent' });
  });

  it('refuses an agent outside the team acting on its escalation, and lets a supervisor close it', async () => {
    const deskAgent = await desk.signIn('agent');
    const supervisor = await desk.signIn('supervisor');
    const thread = await messageArrives(desk, deskAgent.cookie, { text: 'Car on its roof on the A46' });
    const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie: deskAgent.cookie,
      body: { teamId: controlRoomId, reason: 'Collision reported', urgency: 'within_hour' },
    });
    const byOutsider = await desk.api(`/api/escalations/${raised.body.escalation.id}/acknowledge`, { cookie: deskAgent.cookie, method: 'POST' });
    expect(byOutsider.status).toBe(403);

    const closed = await desk.api(`/api/escalations/${raised.body.escalation.id}/resolve`, {
      cookie: supervisor.cookie,
      body: { outcomeKind: 'officer_deployed', outcome: 'Roads policing attended', then: 'close' },
    });
    expect(closed.status).toBe(200);
    expect((await desk.api(`/api/threads/${thread.id}`, { cookie: deskAgent.cookie })).body.thread.status).toBe('closed');
  });

  it('allows one open escalation per thread, and needs a reason', async () => {
    const { cookie } = await desk.signIn('agent');
    const thread = await messageArrives(desk, cookie, { text: 'Twice escalated?' });
    const body = { teamId: controlRoomId, reason: 'First', urgency: 'routine' };
    expect((await desk.api(`/api/threads/${thread.id}/escalations`, { cookie, body })).status).toBe(201);
    expect((await desk.api(`/api/threads/${thread.id}/escalations`, { cookie, body })).status).toBe(409);
    const other = await messageArrives(desk, cookie, { text: 'No reason given' });
    expect((await desk.api(`/api/threads/${other.id}/escalations`, { cookie, body: { ...body, reason: ' ' } })).status).toBe(400);
  });
});

describe('the outcome of an escalation', () => {
  it('offers the configured outcome kinds, and records the kind chosen with or without the team’s own words', async () => {
    const deskAgent = await desk.signIn('agent');
    const supervisor = await desk.signIn('supervisor');
    const options = await desk.api('/api/escalations/options', { cookie: deskAgent.cookie });
    expect(options.body.outcomeKinds.map((kind: { label: string }) => kind.label)).toEqual([
      'Incident created',
      'Officer deployed',
      'Advice given',
      'No further action',
      'Referred to partner',
    ]);
    const thread = await messageArrives(desk, deskAgent.cookie, { text: 'Is it legal to ride an e-scooter on the road?' });
    const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie: deskAgent.cookie,
      body: { teamId: controlRoomId, reason: 'Needs a view from roads', urgency: 'routine' },
    });
    const resolve = (body: unknown) => desk.api(`/api/escalations/${raised.body.escalation.id}/resolve`, { cookie: supervisor.cookie, body });
    expect((await resolve({ outcome: 'Told them', then: 'close' })).status).toBe(400);
    expect((await resolve({ outcomeKind: 'arrested_the_scooter', then: 'close' })).status).toBe(400);
    const resolved = await resolve({ outcomeKind: 'advice_given', then: 'close' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.escalation).toMatchObject({ outcomeKind: 'advice_given', outcome: null });
  });
});

describe('an escalation of a restricted thread', () => {
  it('tells agents not cleared for the thread only that it was escalated, never why, live and in the open list', async () => {
    const [safeguarding] = await desk.desk.database.db.select().from(teams).where(eq(teams.name, 'Safeguarding'));
    const officer = await desk.signIn('agent');
    await addAgentToTeam(desk.desk.database.db, officer.agentId, safeguarding!.id);
    const outsider = await desk.signIn('agent');
    const thread = await messageArrives(desk, officer.cookie, { text: 'Can someone call me back about what happened at home' });
    await setThreadColumns(desk, thread.id, { restricted: true, category: 'domestic-abuse' });
    const officerSocket = await desk.connectAgent(officer.cookie);
    const outsiderSocket = await desk.connectAgent(outsider.cookie);
    const toOfficer = nextEvent(officerSocket, 'escalation:updated', (escalation) => escalation.threadId === thread.id);
    const toOutsider = nextEvent(outsiderSocket, 'escalation:updated', (escalation) => escalation.threadId === thread.id);

    const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie: officer.cookie,
      body: { teamId: safeguarding!.id, reason: 'Repeat victim, children in the house', urgency: 'immediate' },
    });
    expect(raised.status).toBe(201);

    expect(await toOfficer).toMatchObject({ reason: 'Repeat victim, children in the house', isRedacted: false });
    const redacted = await toOutsider;
    expect(redacted).toMatchObject({ reason: '', isRedacted: true, status: 'raised', team: { name: 'Safeguarding' } });
    expect(JSON.stringify(redacted)).not.toContain('children');
    const openList = await desk.api('/api/escalations', { cookie: outsider.cookie });
    expect(JSON.stringify(openList.body)).not.toContain('children');
    expect(openList.body.escalations.find((escalation: { threadId: string }) => escalation.threadId === thread.id)).toMatchObject({ isRedacted: true });
  });
});
