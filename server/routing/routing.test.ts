import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, RiskLevel, RoutingMode } from '../../shared/constants';
import type { AgentLoad } from '../../shared/supervision';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { nextThreadUpdate } from '../../scripts/testing/agent-pushes';
import { eventually, nextEvent, startTestDesk, type AgentSocket, type TestDesk } from '../../scripts/testing/test-desk';
import { createTestDatabase } from '../../scripts/testing/test-database';
import { createAgent } from '../auth/agents.service';
import { openDatabase, type Database } from '../db/database';
import { agents, auditEvents, channels, contacts, teams, threads } from '../db/schema';
import { addAgentToTeam, registerTeams } from '../teams/teams.service';
import { routeWaitingThreads } from './route-threads';

// Routing (issues 7 and 13): waiting threads of a team that routes are pushed to its available
// agents — the fewest open threads first (push) or in turn (round-robin) — within each agent's
// limit and languages, highest risk first; nothing to agents away or signed off.

let desk: TestDesk;
let admin: { cookie: string };
beforeAll(async () => {
  desk = await startTestDesk({ environment: { ROUTING_SWEEP_MS: '0', ROUTING_SIGNED_OFF_GRACE_MS: '300' } });
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

const db = () => desk.desk.database.db;

async function newTeam(): Promise<string> {
  const name = `Team ${randomUUID().slice(0, 8)}`;
  await registerTeams(db(), [name]);
  const [team] = await db().select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  return team!.id;
}

interface TeamAgent {
  cookie: string;
  agentId: string;
  socket: AgentSocket | null;
}

/** An agent of the team with the inbox open (on shift), unless `isSignedOff`. */
async function teamAgent(teamId: string, settings: { threadLimit?: number; languages?: Language[]; isSignedOff?: boolean } = {}): Promise<TeamAgent> {
  const { cookie, agentId } = await desk.signIn('agent');
  await addAgentToTeam(db(), agentId, teamId);
  const { isSignedOff, ...agentSettings } = settings;
  if (Object.keys(agentSettings).length > 0) {
    expect((await desk.api(`/api/routing/agents/${agentId}`, { method: 'PUT', cookie: admin.cookie, body: agentSettings })).status).toBe(200);
  }
  return { cookie, agentId, socket: isSignedOff ? null : await desk.connectAgent(cookie) };
}

/** A thread waiting in the team's queue, as triage (and time) left it. */
async function waitingThread(teamId: string, options: { risk?: RiskLevel; language?: Language; minutesAgo?: number } = {}): Promise<string> {
  const thread = await messageArrives(desk, admin.cookie, { text: `Waiting thread ${randomUUID()}` });
  await setThreadColumns(desk, thread.id, {
    teamId,
    risk: options.risk ?? 'routine',
    language: options.language ?? 'en',
    createdAt: new Date(Date.now() - (options.minutesAgo ?? 1) * 60_000),
  });
  return thread.id;
}

async function setRouting(teamId: string, mode: RoutingMode) {
  const response = await desk.api(`/api/routing/teams/${teamId}`, { method: 'PUT', cookie: admin.cookie, body: { mode } });
  expect(response.status).toBe(200);
  return response.body;
}

async function assigneeOf(threadId: string): Promise<string | null> {
  const [row] = await db().select({ assigneeId: threads.assigneeId }).from(threads).where(eq(threads.id, threadId));
  return row!.assigneeId;
}

async function countAssigned(agentId: string, threadIds: string[]): Promise<number> {
  const rows = await db().select().from(threads).where(and(eq(threads.assigneeId, agentId), inArray(threads.id, threadIds)));
  return rows.length;
}

describe('push routing', () => {
  it('leaves threads waiting to be taken while the team’s routing is off (the default)', async () => {
    const team = await newTeam();
    await teamAgent(team);
    const thread = await waitingThread(team);
    await desk.api(`/api/threads/${thread}/status`, { cookie: admin.cookie, body: { status: 'open' } }); // any action that would route
    expect(await assigneeOf(thread)).toBeNull();
  });

  it('pushes waiting threads to the agent with the fewest open threads, never past their limit', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team, { threadLimit: 1 });
    const bob = await teamAgent(team, { threadLimit: 2 });
    const waiting = [await waitingThread(team, { minutesAgo: 4 }), await waitingThread(team, { minutesAgo: 3 }), await waitingThread(team, { minutesAgo: 2 }), await waitingThread(team, { minutesAgo: 1 })];

    await setRouting(team, 'push');
    expect(await countAssigned(ann.agentId, waiting)).toBe(1);
    expect(await countAssigned(bob.agentId, waiting)).toBe(2);
    expect(await assigneeOf(waiting[3]!)).toBeNull(); // the newest waits for a free place
  });

  it('skips agents who are away or signed off', async () => {
    const team = await newTeam();
    const away = await teamAgent(team);
    await desk.api('/api/presence/me', { method: 'PUT', cookie: away.cookie, body: { isAway: true } });
    const signedOff = await teamAgent(team, { isSignedOff: true });
    const available = await teamAgent(team);
    const waiting = [await waitingThread(team), await waitingThread(team)];

    await setRouting(team, 'push');
    expect(await countAssigned(available.agentId, waiting)).toBe(2);
    expect(await countAssigned(away.agentId, waiting)).toBe(0);
    expect(await countAssigned(signedOff.agentId, waiting)).toBe(0);
  });

  it('gives a Welsh thread to an agent who reads Welsh, even one with more open threads', async () => {
    const team = await newTeam();
    const englishOnly = await teamAgent(team, { languages: ['en'] });
    const bilingual = await teamAgent(team, { languages: ['en', 'cy'] });
    const busy = await waitingThread(team);
    await desk.api(`/api/threads/${busy}/assignment`, { cookie: admin.cookie, body: { assigneeId: bilingual.agentId } });
    const welsh = await waitingThread(team, { language: 'cy' });

    await setRouting(team, 'push');
    expect(await assigneeOf(welsh)).toBe(bilingual.agentId);
    expect(await countAssigned(englishOnly.agentId, [welsh])).toBe(0);
  });

  it('routes the highest risk first, then the oldest, as places free up', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team, { threadLimit: 1 });
    const oldRoutine = await waitingThread(team, { risk: 'routine', minutesAgo: 60 });
    const priority = await waitingThread(team, { risk: 'priority', minutesAgo: 5 });
    const emergency = await waitingThread(team, { risk: 'emergency', minutesAgo: 1 });

    await setRouting(team, 'push');
    expect(await assigneeOf(emergency)).toBe(ann.agentId);
    expect(await assigneeOf(priority)).toBeNull();

    const next = nextThreadUpdate(ann.socket!, (thread) => thread.id === priority && thread.assignee?.id === ann.agentId);
    await desk.api(`/api/threads/${emergency}/status`, { cookie: ann.cookie, body: { status: 'closed' } });
    await next;
    expect(await assigneeOf(oldRoutine)).toBeNull();
  });

  it('returns an away agent’s unanswered threads to the queue and routes them on, live', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team);
    const unanswered = await waitingThread(team, { minutesAgo: 2 });
    const answered = await waitingThread(team, { minutesAgo: 1 });
    await setRouting(team, 'push');
    expect(await countAssigned(ann.agentId, [unanswered, answered])).toBe(2);
    await setThreadColumns(desk, answered, { firstResponseAt: new Date() });
    const bob = await teamAgent(team);
    const reachesBob = nextThreadUpdate(bob.socket!, (thread) => thread.id === unanswered && thread.assignee?.id === bob.agentId);

    expect((await desk.api('/api/presence/me', { method: 'PUT', cookie: ann.cookie, body: { isAway: true } })).status).toBe(204);
    await reachesBob;
    expect(await assigneeOf(answered)).toBe(ann.agentId); // she has already answered it: it stays hers
  });

  it('lets an agent step away without losing their threads while the team’s routing is off', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team);
    const thread = await waitingThread(team);
    await desk.api(`/api/threads/${thread}/take`, { cookie: ann.cookie, method: 'POST' });
    expect((await desk.api('/api/presence/me', { method: 'PUT', cookie: ann.cookie, body: { isAway: true } })).status).toBe(204);
    expect(await assigneeOf(thread)).toBe(ann.agentId);
  });

  it('routes a thread an agent lets go of to a colleague', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team);
    const thread = await waitingThread(team);
    await setRouting(team, 'push');
    expect(await assigneeOf(thread)).toBe(ann.agentId);
    const bob = await teamAgent(team);
    const reachesBob = nextThreadUpdate(bob.socket!, (update) => update.id === thread && update.assignee?.id === bob.agentId);

    await desk.api(`/api/threads/${thread}/assignment`, { cookie: ann.cookie, body: { assigneeId: null } });
    await reachesBob; // Bob has waited longer for a thread than Ann
  });

  it('moves an agent’s unanswered threads on when their inbox stays closed past the grace time, not on a reload', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team);
    const thread = await waitingThread(team);
    await setRouting(team, 'push');
    const bob = await teamAgent(team);

    ann.socket!.disconnect(); // a reload: back within the grace time
    const annAgain = await desk.connectAgent(ann.cookie);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await assigneeOf(thread)).toBe(ann.agentId);

    const reachesBob = nextThreadUpdate(bob.socket!, (update) => update.id === thread && update.assignee?.id === bob.agentId);
    annAgain.disconnect(); // the browser closed
    await reachesBob;
  });

  it('routes a signed-off agent’s unanswered threads to a colleague on shift', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team);
    const thread = await waitingThread(team);
    await setRouting(team, 'push');
    expect(await assigneeOf(thread)).toBe(ann.agentId);
    const bob = await teamAgent(team);
    ann.socket!.disconnect();

    expect((await desk.api('/api/auth/logout', { method: 'POST', cookie: ann.cookie })).status).toBe(204);
    await eventually(async () => (await assigneeOf(thread)) === bob.agentId);
  });
});

