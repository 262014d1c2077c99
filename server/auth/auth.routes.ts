import { Router, type RequestHandler } from 'express';
import type { Request } from 'express';
import { loginRequestSchema, uiLanguageRequestSchema, type MeResponse } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { releaseUnansweredThreads } from '../assignment/release-on-logout';
import type { LoginThrottle } from './login-throttle';
import type { ThreadRouting } from '../routing/thread-routing';
import { HttpError } from '../http/errors';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadThreadSummary } from '../threads/threads.service';
import { parseRequest } from '../http/validation';
import { passwordChangeRequestSchema } from '../../shared/accounts';
import { setPassword } from '../accounts/accounts.service';
import { authenticateAgent, setUiLanguage } from './agents.service';
import { SESSION_COOKIE, type AuthenticatedLocals } from './session';
import type { SessionRevocation } from './session-revocation';

export function createAuthRoutes(
  db: Database,
  requireAgent: RequestHandler,
  notifier: AgentNotifier,
  throttle: LoginThrottle,
  sessions: SessionRevocation,
  routing?: ThreadRouting,
): Router {
  const router = Router();

  router.post('/login', async (request, response) => {
    const credentials = parseRequest(loginRequestSchema, request.body);
    const wait = await throttle.waitBeforeAttempt(credentials.email, request.ip ?? 'unknown');
    if (wait !== null) {
      await recordAudit(db, { action: 'auth.login_throttled' });
      response.setHeader('Retry-After', String(wait));
      throw new HttpError(429, 'too_many_attempts', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s), or ask an admin.`);
    }
    const agent = await authenticateAgent(db, credentials.email, credentials.password);
    if (!agent) {
      await throttle.recordFailure(credentials.email);
      await recordAudit(db, { action: 'auth.login_failed' });
      throw new HttpError(401, 'invalid_credentials', 'That email and password do not match an active account.');
    }
    await throttle.recordSuccess(credentials.email);
    await regenerateSession(request);
    request.session.agentId = agent.id;
    await saveSession(request);
    await sessions.track(agent.id, request.sessionID);
    await recordAudit(db, { action: 'auth.login', actorAgentId: agent.id, details: { method: 'password' } });
    response.json({ agent } satisfies MeResponse);
  });

  router.post('/logout', requireAgent, async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    await new Promise<void>((resolve, reject) => request.session.destroy((error) => (error ? reject(error) : resolve())));
    await recordAudit(db, { action: 'auth.logout', actorAgentId: agent.id });
    for (const threadId of await releaseUnansweredThreads(db, agent.id)) {
      const thread = await loadThreadSummary(db, threadId, false);
      if (thread) notifier.threadUpdated(thread);
    }
    await routing?.routeWaiting(); // what they held goes to someone still on shift
    response.clearCookie(SESSION_COOKIE).status(204).end();
  });

  // NCSC: no forced expiry, but an agent can change their password whenever they choose.
  router.post('/password', requireAgent, async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const { currentPassword, newPassword } = parseRequest(passwordChangeRequestSchema, request.body);
    if (!(await authenticateAgent(db, agent.email, currentPassword))) {
      await recordAudit(db, { action: 'auth.password_change_failed', actorAgentId: agent.id });
      throw new HttpError(403, 'wrong_password', 'Your current password is not right.');
    }
    await setPassword(db, agent.id, newPassword);
    await recordAudit(db, { action: 'auth.password_changed', actorAgentId: agent.id });
    response.status(204).end();
  });

  router.get('/me', requireAgent, (_request, response) => {
    response.json({ agent: (response.locals as AuthenticatedLocals).agent } satisfies MeResponse);
  });

  // Every role chooses its own screen language; nobody sets another's.
  router.put('/me/language', requireAgent, async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const { uiLanguage } = parseRequest(uiLanguageRequestSchema, request.body);
    const updated = await setUiLanguage(db, agent.id, uiLanguage);
    if (!updated) throw new HttpError(404, 'agent_not_found', 'Your account no longer exists.');
    response.json({ agent: updated } satisfies MeResponse);
  });

  return router;
}

// A new session id at login, so a session id planted before sign-in is worthless after it.
export function regenerateSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) => request.session.regenerate((error) => (error ? reject(error) : resolve())));
}

export function saveSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) => request.session.save((error) => (error ? reject(error) : resolve())));
}
