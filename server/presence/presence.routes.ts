import { Router } from 'express';
import { and, count, eq, inArray } from 'drizzle-orm';
import { availabilityRequestSchema, type PresenceResponse } from '../../shared/presence';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { agents, teams, threads } from '../db/schema';
import { parseRequest } from '../http/validation';
import type { Presence } from './presence';
import type { AgentNotifier } from '../realtime/agent-notifier';
import type { ThreadRouting } from '../routing/thread-routing';

/** The header's view of the desk: who is on shift, and how deep each team's queue is. */
export function createPresenceRoutes(db: Database, presence: Presence, notifier: Pick<AgentNotifier, 'shiftChanged'>, routing?: ThreadRouting): Router {
  const router = Router();

  router.get('/', async (_request, response) => {
    const onShift = await presence.onShift();
    const names = onShift.length
      ? await db.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.id, onShift.map((entry) => entry.agentId)))
      : [];
    const queues = await db
      .select({ teamId: teams.id, teamName: teams.name, waiting: count(threads.id) })
      .from(teams)
      .leftJoin(threads, and(eq(threads.teamId, teams.id), inArray(threads.status, ['new', 'open', 'pending'])))
      .groupBy(teams.id, teams.name)
      .orderBy(teams.name);
    response.json({
      onShift: onShift.flatMap((entry) => {
        const agent = names.find((candidate) => candidate.id === entry.agentId);
        return agent ? [{ id: agent.id, name: agent.name, isAway: entry.isAway }] : [];
      }),
      queues,
    } satisfies PresenceResponse);
  });

  router.put('/me', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const { isAway } = parseRequest(availabilityRequestSchema, request.body);
    await presence.setAway(agent.id, isAway);
    notifier.shiftChanged();
    // Away: their unanswered routed threads go to someone available; back: they can take work again.
    if (routing) await (isAway ? routing.agentStepsAway(agent.id) : routing.routeWaiting());
    response.status(204).end();
  });

  return router;
}
