import { Router } from 'express';
import { z } from 'zod';
import {
  escalationListQuerySchema,
  escalationRequestSchema,
  escalationResolutionSchema,
  type EscalationListResponse,
  type EscalationResponse,
} from '../../shared/api';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { publishThread } from '../threads/thread-actions.routes';
import {
  acknowledgeEscalation,
  listOpenEscalations,
  listThreadEscalations,
  loadEscalation,
  raiseEscalation,
  resolveEscalation,
} from './escalations.service';

const idSchema = z.string().uuid('not an id');

async function publishEscalation(db: Database, notifier: AgentNotifier, escalationId: string, threadId: string): Promise<EscalationResponse> {
  const escalation = await loadEscalation(db, escalationId);
  if (!escalation) throw new HttpError(404, 'escalation_not_found', 'No such escalation.');
  notifier.escalationUpdated(escalation);
  await publishThread(db, notifier, threadId);
  return { escalation };
}

/** `/api/threads/:id/escalations`: a thread's escalation history, and raising a new one. */
export function createThreadEscalationRoutes(db: Database, notifier: AgentNotifier): Router {
  const router = Router();
  router.get('/:threadId/escalations', async (request, response) => {
    const threadId = parseRequest(idSchema, request.params.threadId);
    response.json({ escalations: await listThreadEscalations(db, threadId) } satisfies EscalationListResponse);
  });
  router.post('/:threadId/escalations', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(idSchema, request.params.threadId);
    const escalationId = await raiseEscalation(db, agent, threadId, parseRequest(escalationRequestSchema, request.body));
    response.status(201).json(await publishEscalation(db, notifier, escalationId, threadId));
  });
  return router;
}

/** `/api/escalations`: open escalations (per team), acknowledging and resolving them. */
export function createEscalationRoutes(db: Database, notifier: AgentNotifier): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    const { teamId } = parseRequest(escalationListQuerySchema, request.query);
    response.json({ escalations: await listOpenEscalations(db, teamId) } satisfies EscalationListResponse);
  });
  router.post('/:escalationId/acknowledge', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const escalationId = parseRequest(idSchema, request.params.escalationId);
    const threadId = await acknowledgeEscalation(db, agent, escalationId);
    response.json(await publishEscalation(db, notifier, escalationId, threadId));
  });
  router.post('/:escalationId/resolve', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const escalationId = parseRequest(idSchema, request.params.escalationId);
    const threadId = await resolveEscalation(db, agent, escalationId, parseRequest(escalationResolutionSchema, request.body));
    response.json(await publishEscalation(db, notifier, escalationId, threadId));
  });
  return router;
}
