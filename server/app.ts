import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { ThreadAccess } from './access/thread-access';
import type { Presence } from './presence/presence';
import { createPresenceRoutes } from './presence/presence.routes';
import { createApprovalRoutes } from './replies/approvals.routes';
import { createRoutingRoutes } from './routing/routing.routes';
import type { ThreadRouting } from './routing/thread-routing';
import { requireReadableThread } from './access/thread-access.middleware';
import { createAuditRoutes } from './audit/audit.routes';
import { createAuthRoutes } from './auth/auth.routes';
import { requireRole } from './auth/roles';
import { createLoginThrottle } from './auth/login-throttle';
import { createRequireAgent } from './auth/session';
import type { DeskConfig } from './config';
import type { DatabaseHandle } from './db/database';
import { createErrorHandler, errorBody, notFoundHandler } from './http/errors';
import { createHealthRoutes } from './http/health.routes';
import { refuseCrossSiteWrites } from './http/same-origin';
import type { Logger } from './logger';
import type { VisitorTokens } from '../connectors/webchat';
import { createPublicRoutes } from './public-contact/public.routes';
import type { PublicRateLimits } from './public-contact/rate-limits';
import type { DeskQueues } from './queues/queues';
import type { AgentNotifier } from './realtime/agent-notifier';
import { availableBroadcastChannels } from './broadcasts/broadcast-channels';
import type { BroadcastNotifier } from './broadcasts/broadcast-notifier';
import type { BroadcastQueue } from './broadcasts/broadcast-queue';
import { createBroadcastRoutes } from './broadcasts/broadcasts.routes';
import { createCannedResponseRoutes } from './canned/canned-responses.routes';
import { createEscalationRoutes, createThreadEscalationRoutes } from './escalations/escalations.routes';
import { createReportRoutes } from './reports/reports.routes';
import { createDirectoryRoutes } from './teams/directory.routes';
import { createThreadActionRoutes } from './threads/thread-actions.routes';
import { createThreadRoutes } from './threads/threads.routes';
import { createTriageRoutes } from './triage/triage.routes';
import { createFacebookWebhookRoutes } from './webhooks/facebook.routes';
import { createTwitterWebhookRoutes } from './webhooks/twitter.routes';

export interface AppDependencies {
  config: DeskConfig;
  database: DatabaseHandle;
  redis: Redis;
  queues: DeskQueues;
  notifier: AgentNotifier;
  access: ThreadAccess;
  presence: Presence;
  routing: ThreadRouting;
  sessionMiddleware: RequestHandler;
  logger: Logger;
  visitorTokens: VisitorTokens;
  publicRateLimits: PublicRateLimits;
  broadcasts: { queue: BroadcastQueue; notifier: BroadcastNotifier };
}

/** The HTTP side of the desk: health, webhooks, the agents' API and the built client. */
export function createApp(dependencies: AppDependencies): Express {
  const { config, database, redis, queues, notifier, access, presence, routing, sessionMiddleware, logger } = dependencies;
  const db = database.db;
  const app = express();
  app.disable('x-powered-by');
  if (config.environment === 'production') app.set('trust proxy', 1); // TLS ends at the load balancer

  app.use(createHealthRoutes(database, redis));
  if (config.facebook) {
    app.use('/webhooks/facebook', createFacebookWebhookRoutes(config.facebook, queues, logger, config.http.webhookBodyLimit));
  }
  if (config.twitter?.hasAccountActivity) {
    app.use('/webhooks/twitter', createTwitterWebhookRoutes(config.twitter, queues, logger, config.http.webhookBodyLimit));
  }

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
  const api = express.Router();
  api.use(refuseCrossSiteWrites(), express.json({ limit: '100kb' }), sessionMiddleware);
  api.use('/auth', createAuthRoutes(db, requireAgent, notifier, createLoginThrottle(redis, config.redis.prefix), routing));
  api.use('/threads/:threadId', requireAgent, requireReadableThread(access));
  api.use(
    '/threads',
    requireAgent,
    createThreadRoutes({ db, queues, notifier, access, blockedPhrases: config.blockedPhrases, approvalCategories: config.approvalCategories, logger }),
    createTriageRoutes(db, notifier),
    createThreadActionRoutes(db, notifier, access, routing),
    createThreadEscalationRoutes(db, notifier),
  );
  api.use('/directory', requireAgent, createDirectoryRoutes(db));
  api.use('/presence', requireAgent, createPresenceRoutes(db, presence, routing));
  api.use('/approvals', requireAgent, createApprovalRoutes({ db, queues, notifier, access, blockedPhrases: config.blockedPhrases, logger }));
  api.use('/routing', requireAgent, createRoutingRoutes(db, presence, routing, notifier));
  api.use('/audit', requireAgent, requireRole('supervisor', 'admin'), createAuditRoutes(db));
  api.use('/escalations', requireAgent, createEscalationRoutes(db, notifier));
  api.use('/canned-responses', requireAgent, createCannedResponseRoutes(db));
  api.use(
    '/broadcasts',
    requireAgent,
    createBroadcastRoutes({ db, ...dependencies.broadcasts, policy: { ...config.broadcasts, blockedPhrases: config.blockedPhrases }, channels: availableBroadcastChannels(config) }),
  );
  api.use('/reports', requireAgent, createReportRoutes(db));
  api.use((_request, response) => void response.status(404).json(errorBody('not_found', 'No such API route')));
  app.use('/api', api);

  serveClient(app, config.http.clientDistDir);
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
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
