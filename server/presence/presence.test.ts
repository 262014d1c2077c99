import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { setThreadColumns, messageArrives } from '../../scripts/testing/desk-threads';
import { teams } from '../db/schema';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const presenceOf = async (cookie: string) => (await desk.api('/api/presence', { cookie })).body;

describe('who is on shift', () => {
  it('counts an agent with the inbox open, shows them away when they say so, and drops them when they close it', async () => {
    const alex = await desk.signIn();
    const sam = await desk.signIn('supervisor');
    const socket = await desk.connectAgent(alex.cookie);
    const onShift = await eventually(async () => (await presenceOf(sam.cookie)).onShift.find((agent: { id: string }) => agent.id === alex.agentId));
    expect(onShift).toMatchObject({ name: 'Test agent', isAway: false });

    expect((await desk.api('/api/presence/me', { method: 'PUT', cookie: alex.cookie, body: { isAway: true } })).status).toBe(204);
    const away = (await presenceOf(sam.cookie)).onShift.find((agent: { id: string }) => agent.id === alex.agentId);
    expect(away.isAway).toBe(true);

    socket.disconnect();
    await eventually(async () => !(await presenceOf(sam.cookie)).onShift.some((agent: { id: string }) => agent.id === alex.agentId));
  });

  it('shows how many threads wait in each team’s queue', async () => {
    const { cookie } = await desk.signIn();
    const [cid] = await desk.desk.database.db.select().from(teams).where(eq(teams.name, 'CID'));
    const thread = await messageArrives(desk, cookie, { text: 'Someone keyed my car outside the gym' });
    await setThreadColumns(desk, thread.id, { teamId: cid!.id });
    const queue = (await presenceOf(cookie)).queues.find((entry: { teamName: string }) => entry.teamName === 'CID');
    expect(queue.waiting).toBe(1);
    const roads = (await presenceOf(cookie)).queues.find((entry: { teamName: string }) => entry.teamName === 'Roads policing');
    expect(roads.waiting).toBe(0);
  });
});
