import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportResponse } from '../../shared/reports';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { seedReportHistory } from './reports.fixture';

// Every expected figure below was worked out by hand from reports.fixture.ts.

let desk: TestDesk;
let supervisorCookie: string;
beforeAll(async () => {
  desk = await startTestDesk();
  await seedReportHistory(desk.desk.database.db);
  supervisorCookie = (await desk.signIn('supervisor')).cookie;
});
afterAll(async () => {
  await desk?.close();
});

async function report(query: string): Promise<ReportResponse> {
  const response = await desk.api(`/api/reports?${query}`, { cookie: supervisorCookie });
  expect(response.status).toBe(200);
  return response.body as ReportResponse;
}

const october = 'from=2026-10-01&to=2026-10-31';

describe('message volumes, by UK local time', () => {
  it('counts October as the UK reads it: 1 October 00:30 BST is in, 1 November 00:30 GMT is out', async () => {
    const { series, totals } = await report(`${october}&bucket=month`);
    expect(series).toEqual([{ bucket: '2026-10', inbound: 5, outboundHuman: 2, outboundAuto: 2, newThreads: 4 }]);
    expect(totals).toMatchObject({ inbound: 5, outboundHuman: 2, outboundAuto: 2, newThreads: 4, restrictedThreads: 1 });
  });

  it('puts both 01:30s of the night BST ended on 25 October, and 00:30 BST, on that day', async () => {
    const { series } = await report(`${october}&bucket=day`);
    expect(series).toHaveLength(31);
    expect(series.find((row) => row.bucket === '2026-10-01')).toEqual({ bucket: '2026-10-01', inbound: 1, outboundHuman: 1, outboundAuto: 1, newThreads: 1 });
    expect(series.find((row) => row.bucket === '2026-10-24')).toEqual({ bucket: '2026-10-24', inbound: 0, outboundHuman: 0, outboundAuto: 0, newThreads: 0 });
    expect(series.find((row) => row.bucket === '2026-10-25')).toEqual({ bucket: '2026-10-25', inbound: 3, outboundHuman: 1, outboundAuto: 1, newThreads: 2 });
    expect(series.find((row) => row.bucket === '2026-10-31')).toEqual({ bucket: '2026-10-31', inbound: 1, outboundHuman: 0, outboundAuto: 0, newThreads: 1 });
  });

  it('gives the hour of day on the office clock', async () => {
    const { series } = await report(`${october}&bucket=hour`);
    expect(series.map((row) => row.bucket)).toEqual(Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0')));
    const busy = series.filter((row) => row.inbound + row.outboundHuman + row.outboundAuto + row.newThreads > 0);
    expect(busy).toEqual([
      { bucket: '00', inbound: 2, outboundHuman: 0, outboundAuto: 2, newThreads: 2 },
      { bucket: '01', inbound: 2, outboundHuman: 1, outboundAuto: 0, newThreads: 1 },
      { bucket: '02', inbound: 0, outboundHuman: 1, outboundAuto: 0, newThreads: 0 },
      { bucket: '23', inbound: 1, outboundHuman: 0, outboundAuto: 0, newThreads: 1 },
    ]);
  });

  it('weeks start on Monday: Sunday 25 October is in the week of the 19th', async () => {
    const { series } = await report(`${october}&bucket=week`);
    expect(series.map((row) => row.bucket)).toEqual(['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
    expect(series.find((row) => row.bucket === '2026-10-19')).toMatchObject({ inbound: 3, newThreads: 2 });
  });

  it('breaks October down by channel, category, risk, language and team', async () => {
    const { breakdowns } = await report(october);
    const pick = (rows: ReportResponse['breakdowns']['channel']) =>
      Object.fromEntries(rows.map((row) => [row.label, [row.inbound, row.outboundHuman, row.outboundAuto, row.newThreads]]));
    expect(pick(breakdowns.channel)).toEqual({ facebook: [2, 1, 2, 2], webchat: [3, 1, 0, 2] });
    expect(pick(breakdowns.category)).toEqual({ advice: [2, 0, 0, 1], 'crime-report': [1, 0, 0, 1], 'road-traffic': [1, 0, 0, 1], 'domestic-abuse': [1, 0, 0, 1] });
    expect(pick(breakdowns.risk)).toEqual({ priority: [2, 0, 0, 2], routine: [2, 0, 0, 1], emergency: [1, 0, 0, 1] });
    expect(pick(breakdowns.language)).toEqual({ en: [3, 0, 0, 3], cy: [2, 0, 0, 1] });
    expect(pick(breakdowns.team)).toEqual({ 'Report desk': [4, 2, 1, 3], 'Report roads': [1, 0, 1, 1] });
  });

  it('adds the days either side of whole months: 30 September to 1 November', async () => {
    const { totals, breakdowns, agents } = await report('from=2026-09-30&to=2026-11-01&bucket=month');
    expect(totals).toMatchObject({ inbound: 6, outboundHuman: 4, outboundAuto: 2, newThreads: 5 });
    expect(breakdowns.channel.map((row) => [row.key, row.inbound, row.outboundHuman])).toEqual([
      ['facebook', 3, 2],
      ['webchat', 3, 2],
    ]);
    expect(agents.map((row) => [row.name, row.replies])).toEqual([
      ['Alice Report', 2],
      ['Bob Report', 2],
    ]);
  });

  it('moves November replies to November', async () => {
    const { totals } = await report('from=2026-11-01&to=2026-11-30');
    expect(totals).toMatchObject({ inbound: 1, outboundHuman: 2, outboundAuto: 0, newThreads: 1, restrictedThreads: 0 });
  });
});

describe('response times and SLA', () => {
  it('gives first response median and p90 from human replies only, time to close and SLA met', async () => {
    const { responseTimes } = await report(october);
    // First responses 40, 120 and 60 min (the emergency got only an automatic reply): median 60, p90 60 + 0.8 × 60.
    // Closed after 3, 6 and 3 h: median 3, p90 3 + 0.8 × 3. SLA met by T1 and T4 out of four past due or answered.
    expect(responseTimes[0]).toEqual({
      key: null,
      label: 'All',
      threads: 4,
      answered: 3,
      firstResponseMedianMinutes: 60,
      firstResponseP90Minutes: 108,
      closed: 3,
      closeMedianHours: 3,
      closeP90Hours: 5.4,
      slaTracked: 4,
      slaMet: 2,
      slaMetPercent: 50,
    });
    expect(responseTimes.find((row) => row.key === 'channel:facebook')).toMatchObject({ threads: 2, answered: 1, firstResponseMedianMinutes: 40 });
    expect(responseTimes.find((row) => row.key === 'channel:webchat')).toMatchObject({ threads: 2, answered: 2, firstResponseMedianMinutes: 90 });
    expect(responseTimes.find((row) => row.key === 'risk:emergency')).toMatchObject({ threads: 1, answered: 0, firstResponseMedianMinutes: null, slaMetPercent: 0 });
  });
});

describe('escalations and workload', () => {
  it('counts escalations raised in October by team and where they stand', async () => {
    const { escalations } = await report(october);
    // Desk: 1 October 00:45 BST (30 min, 1 h), 25 October 01:45 GMT (20 min, 2 h), 31 October still raised.
    // Roads: 25 October (10 min, 2 h); its 30 September 23:30 BST one is September's.
    expect(escalations).toEqual([
      { team: 'Report desk', raised: 3, awaitingAcknowledgement: 1, acknowledged: 0, resolved: 2, acknowledgeMedianMinutes: 25, resolveMedianHours: 1.5 },
      { team: 'Report roads', raised: 1, awaitingAcknowledgement: 0, acknowledged: 0, resolved: 1, acknowledgeMedianMinutes: 10, resolveMedianHours: 2 },
    ]);
  });

  it('counts October’s resolved escalations by team and outcome kind, older free-text ones as not recorded', async () => {
    const { escalationOutcomes } = await report(october);
    expect(escalationOutcomes).toEqual([
      { team: 'Report desk', outcomeKind: 'advice_given', outcomeLabel: 'Advice given', resolved: 1 },
      { team: 'Report desk', outcomeKind: 'not_recorded', outcomeLabel: 'Not recorded', resolved: 1 },
      { team: 'Report roads', outcomeKind: 'officer_deployed', outcomeLabel: 'Officer deployed', resolved: 1 },
    ]);
  });

  it('puts the escalation raised at 23:30 BST on 30 September in September', async () => {
    const { escalations, escalationOutcomes } = await report('from=2026-09-01&to=2026-09-30');
    expect(escalations).toEqual([
      { team: 'Report roads', raised: 1, awaitingAcknowledgement: 0, acknowledged: 0, resolved: 1, acknowledgeMedianMinutes: 5, resolveMedianHours: 0.5 },
    ]);
    expect(escalationOutcomes).toEqual([{ team: 'Report roads', outcomeKind: 'incident_created', outcomeLabel: 'Incident created', resolved: 1 }]);
  });

  it('gives each agent their threads, replies and median first response', async () => {
    const { agents } = await report(october);
    expect(agents.map(({ agentId: _id, ...row }) => row)).toEqual([
      { name: 'Alice Report', threadsAssigned: 2, replies: 1, firstResponseMedianMinutes: 50 },
      { name: 'Bob Report', threadsAssigned: 1, replies: 1, firstResponseMedianMinutes: 120 },
    ]);
  });

  it('counts broadcasts by template in the UK month their first post went out', async () => {
    // Road closures at 00:15 BST on 1 October (Facebook and X) and 23:45 GMT on 31 October; the missing
    // person at the second 01:30 of 25 October, X failed, since withdrawn. The general warning's first
    // post was 23:50 BST on 30 September, so it is September's even though its X post went out in October.
    const { broadcasts } = await report(october);
    expect(broadcasts).toEqual([
      { template: 'road_closure', published: 2, facebookPosts: 2, xPosts: 1, withdrawn: 0 },
      { template: 'missing_person', published: 1, facebookPosts: 1, xPosts: 0, withdrawn: 1 },
    ]);
    expect((await report('from=2026-09-01&to=2026-09-30')).broadcasts).toEqual([
      { template: 'general_warning', published: 1, facebookPosts: 1, xPosts: 1, withdrawn: 0 },
    ]);
    expect((await report('from=2026-11-01&to=2026-11-30')).broadcasts).toEqual([
      { template: 'witness_appeal', published: 1, facebookPosts: 0, xPosts: 1, withdrawn: 0 },
    ]);
  });
});

describe('who sees reports', () => {
  it('refuses agents with 403 and lets admins in', async () => {
    const agent = await desk.signIn('agent');
    expect((await desk.api(`/api/reports?${october}`, { cookie: agent.cookie })).status).toBe(403);
    const admin = await desk.signIn('admin');
    expect((await desk.api(`/api/reports?${october}`, { cookie: admin.cookie })).status).toBe(200);
    expect((await desk.api(`/api/reports?${october}`)).status).toBe(401);
  });

  it('never names a thread, restricted or not: the report holds no references or message text', async () => {
    const response = await desk.api(`/api/reports?${october}`, { cookie: supervisorCookie });
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/SMD-2026-9/);
    expect(text).not.toContain('report fixture');
    expect(text).not.toContain('Safeguarding');
  });

  it('refuses a range that ends before it starts', async () => {
    const response = await desk.api('/api/reports?from=2026-11-01&to=2026-10-01', { cookie: supervisorCookie });
    expect(response.status).toBe(400);
  });
});
