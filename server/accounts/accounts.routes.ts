import { Router } from 'express';
import { z } from 'zod';
import {
  accountCreateRequestSchema,
  accountUpdateRequestSchema,
  passwordResetRequestSchema,
  type AccountListResponse,
  type AccountView,
} from '../../shared/accounts';
import { recordAudit } from '../audit/audit';
import type { SessionRevocation } from '../auth/session-revocation';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import { createAccount, listAccounts, loadAccount, setAccountActive, setPassword, updateAccount } from './accounts.service';

const agentIdSchema = z.string().uuid();

/** Account management, for admins only (mounted behind requireRole('admin')); every change is audited. */
export function createAccountRoutes(db: Database, sessions: SessionRevocation): Router {
  const router = Router();
  const actorOf = (locals: unknown) => (locals as AuthenticatedLocals).agent;

  router.get('/', async (_request, response) => {
    response.json({ accounts: await listAccounts(db) } satisfies AccountListResponse);
  });

  router.post('/', async (request, response) => {
    const account = await createAccount(db, parseRequest(accountCreateRequestSchema, request.body));
    await recordAudit(db, { action: 'account.created', actorAgentId: actorOf(response.locals).id, details: summary(account) });
    response.status(201).json({ account });
  });

  router.patch('/:agentId', async (request, response) => {
    const agentId = parseRequest(agentIdSchema, request.params.agentId);
    const update = parseRequest(accountUpdateRequestSchema, request.body);
    const account = await updateAccount(db, agentId, update);
    await recordAudit(db, { action: 'account.updated', actorAgentId: actorOf(response.locals).id, details: { ...summary(account), changed: Object.keys(update) } });
    response.json({ account });
  });

  router.post('/:agentId/disable', async (request, response) => {
    const actor = actorOf(response.locals);
    const agentId = parseRequest(agentIdSchema, request.params.agentId);
    if (agentId === actor.id) throw new HttpError(409, 'cannot_disable_self', 'You cannot disable your own account.');
    const account = await setAccountActive(db, agentId, false);
    const sessionsRevoked = await sessions.revokeAll(agentId);
    await recordAudit(db, { action: 'account.disabled', actorAgentId: actor.id, details: { ...summary(account), sessionsRevoked } });
    response.json({ account });
  });

  router.post('/:agentId/enable', async (request, response) => {
    const account = await setAccountActive(db, parseRequest(agentIdSchema, request.params.agentId), true);
    await recordAudit(db, { action: 'account.enabled', actorAgentId: actorOf(response.locals).id, details: summary(account) });
    response.json({ account });
  });

  router.post('/:agentId/password', async (request, response) => {
    const agentId = parseRequest(agentIdSchema, request.params.agentId);
    await setPassword(db, agentId, parseRequest(passwordResetRequestSchema, request.body).password);
    // Whoever knew the old password is signed out everywhere.
    const sessionsRevoked = await sessions.revokeAll(agentId);
    const account = await loadAccount(db, agentId);
    await recordAudit(db, { action: 'account.password_reset', actorAgentId: actorOf(response.locals).id, details: { ...summary(account), sessionsRevoked } });
    response.status(204).end();
  });

  return router;
}

/** Ids and roles only in the audit trail. */
function summary(account: AccountView) {
  return { agentId: account.id, role: account.role, teamIds: account.teamIds, active: account.active };
}
