import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { ThreadAccess } from './access/thread-access';
import type { Presence } from './presence/presence';
import { createPresenceRoutes } from './presence/presence.routes';
import { createApiTokenRoutes } from './api-tokens/api-tokens.routes';
import { createApprovalRoutes } from './replies/approvals.routes';
import { createRoutingRoutes } from './routing/routing.routes';
import type { ThreadRouting } from './routing/thread-routing';
import { createAuditRoutes } from './audit/audit.routes';
import { createAuthRoutes } from './auth/auth.routes';
import { authorizeRequests, validateRequests } from './auth/authorize';
import { ROUTE_RULES } from './auth/route-policy';
import { createLoginThrottle } from './auth/login-throttle';
import { createRequireAgent } from './auth/session';
import type { SessionRevocation } from './auth/session-revocation';
import { createAccountRoutes } from './accounts/accounts.routes';
import { createSingleSignOnRoutes } from './auth/single-sign-on.routes';
import { createSubjectAccessRoutes } from './retention/subject-access.routes';
import type { DeskConfig } from './config';
import type { DatabaseHandle } from './db/database';
import { createErrorHandler, errorBody, notFoundHandler } from './http/errors';
import { createHealthRoutes } from './http/health.routes';
import { createDocsRoutes } from './http/openapi';
import { publicPageSecurityHeaders, staffSecurityHeaders } from './http/security-headers';
import { refuseCrossSiteWrites } from './http/same-origin';
import type { Logger } from './logger';
import type { VisitorTokens } from '../connectors/webchat';
import { createPublicRoutes, PUBLIC_BODY_LIMIT } from './public-contact/public.routes';
import type { PublicRateLimits } from './public-contact/rate-limits';
import type { DeskQueues } from './queues/queues';
import type { AgentNotifier } from './realtime/agent-notifier';
import { availableBroadcastChannels } from './broadcasts/broadcast-channels';
import type { BroadcastNotifier } from './broadcasts/broadcast-notifier';
import type { BroadcastQueue } from './broadcasts/broadcast-queue';
import { createUploadRoutes } from './uploads/uploads.routes';
import { createBroadcastRoutes } from './broadcasts/broadcasts.routes';
import { createCannedResponseRoutes } from './canned/canned-responses.routes';
import { createEscalationRoutes, createThreadEscalationRoutes } from './escalations/escalations.routes';
import type { IntegrationEvents } from './integrations/integration-events';
import type { IntegrationsQueue } from './integrations/integrations-queue';
import { createWebhookRoutes } from './integrations/webhooks.routes';
import { createReportRoutes } from './reports/reports.routes';
import { createDirectoryRoutes } from './teams/directory.routes';
import { createThreadActionRoutes } from './threads/thread-actions.routes';
import { createThreadRoutes } from './threads/threads.routes';
import { createTriageRoutes } from './triage/triage.routes';
import { createFacebookWebhookRoutes } from './webhooks/facebook.routes';
import { createTwitterWebhookRoutes } from './webhooks/twitter.routes';
import { createInboundEnqueuer } from './queues/inbound-jobs';

export interface AppDependencies {
  config: DeskConfig;
  database: DatabaseHandle;
  redis: Redis;
  /** The queues' connection (fails fast): readiness asks it too. */
  producer: Redis;
  queues: DeskQueues;
  notifier: AgentNotifier;
  access: ThreadAccess;
  presence: Presence;
  routing: ThreadRouting;
  sessionMiddleware: RequestHandler;
  sessions: SessionRevocation;
  logger: Logger;
  visitorTokens: VisitorTokens;
  publicRateLimits: PublicRateLimits;
  broadcasts: { queue: BroadcastQueue; notifier: BroadcastNotifier };
  integrations: { events: IntegrationEvents; queue: IntegrationsQueue };
}

