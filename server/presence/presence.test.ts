import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { setThreadColumns, messageArrives } from '../../scripts/testing/desk-threads';
import { teams } from '../db/schema';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createPresence, type Presence } from './presence';

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

describe('when a web process dies without its sockets disconnecting', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  afterAll(async () => {
    await redis.quit();
  });
  const freshPresence = () => createPresence(redis, `presence-test-${randomUUID()}`, { expiryMs: 600 });
  const agentsOnShift = async (presence: Presence) => (await presence.onShift()).map((entry) => entry.agentId).sort();

  it('drops its agents from the count once their entries expire', async () => {
    const presence = freshPresence();
    await presence.connected('alex', 'socket-on-dead-process');
    expect(await agentsOnShift(presence)).toEqual(['alex']);
    await delay(800); // no heartbeat: the process is gone
    expect(await agentsOnShift(presence)).toEqual([]);
  });

  it('keeps an agent on shift as long as their process keeps beating', async () => {
    const presence = freshPresence();
    await presence.connected('sam', 'socket-1');
    for (let beat = 0; beat < 4; beat++) {
      await delay(presence.heartbeatMs);
      await presence.heartbeat([{ agentId: 'sam', socketId: 'socket-1' }]);
    }
    expect(await agentsOnShift(presence)).toEqual(['sam']);
  });

  it('keeps an agent whose other tab lives on a healthy process, and forgets "away" once their last socket is gone', async () => {
    const presence = freshPresence();
    await presence.connected('gwen', 'on-dead-process');
    await presence.connected('gwen', 'on-live-process');
    await presence.setAway('gwen', true);
    await delay(400);
    await presence.heartbeat([{ agentId: 'gwen', socketId: 'on-live-process' }]);
    await delay(400);
    expect(await presence.onShift()).toEqual([{ agentId: 'gwen', isAway: true }]);
    await presence.disconnected('gwen', 'on-live-process');
    await presence.connected('gwen', 'next-shift');
    expect(await presence.onShift()).toEqual([{ agentId: 'gwen', isAway: false }]);
  });
});