describe('round-robin routing', () => {
  it('gives the team’s available agents one thread each in turn', async () => {
    const team = await newTeam();
    const members = [await teamAgent(team, { threadLimit: 5 }), await teamAgent(team, { threadLimit: 5 }), await teamAgent(team, { threadLimit: 5 })];
    const waiting: string[] = [];
    for (let minutes = 6; minutes >= 1; minutes -= 1) waiting.push(await waitingThread(team, { minutesAgo: minutes }));

    await setRouting(team, 'round_robin');
    const order = await Promise.all(waiting.map(assigneeOf));
    expect(new Set(order.slice(0, 3)).size).toBe(3);
    expect(order.slice(3)).toEqual(order.slice(0, 3));
    for (const member of members) expect(await countAssigned(member.agentId, waiting)).toBe(2);

    // The turn carries on from where it stopped, across passes.
    const later = await waitingThread(team);
    await desk.api(`/api/threads/${later}/status`, { cookie: admin.cookie, body: { status: 'open' } });
    await eventually(async () => (await assigneeOf(later)) === order[0]);
  });
});

describe('agents’ load', () => {
  it('shows supervisors each agent’s open threads against their limit, and tells them live when it changes', async () => {
    const team = await newTeam();
    const ann = await teamAgent(team, { threadLimit: 4 });
    await waitingThread(team);
    const sam = await desk.signIn('supervisor');
    const samsSocket = await desk.connectAgent(sam.cookie);
    const changed = nextEvent(samsSocket, 'desk:load-changed');

    await setRouting(team, 'push');
    await changed;
    const overview = await desk.api('/api/routing', { cookie: sam.cookie });
    expect(overview.status).toBe(200);
    const load = overview.body.agents.find((agent: AgentLoad) => agent.id === ann.agentId);
    expect(load).toMatchObject({ openThreads: 1, threadLimit: 4, isOnShift: true, isAway: false, teamIds: [team] });
    expect(overview.body.teams.find((entry: { id: string }) => entry.id === team).routingMode).toBe('push');
  });

  it('is for supervisors and admins; only admins change routing and limits', async () => {
    const team = await newTeam();
    const alex = await desk.signIn('agent');
    const sam = await desk.signIn('supervisor');
    expect((await desk.api('/api/routing', { cookie: alex.cookie })).status).toBe(403);
    expect((await desk.api('/api/routing', { cookie: admin.cookie })).status).toBe(200);
    expect((await desk.api(`/api/routing/teams/${team}`, { method: 'PUT', cookie: sam.cookie, body: { mode: 'push' } })).status).toBe(403);
    expect((await desk.api(`/api/routing/agents/${alex.agentId}`, { method: 'PUT', cookie: sam.cookie, body: { threadLimit: 5 } })).status).toBe(403);
    expect((await desk.api(`/api/routing/teams/${team}`, { method: 'PUT', cookie: admin.cookie, body: { mode: 'sideways' } })).status).toBe(400);
    expect((await desk.api(`/api/routing/teams/${randomUUID()}`, { method: 'PUT', cookie: admin.cookie, body: { mode: 'push' } })).status).toBe(404);
    expect((await desk.api(`/api/routing/agents/${alex.agentId}`, { method: 'PUT', cookie: admin.cookie, body: { threadLimit: -1 } })).status).toBe(400);
    expect((await desk.api('/api/routing')).status).toBe(401);
  });
});