/** The HTTP side of the desk: health, webhooks, the agents' API and the built client. */
export function createApp(dependencies: AppDependencies): Express {
  const { config, database, redis, producer, queues, notifier, access, presence, routing, sessionMiddleware, logger } = dependencies;
  const db = database.db;
  const app = express();
  app.disable('x-powered-by');
  const isProduction = config.environment === 'production';
  if (isProduction) app.set('trust proxy', 1); // TLS ends at the load balancer
  // Platform webhooks first: the desk's busiest route needs no session, browser headers or
  // authorization layer (a delivery is authorized by its platform signature, checked in the route).
  const enqueueInbound = createInboundEnqueuer(queues.inbound);
  if (config.facebook) {
    app.use('/webhooks/facebook', createFacebookWebhookRoutes(config.facebook, enqueueInbound, logger, config.http.webhookBodyLimit));
  }
  if (config.twitter?.hasAccountActivity) {
    app.use('/webhooks/twitter', createTwitterWebhookRoutes(config.twitter, enqueueInbound, logger, config.http.webhookBodyLimit));
  }
  const publicPageHeaders = publicPageSecurityHeaders(isProduction);
  const staffHeaders = staffSecurityHeaders(isProduction);
  app.use((request, response, next) => (isPublicPage(request.path) ? publicPageHeaders : staffHeaders)(request, response, next));

  // One authorization layer for every route (server/auth/route-policy.ts), then each route's
  // input checked against the same table's zod schemas, before any route below runs.
  app.use('/api', sessionMiddleware);
  app.use(authorizeRequests(db, access, ROUTE_RULES));
  app.use('/api/public', express.json({ limit: PUBLIC_BODY_LIMIT }));
  app.use('/api', express.json({ limit: '100kb' }));
  app.use(validateRequests());

  app.use(createHealthRoutes(database, [redis, producer]));
  app.use('/api/docs', createDocsRoutes(ROUTE_RULES));

  // The public web chat and report form: no session, their own limits (before the agents' API).
  app.use(
    '/api/public',
    createPublicRoutes({
      db,
      queues,
      tokens: dependencies.visitorTokens,
      limits: dependencies.publicRateLimits,
      publicContact: config.publicContact,
      logger,
    }),
  );

  const requireAgent = createRequireAgent(db);
  const escalationDependencies = {
    db,
    notifier,
    access,
    integrations: dependencies.integrations.events,
    integrationsQueue: dependencies.integrations.queue,
    outcomeKinds: config.escalations.outcomeKinds,
    incident: config.integrations.incident,
    incidentTeam: config.integrations.incidentTeam,
  };
  const api = express.Router();
  api.use(refuseCrossSiteWrites());
  api.use('/auth', createAuthRoutes(db, requireAgent, notifier, createLoginThrottle(redis, config.redis.prefix), dependencies.sessions, routing));
  api.use('/auth', createSingleSignOnRoutes(db, config.oidc, dependencies.sessions, logger));
  api.use('/accounts', requireAgent, createAccountRoutes(db, dependencies.sessions));
  api.use(
    '/threads',
    requireAgent,
    createThreadRoutes({ db, queues, notifier, access, blockedPhrases: config.blockedPhrases, approvalCategories: config.approvalCategories, logger }),
    createTriageRoutes(db, notifier),
    createThreadActionRoutes(db, notifier, access, routing),
    createThreadEscalationRoutes(escalationDependencies),
  );
  api.use('/directory', requireAgent, createDirectoryRoutes(db));
  api.use('/presence', requireAgent, createPresenceRoutes(db, presence, notifier, routing));
  api.use('/approvals', requireAgent, createApprovalRoutes({ db, queues, notifier, access, blockedPhrases: config.blockedPhrases, logger }));
  api.use('/routing', requireAgent, createRoutingRoutes(db, presence, routing, notifier));
  api.use('/contacts', requireAgent, createSubjectAccessRoutes(db, access));
  api.use('/audit', requireAgent, createAuditRoutes(db));
  api.use('/escalations', requireAgent, createEscalationRoutes(escalationDependencies));
  api.use(
    '/integrations/webhooks',
    requireAgent,
    createWebhookRoutes(db, {
      requireHttps: config.environment === 'production',
      queue: dependencies.integrations.queue,
      events: dependencies.integrations.events,
      dataEncryptionKey: config.dataEncryptionKey,
    }),
  );
  api.use('/canned-responses', requireAgent, createCannedResponseRoutes(db));
  api.use(
    '/broadcasts',
    requireAgent,
    createBroadcastRoutes({ db, ...dependencies.broadcasts, policy: { ...config.broadcasts, blockedPhrases: config.blockedPhrases }, channels: availableBroadcastChannels(config) }),
  );
  api.use('/reports', requireAgent, createReportRoutes(db, { outcomeKinds: config.escalations.outcomeKinds }));
  api.use('/api-tokens', requireAgent, createApiTokenRoutes(db));
  api.use('/uploads', requireAgent, createUploadRoutes(db, access, config.uploads));
  api.use((_request, response) => void response.status(404).json(errorBody('not_found', 'No such API route')));
  app.use('/api', api);

  serveClient(app, config.http.clientDistDir);
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}

/** The public chat and report pages, and the widget script the force's website loads. */
function isPublicPage(path: string): boolean {
  return path === '/widget.js' || path === '/contact' || path.startsWith('/contact/') || path === '/contact.html';
}

/** The built React inbox, with its routes falling back to index.html. */
function serveClient(app: Express, clientDistDir: string) {
  const root = path.resolve(clientDistDir);
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) return;
  app.use(express.static(root, { index: false, maxAge: '1h' }));
  // The public pages are their own entry point, so a visitor never downloads the staff inbox.
  const contactFile = path.join(root, 'contact.html');
  app.get(/^\/contact(\/.*)?$/, (_request, response) => {
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(contactFile);
  });
  app.get(/^\/(?!api\/|webhooks\/|socket\.io\/).*/, (_request, response) => {
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
}
