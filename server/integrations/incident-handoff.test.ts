import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../shared/integrations';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { eventually, nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { startWebhookReceiver, type WebhookReceiver } from '../../scripts/testing/webhook-receiver';
import { addAgentToTeam } from '../teams/teams.service';
import { isValidSignature } from './signing';

// The force's command-and-control system is a real HTTP server here, answering as the docs say.

const SECRET = 'c-and-c-shared-secret-for-tests';
let desk: TestDesk;
let commandAndControl: WebhookReceiver;
let controlRoomId: string;
let roadsId: string;

beforeAll(async () => {
  commandAndControl = await startWebhookReceiver({ incidentNumber: 'INC-2026-0042' });
  desk = await startTestDesk({
    environment: { INCIDENT_WEBHOOK_URL: commandAndControl.url, INCIDENT_WEBHOOK_SECRET: SECRET, INTEGRATION_RETRY_DELAY_MS: '50', INTEGRATION_ATTEMPTS: '3' },
  });
  const { cookie } = await desk.signIn();
  const directory = await desk.api('/api/directory', { cookie });
  const teamNamed = (name: string) => directory.body.teams.find((team: { name: string }) => team.name === name).id;
  controlRoomId = teamNamed('Control room');
  roadsId = teamNamed('Roads policing');
});
afterAll(async () => {
  await desk?.close();
  await commandAndControl?.close();
});

async function escalateToControlRoom(cookie: string, text: string) {
  const thread = await messageArrives(desk, cookie, { text });
  const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
    cookie,
    body: { teamId: controlRoomId, reason: 'Caller says the driver is drunk', urgency: 'immediate', createIncident: true },
  });
  expect(raised.status).toBe(201);
  return { thread, escalation: raised.body.escalation };
}

const requestsFor = (escalationId: string) => commandAndControl.received.filter((request) => request.headers[DELIVERY_HEADER] === escalationId);

describe('handing an escalation to command and control', () => {
  it('creates an incident with a signed request and shows its number on the thread live', async () => {
    const deskAgent = await desk.signIn('agent');
    const socket = await desk.connectAgent(deskAgent.cookie);
    const thread = await messageArrives(desk, deskAgent.cookie, { text: 'A car is weaving all over the M1 near junction 24' });
    const numbered = nextEvent(socket, 'escalation:updated', (escalation) => escalation.threadId === thread.id && escalation.incident?.number != null);
    const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie: deskAgent.cookie,
      body: { teamId: controlRoomId, reason: 'Caller says the driver is drunk', urgency: 'immediate', createIncident: true },
    });
    expect(['requested', 'created']).toContain(raised.body.escalation.incident.status);

    expect((await numbered).incident).toEqual({ status: 'created', number: 'INC-2026-0042', error: null });
    const [request] = requestsFor(raised.body.escalation.id);
    expect(isValidSignature(SECRET, { timestamp: request!.headers[TIMESTAMP_HEADER] as string, signature: request!.headers[SIGNATURE_HEADER] as string }, request!.rawBody)).toBe(true);
    expect(request!.body).toMatchObject({
      type: 'incident.create',
      version: 1,
      escalation: { id: raised.body.escalation.id, urgency: 'immediate', reason: 'Caller says the driver is drunk' },
      thread: { id: thread.id, reference: thread.reference, channel: 'facebook', restricted: false },
      team: { id: controlRoomId, name: 'Control room' },
    });
    const history = await desk.api(`/api/threads/${thread.id}/escalations`, { cookie: deskAgent.cookie });
    expect(history.body.escalations[0].incident.number).toBe('INC-2026-0042');
  });

  it('retries when the system fails (500, then 200) and stores the number it finally gives', async () => {
    const { cookie } = await desk.signIn('agent');
    commandAndControl.answerNext({ status: 500 });
    const { escalation } = await escalateToControlRoom(cookie, 'Fight outside the Red Lion, glass thrown');
    const stored = await eventually(async () => {
      const history = await desk.api(`/api/escalations?teamId=${controlRoomId}`, { cookie });
      const current = history.body.escalations.find((row: { id: string }) => row.id === escalation.id);
      return current?.incident?.status === 'created' && current;
    });
    expect(stored.incident.number).toBe('INC-2026-0042');
    expect(requestsFor(escalation.id)).toHaveLength(2);
  });

  it('says the request failed after its attempts, and lets the controller type the number in', async () => {
    const { cookie } = await desk.signIn('agent');
    const controller = await desk.signIn('agent');
    await addAgentToTeam(desk.desk.database.db, controller.agentId, controlRoomId);
    commandAndControl.answerNext({ status: 503 }, { status: 503 }, { status: 503 });
    const { escalation } = await escalateToControlRoom(cookie, 'Someone keeps parking across my drive on Elm Road');
    const failed = await eventually(async () => {
      const list = await desk.api(`/api/escalations?teamId=${controlRoomId}`, { cookie });
      const current = list.body.escalations.find((row: { id: string }) => row.id === escalation.id);
      return current?.incident?.status === 'failed' && current;
    });
    expect(failed.incident.error).toMatch(/answered 503/);

    expect((await desk.api(`/api/escalations/${escalation.id}/incident`, { cookie, body: { incidentNumber: 'INC-9' } })).status).toBe(403);
    const typed = await desk.api(`/api/escalations/${escalation.id}/incident`, { cookie: controller.cookie, body: { incidentNumber: 'INC-2026-0077' } });
    expect(typed.status).toBe(200);
    expect(typed.body.escalation.incident).toEqual({ status: 'created', number: 'INC-2026-0077', error: null });
  });

  it('sends no reason or category of a restricted thread, and asks only for escalations to the control room', async () => {
    const { cookie } = await desk.signIn('supervisor');
    const thread = await messageArrives(desk, cookie, { text: 'Please ring me back about the thing we discussed' });
    const refused = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie,
      body: { teamId: roadsId, reason: 'Not for C&C', urgency: 'routine', createIncident: true },
    });
    expect(refused.status).toBe(400);

    await setThreadColumns(desk, thread.id, { restricted: true, category: 'domestic-abuse', assigneeId: (await desk.api('/api/auth/me', { cookie })).body.agent.id });
    const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie,
      body: { teamId: controlRoomId, reason: 'Threats to kill made last night', urgency: 'immediate', createIncident: true },
    });
    expect(raised.status).toBe(201);
    const [request] = await eventually(async () => requestsFor(raised.body.escalation.id).length > 0 && requestsFor(raised.body.escalation.id));
    expect(request!.body.escalation.reason).toBeNull();
    expect(request!.body.thread).toMatchObject({ restricted: true, category: null });
    expect(request!.rawBody).not.toContain('Threats');
  });

  it('tells the escalation form which team can take an incident', async () => {
    const { cookie } = await desk.signIn('agent');
    const options = await desk.api('/api/escalations/options', { cookie });
    expect(options.body).toMatchObject({ incidentTeamId: controlRoomId, canRequestIncident: true });
  });
});
