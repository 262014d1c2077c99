import { Router } from 'express';
import { z } from 'zod';
import { apiTokenRequestSchema, type ApiTokenCreatedResponse, type ApiTokenListResponse } from '../../shared/api-tokens';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { parseRequest } from '../http/validation';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service';

const idSchema = z.string().uuid('not an id');

/** `/api/api-tokens`: admins create (the secret is shown once), list and revoke integrations' tokens. */
export function createApiTokenRoutes(db: Database): Router {
  const router = Router();
  router.get('/', async (_request, response) => {
    response.json({ tokens: await listApiTokens(db) } satisfies ApiTokenListResponse);
  });
  router.post('/', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    response.status(201).json((await createApiToken(db, agent, parseRequest(apiTokenRequestSchema, request.body))) satisfies ApiTokenCreatedResponse);
  });
  router.post('/:id/revoke', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    await revokeApiToken(db, agent, parseRequest(idSchema, request.params.id));
    response.status(204).end();
  });
  return router;
}
