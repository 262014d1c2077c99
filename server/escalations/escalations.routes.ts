import { Router } from 'express';
import { z } from 'zod';
import {
  escalationListQuerySchema,
  escalationRequestSchema,
  escalationResolutionSchema,
  type EscalationListResponse,
  type EscalationOptionsResponse,
  type EscalationResponse,
} from '../../shared/api';
import { incidentNumberRequestSchema } from '../../shared/integrations';
import type { ThreadAccess } from '../access/thread-access';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import { incidentTeamId, requestIncident, setIncidentNumber, type IncidentSettings } from '../integrations/incident-handoff';
import type { IntegrationEvents } from '../integrations/integration-events';
import type { IntegrationsQueue } from '../integrations/integrations-queue';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { publishThread } from '../threads/thread-actions.routes';
import { announceEscalation } from './announce-escalation';
import {
  acknowledgeEscalation,
  listOpenEscalations,
  listThreadEscalations,
  loadEscalation,
  raiseEscalation,
  resolveEscalation,
} from './escalations.service';

const idSchema = z.string().uuid('not an id');

export interface EscalationRouteDependencies {
  db: Database;
  notifier: AgentNotifier;
  access: ThreadAccess;
  integrations: IntegrationEvents;
  integrationsQueue: IntegrationsQueue;
  outcomeKinds: Array<{ key: string; label: string }>;
  incident: IncidentSettings | null;
  incidentTeam: string;
}

/** Tells everyone (and integrations), then answers the agent with the escalation as they may see it. */
async function publishEscalation(
  deps: EscalationRouteDependencies,
  agentId: string,
  escalationId: string,
  threadId: string,
  type: 'escalation.created' | 'escalation.updated',
): Promise<EscalationResponse> {
  await announceEscalation(deps, escalationId, type);
  await publishThread(deps.db, deps.notifier, threadId);
  const escalation = await loadEscalation(deps.db, escalationId, deps.access.readableBy(agentId));
  if (!escalation) throw new HttpError(404, 'escalation_not_found', 'No such escalation.');
  return { escalation };
}

/** `/api/threads/:id/escalations`: a thread's escalation history, and raising a new one. */
export function createThreadEscalationRoutes(deps: EscalationRouteDependencies): Router {
  const { db } = deps;
  const router = Router();
  router.get('/:threadId/escalations', async (request, response) => {
    const threadId = parseRequest(idSchema, request.params.threadId);
    response.json({ escalations: await listThreadEscalations(db, threadId) } satisfies EscalationListResponse);
  });
  router.post('/:threadId/escalations', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(idSchema, request.params.threadId);
    const escalation = parseRequest(escalationRequestSchema, request.body);
    if (escalation.createIncident && (!deps.incident || (await incidentTeamId(db, deps.incidentTeam)) !== escalation.teamId)) {
      throw new HttpError(400, 'invalid_request', 'createIncident: only an escalation to the command-and-control team, when the hand-off is configured, can ask for an incident.');
    }
    const escalationId = await raiseEscalation(db, agent, threadId, escalation);
    if (escalation.createIncident) await requestIncident(db, deps.integrationsQueue, escalationId);
    response.status(201).json(await publishEscalation(deps, agent.id, escalationId, threadId, 'escalation.created'));
  });
  return router;
}

/** `/api/escalations`: open escalations (per team), the form's options, acknowledging, resolving and incident numbers. */
export function createEscalationRoutes(deps: EscalationRouteDependencies): Router {
  const { db } = deps;
  const router = Router();
  router.get('/', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const { teamId } = parseRequest(escalationListQuerySchema, request.query);
    response.json({ escalations: await listOpenEscalations(db, deps.access.readableBy(agent.id), teamId) } satisfies EscalationListResponse);
  });
  router.get('/options', async (_request, response) => {
    const teamId = await incidentTeamId(db, deps.incidentTeam);
    response.json({ outcomeKinds: deps.outcomeKinds, incidentTeamId: teamId, canRequestIncident: deps.incident !== null && teamId !== null } satisfies EscalationOptionsResponse);
  });
  router.post('/:escalationId/acknowledge', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const escalationId = parseRequest(idSchema, request.params.escalationId);
    const threadId = await acknowledgeEscalation(db, agent, escalationId);
    response.json(await publishEscalation(deps, agent.id, escalationId, threadId, 'escalation.updated'));
  });
  router.post('/:escalationId/resolve', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const escalationId = parseRequest(idSchema, request.params.escalationId);
    const threadId = await resolveEscalation(db, agent, escalationId, parseRequest(escalationResolutionSchema, request.body), deps.outcomeKinds);
    response.json(await publishEscalation(deps, agent.id, escalationId, threadId, 'escalation.updated'));
  });
  router.post('/:escalationId/incident', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const escalationId = parseRequest(idSchema, request.params.escalationId);
    const { incidentNumber } = parseRequest(incidentNumberRequestSchema, request.body);
    const threadId = await setIncidentNumber(db, agent, escalationId, incidentNumber);
    response.json(await publishEscalation(deps, agent.id, escalationId, threadId, 'escalation.updated'));
  });
  return router;
}
