import { Router } from 'express';
import { z } from 'zod';
import { cannedResponseRequestSchema, type CannedResponseList } from '../../shared/api';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { parseRequest } from '../http/validation';
import { createCannedResponse, deleteCannedResponse, listCannedResponses, updateCannedResponse } from './canned-responses.service';

const idSchema = z.string().uuid('not an id');

/** Canned responses are the force's voice: every agent uses them, supervisors and admins write them (server/auth/route-policy.ts). */
export function createCannedResponseRoutes(db: Database): Router {
  const router = Router();
  router.get('/', async (_request, response) => {
    response.json({ cannedResponses: await listCannedResponses(db) } satisfies CannedResponseList);
  });
  router.post('/', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    response.status(201).json({ cannedResponse: await createCannedResponse(db, agent.id, parseRequest(cannedResponseRequestSchema, request.body)) });
  });
  router.put('/:id', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = parseRequest(idSchema, request.params.id);
    response.json({ cannedResponse: await updateCannedResponse(db, agent.id, id, parseRequest(cannedResponseRequestSchema, request.body)) });
  });
  router.delete('/:id', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    await deleteCannedResponse(db, agent.id, parseRequest(idSchema, request.params.id));
    response.status(204).end();
  });
  return router;
}
