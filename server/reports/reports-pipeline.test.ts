import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportResponse } from '../../shared/reports';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

// The counters and the first response through the real pipeline: webhook, ingest, automatic
// acknowledgement, the outbound queue and the fake Send API.

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ environment: { AUTO_ACKNOWLEDGEMENT: 'true' } });
});
afterAll(async () => {
  await desk?.close();
});

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

describe('a conversation as it happens, in today’s report', () => {
  it('counts the automatic acknowledgement as outbound but not as a first response; a person’s reply is', async () => {
    const supervisor = await desk.signIn('supervisor');
    const today = todayInLondon();
    const reportToday = async () => (await desk.api(`/api/reports?from=${today}&to=${today}&bucket=day`, { cookie: supervisor.cookie })).body as ReportResponse;

    const thread = await messageArrives(desk, supervisor.cookie, { text: 'Someone has stolen my bike from the station' });
    await eventually(async () => (await reportToday()).totals.outboundAuto === 1);
    const acknowledged = await reportToday();
    expect(acknowledged.totals).toMatchObject({ inbound: 1, outboundHuman: 0, outboundAuto: 1, newThreads: 1 });
    expect(acknowledged.breakdowns.channel).toEqual([
      { key: 'facebook', label: 'facebook', inbound: 1, outboundHuman: 0, outboundAuto: 1, newThreads: 1 },
    ]);
    expect(acknowledged.responseTimes[0]).toMatchObject({ threads: 1, answered: 0, firstResponseMedianMinutes: null });

    const note = await desk.api(`/api/threads/${thread.id}/notes`, { cookie: supervisor.cookie, body: { clientId: randomUUID(), text: 'Checking CCTV first' } });
    expect(note.status).toBe(201);
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, {
      cookie: supervisor.cookie,
      body: { clientId: randomUUID(), text: 'Sorry to hear that. Do you have the frame number?' },
    });
    expect(reply.status).toBeLessThan(300);
    await desk.sentToFacebook('Sorry to hear that. Do you have the frame number?');
    const answered = await eventually(async () => {
      const current = await reportToday();
      return current.responseTimes[0]!.answered === 1 && current;
    });
    expect(answered.totals).toMatchObject({ inbound: 1, outboundHuman: 1, outboundAuto: 1 });
    expect(answered.agents).toEqual([expect.objectContaining({ name: 'Test supervisor', replies: 1 })]);
  });

  it('counts a thread closed by an agent in time to close', async () => {
    const supervisor = await desk.signIn('supervisor');
    const today = todayInLondon();
    const thread = await messageArrives(desk, supervisor.cookie, { text: 'Lost wallet near the park, any news?' });
    const closed = await desk.api(`/api/threads/${thread.id}/status`, { cookie: supervisor.cookie, body: { status: 'closed' } });
    expect(closed.status).toBeLessThan(300);
    const report = (await desk.api(`/api/reports?from=${today}&to=${today}`, { cookie: supervisor.cookie })).body as ReportResponse;
    expect(report.responseTimes[0]!.closed).toBe(1);
    expect(report.responseTimes[0]!.closeMedianHours).not.toBeNull();
  });

  it('counts a reply held for approval only once a supervisor approves it', async () => {
    const admin = await desk.signIn('admin');
    const supervisor = await desk.signIn('supervisor');
    const trainee = await desk.signIn('agent');
    const flagged = await desk.api(`/api/routing/agents/${trainee.agentId}`, { method: 'PUT', cookie: admin.cookie, body: { repliesNeedApproval: true } });
    expect(flagged.status).toBe(200);
    const today = todayInLondon();
    const sentToday = async () =>
      ((await desk.api(`/api/reports?from=${today}&to=${today}`, { cookie: supervisor.cookie })).body as ReportResponse).totals.outboundHuman;
    const thread = await messageArrives(desk, trainee.cookie, { text: 'My neighbour’s alarm has been going for hours' });
    const before = await sentToday();

    const held = await desk.api(`/api/threads/${thread.id}/replies`, { cookie: trainee.cookie, body: { clientId: randomUUID(), text: 'We will pass this to the council.' } });
    expect(held.body.message.deliveryStatus).toBe('awaiting_approval');
    expect(await sentToday()).toBe(before);

    const returned = await desk.api(`/api/approvals/${held.body.message.id}/return`, { cookie: supervisor.cookie, body: { comment: 'Give them the noise line number.' } });
    expect(returned.status).toBe(200);
    expect(await sentToday()).toBe(before);

    const resubmitted = await desk.api(`/api/approvals/${held.body.message.id}/resubmit`, { cookie: trainee.cookie, body: { text: 'Please call the council’s noise line.' } });
    expect(resubmitted.status).toBe(200);
    expect((await desk.api(`/api/approvals/${held.body.message.id}/approve`, { cookie: supervisor.cookie, body: {} })).status).toBe(200);
    await desk.sentToFacebook('Please call the council’s noise line.');
    expect(await sentToday()).toBe(before + 1);
  });
});