describe('a new thread arriving', () => {
  it('is pushed at once to an available agent of the default routing team', async () => {
    const own = await startTestDesk({ environment: { ROUTING_DEFAULT_TEAM: 'Control room', ROUTING_SWEEP_MS: '0' } });
    try {
      const [controlRoom] = await own.desk.database.db.select({ id: teams.id }).from(teams).where(eq(teams.name, 'Control room'));
      const boss = await own.signIn('admin');
      const ann = await own.signIn('agent');
      await addAgentToTeam(own.desk.database.db, ann.agentId, controlRoom!.id);
      await own.api(`/api/routing/teams/${controlRoom!.id}`, { method: 'PUT', cookie: boss.cookie, body: { mode: 'push' } });
      const annsSocket = await own.connectAgent(ann.cookie);
      const pushed = nextThreadUpdate(annsSocket, (thread) => thread.assignee?.id === ann.agentId);

      await own.facebook.sendUserMessage({ psid: '7930000000000001', text: 'There is a car on its roof on the A6' });
      expect((await pushed).team?.id).toBe(controlRoom!.id);
    } finally {
      await own.close();
    }
  });
});

describe('two processes routing at once', () => {
  it('never give an agent more than their limit, nor a thread twice', async () => {
    const database = await createTestDatabase();
    const first = await openDatabase(database.location);
    // A second connection pool on the same database stands for a second web or worker process.
    const second = 'url' in database.location ? await openDatabase(database.location) : first;
    try {
      const { teamId, agentIds, addWaitingThread } = await arrangeQueue(first.db, { agents: 3, limit: 2 });
      // Threads keep arriving while both processes route, so passes see different queues.
      const passes = Array.from({ length: 12 }, (_, index) => [
        addWaitingThread(index),
        routeWaitingThreads(first.db, agentIds, null),
        routeWaitingThreads(second.db, agentIds, null),
      ]).flat();
      await Promise.all(passes);
      await routeWaitingThreads(first.db, agentIds, null);

      const assigned = await first.db.select({ assigneeId: threads.assigneeId }).from(threads).where(eq(threads.teamId, teamId));
      for (const agentId of agentIds) expect(assigned.filter((row) => row.assigneeId === agentId)).toHaveLength(2);
      const routedEvents = await first.db.select().from(auditEvents).where(eq(auditEvents.action, 'thread.routed'));
      expect(routedEvents).toHaveLength(6);
    } finally {
      if (second !== first) await second.close();
      await first.close();
      await database.drop();
    }
  });
});

