import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { loadConfig } from '../config';
import { refreshSlaDueAt } from './sla-policy';

let desk: TestDesk;
beforeAll(async () => {
  // Facebook routine messages get 4 hours at this force; everything else the defaults.
  desk = await startTestDesk({ environment: { SLA_POLICY: 'emergency=5m,priority=1h,routine=24h,facebook.routine=4h' } });
});
afterAll(async () => {
  await desk?.close();
});

const HOUR = 3600_000;
const dueIn = (thread: { slaDueAt: string | null; createdAt: string }) => Date.parse(thread.slaDueAt!) - Date.parse(thread.createdAt);

describe('the first-response SLA', () => {
  it('gives a new thread its channel’s target for its risk', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Routine on Facebook' });
    expect(dueIn(thread)).toBe(4 * HOUR);
  });

  it('moves the due time when the risk changes (as triage or "mark emergency" does)', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Actually an emergency' });
    await setThreadColumns(desk, thread.id, { risk: 'emergency' });
    await refreshSlaDueAt(desk.desk.database.db, thread.id);
    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
    expect(dueIn(detail.body.thread)).toBe(5 * 60_000);
  });

  it('records the first response once a reply is sent, and stops the countdown', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Please answer me' });
    await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Hello, we are on it.' } });
    const answered = await eventually(async () => {
      const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
      return detail.body.thread.firstResponseAt ? detail.body.thread : undefined;
    });
    expect(answered.slaDueAt).toBeNull();
  });
});

describe('the SLA policy setting', () => {
  const valid = { SESSION_SECRET: 'x'.repeat(32) };

  it('reads targets in minutes, hours and days, per channel too', () => {
    expect(loadConfig({ ...valid, SLA_POLICY: 'emergency=5m, routine=2d, webchat.priority=30m' }).slaPolicy).toEqual([
      { channel: null, risk: 'emergency', minutes: 5 },
      { channel: null, risk: 'routine', minutes: 2880 },
      { channel: 'webchat', risk: 'priority', minutes: 30 },
    ]);
  });

  it('stops start-up on a target it cannot read', () => {
    expect(() => loadConfig({ ...valid, SLA_POLICY: 'urgent=5m' })).toThrow(/SLA_POLICY/);
    expect(() => loadConfig({ ...valid, SLA_POLICY: 'myspace.routine=1h' })).toThrow(/SLA_POLICY/);
  });
});
