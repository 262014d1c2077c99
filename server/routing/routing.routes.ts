import { Router } from 'express';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  agentSettingsRequestSchema,
  teamRoutingRequestSchema,
  type AgentLoad,
  type RoutingOverviewResponse,
} from '../../shared/supervision';
import { recordAudit } from '../audit/audit';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { agents, agentTeams, teams } from '../db/schema';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import type { Presence } from '../presence/presence';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { openThreadCounts } from './route-threads';
import type { ThreadRouting } from './thread-routing';

const idSchema = z.string().uuid('not an id');

/**
 * Supervisors see each agent's load (open threads / limit) and who is available; admins set each
 * team's routing mode and each agent's limit, languages and whether their replies need approval.
 */
export function createRoutingRoutes(db: Database, presence: Presence, routing: ThreadRouting, notifier: AgentNotifier): Router {
  const router = Router();

  router.get('/', async (_request, response) => {
    response.json(await loadRoutingOverview(db, presence));
  });

  router.put('/teams/:teamId', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const teamId = parseRequest(idSchema, request.params.teamId);
    const { mode } = parseRequest(teamRoutingRequestSchema, request.body);
    const [team] = await db.update(teams).set({ routingMode: mode }).where(eq(teams.id, teamId)).returning({ id: teams.id });
    if (!team) throw new HttpError(404, 'team_not_found', 'No such team.');
    await recordAudit(db, { action: 'team.routing_changed', actorAgentId: agent.id, details: { teamId, mode } });
    await routing.routeWaiting();
    notifier.loadChanged();
    response.json(await loadRoutingOverview(db, presence));
  });

  router.put('/agents/:agentId', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const agentId = parseRequest(idSchema, request.params.agentId);
    const settings = parseRequest(agentSettingsRequestSchema, request.body);
    const [changed] = await db.update(agents).set(settings).where(eq(agents.id, agentId)).returning({ id: agents.id });
    if (!changed) throw new HttpError(404, 'agent_not_found', 'No such agent.');
    await recordAudit(db, { action: 'agent.settings_changed', actorAgentId: agent.id, details: { agentId, ...settings } });
    await routing.routeWaiting(); // a higher limit or another language may let a waiting thread through
    notifier.loadChanged();
    response.json(await loadRoutingOverview(db, presence));
  });

  return router;
}

async function loadRoutingOverview(db: Database, presence: Presence): Promise<RoutingOverviewResponse> {
  const [agentRows, memberships, teamRows, onShift] = await Promise.all([
    db.select().from(agents).where(eq(agents.active, true)).orderBy(asc(agents.name)),
    db.select({ agentId: agentTeams.agentId, teamId: agentTeams.teamId }).from(agentTeams),
    db.select({ id: teams.id, name: teams.name, routingMode: teams.routingMode }).from(teams).orderBy(asc(teams.name)),
    presence.onShift(),
  ]);
  const loads = await openThreadCounts(db, agentRows.map((row) => row.id));
  const shift = new Map(onShift.map((entry) => [entry.agentId, entry.isAway]));
  return {
    agents: agentRows.map(
      (row): AgentLoad => ({
        id: row.id,
        name: row.name,
        openThreads: loads.get(row.id) ?? 0,
        threadLimit: row.threadLimit,
        languages: row.languages,
        repliesNeedApproval: row.repliesNeedApproval,
        isOnShift: shift.has(row.id),
        isAway: shift.get(row.id) ?? false,
        teamIds: memberships.filter((membership) => membership.agentId === row.id).map((membership) => membership.teamId),
      }),
    ),
    teams: teamRows,
  };
}
