import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
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
      body: { outcome: 'Incident log 123 created, officers deployed', then: 'hand_back' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.escalation).toMatchObject({ status: 'resolved', outcome: 'Incident log 123 created, officers deployed' });
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
      body: { outcome: 'Roads policing attended', then: 'close' },
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