async function arrangeQueue(database: Database, shape: { agents: number; limit: number }) {
  const [team] = await database.insert(teams).values({ name: 'Control room', routingMode: 'push' }).returning();
  const [channel] = await database.insert(channels).values({ type: 'facebook', accountId: 'page-1', displayName: 'Anytown Police' }).returning();
  const [contact] = await database.insert(contacts).values({ channelId: channel!.id, platformUserId: 'psid-1' }).returning();
  const agentIds: string[] = [];
  for (let index = 0; index < shape.agents; index += 1) {
    const agent = await createAgent(database, { name: `Agent ${index}`, email: `agent${index}@desk.test`, password: 'x', role: 'agent' });
    await addAgentToTeam(database, agent.id, team!.id);
    agentIds.push(agent.id);
  }
  await database.update(agents).set({ threadLimit: shape.limit }).where(inArray(agents.id, agentIds));
  const addWaitingThread = async (index: number) => {
    await database.insert(threads).values({
      reference: `SMD-2026-${String(index).padStart(6, '0')}`,
      channelId: channel!.id,
      platformConversationId: `conversation-${index}`,
      contactId: contact!.id,
      teamId: team!.id,
      lastMessageAt: new Date(),
      // Each later thread is older than the ones before: it goes to the front of the queue.
      createdAt: new Date(Date.now() - index * 60_000),
    });
  };
  return { teamId: team!.id, agentIds, addWaitingThread };
}
