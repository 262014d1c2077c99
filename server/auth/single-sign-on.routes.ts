import { Router, type Request, type Response } from 'express';
import type { AuthMethodsResponse } from '../../shared/accounts';
import { recordAudit } from '../audit/audit';
import type { OidcConfig } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { regenerateSession, saveSession } from './auth.routes';
import { identityFromClaims } from './oidc-claims';
import type { SessionRevocation } from './session-revocation';
import { createSingleSignOn, signInIdentity, type PendingSignIn } from './single-sign-on';

declare module 'express-session' {
  interface SessionData {
    pendingSignIn: PendingSignIn;
  }
}

/** Sends the login page back with a reason it can show; never the provider's own error text. */
const backToLogin = (reason: string) => `/?sign_in_error=${encodeURIComponent(reason)}`;

/**
 * Single sign-on: /start sends the browser to the provider, /callback signs it in. Both are GETs
 * the browser makes by navigation; state, nonce and the PKCE verifier tie the two together.
 */
export function createSingleSignOnRoutes(db: Database, config: OidcConfig | null, sessions: SessionRevocation, logger: Logger): Router {
  const router = Router();

  router.get('/methods', (_request, response) => {
    response.json({ singleSignOn: config ? { label: config.buttonLabel, startUrl: '/api/auth/oidc/start' } : null } satisfies AuthMethodsResponse);
  });
  if (!config) {
    // Always routed, so a stale bookmark gets the login page with a reason rather than a 404.
    const notConfigured = (_request: Request, response: Response) => response.redirect(303, backToLogin('not_configured'));
    router.get('/oidc/start', notConfigured);
    router.get('/oidc/callback', notConfigured);
    return router;
  }
  const singleSignOn = createSingleSignOn(config);

  router.get('/oidc/start', async (request, response) => {
    let started;
    try {
      started = await singleSignOn.start();
    } catch (error) {
      logger.warn({ err: error }, 'single sign-on provider unreachable');
      return response.redirect(303, backToLogin('unavailable'));
    }
    const { redirectTo, pending } = started;
    request.session.pendingSignIn = pending;
    await saveSession(request);
    response.redirect(303, redirectTo);
  });

  router.get('/oidc/callback', async (request, response) => {
    const pending = request.session.pendingSignIn;
    delete request.session.pendingSignIn;
    if (!pending) return response.redirect(303, backToLogin('expired'));
    let claims: Record<string, unknown>;
    try {
      claims = await singleSignOn.finish(new URL(request.originalUrl, 'http://desk').search, pending);
    } catch (error) {
      logger.warn({ err: error }, 'single sign-on callback refused');
      await recordAudit(db, { action: 'auth.login_failed', details: { method: 'single_sign_on', reason: 'provider_response_invalid' } });
      return response.redirect(303, backToLogin('failed'));
    }
    const identity = identityFromClaims(claims, config);
    const outcome = identity ? await signInIdentity(db, config.issuer, identity) : ({ refused: 'no_identity' } as const);
    if ('refused' in outcome) {
      await recordAudit(db, { action: 'auth.login_failed', details: { method: 'single_sign_on', reason: outcome.refused } });
      return response.redirect(303, backToLogin(outcome.refused));
    }
    await regenerateSession(request);
    request.session.agentId = outcome.agent.id;
    await saveSession(request);
    await sessions.track(outcome.agent.id, request.sessionID);
    await recordAudit(db, { action: 'auth.login', actorAgentId: outcome.agent.id, details: { method: 'single_sign_on', role: outcome.agent.role } });
    response.redirect(303, '/');
  });

  return router;
}
