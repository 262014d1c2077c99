import { Router } from 'express';
import { z } from 'zod';
import { riskOverrideRequestSchema } from '../../shared/api';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { parseRequest } from '../http/validation';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadThreadSummary } from '../threads/threads.service';
import { overrideThreadRisk } from './risk-override';

const threadIdSchema = z.string().uuid('not a thread id');

export function createTriageRoutes(db: Database, notifier: AgentNotifier): Router {
  const router = Router();
  router.put('/:threadId/risk', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    await overrideThreadRisk(db, threadId, agent.id, parseRequest(riskOverrideRequestSchema, request.body));
    const thread = await loadThreadSummary(db, threadId, false);
    if (thread) notifier.threadUpdated(thread);
    response.json({ thread });
  });
  return router;
}
