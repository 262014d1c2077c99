import type { Express } from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'bullmq';
import { eq, and } from 'drizzle-orm';
import type { Connector } from '../connectors/connector';
import {
  createFacebookConnector,
  createInstagramConnector,
  type FacebookConnector,
  type MessengerPlatformConnector,
} from '../connectors/facebook';
import { createTwitterConnector } from '../connectors/twitter';
import { createReportFormConnector, createVisitorTokens, createWebchatConnector, type VisitorDelivery } from '../connectors/webchat';
import { createSocketEmitter } from './realtime/socket-emitter';
import { createApp } from './app';
import { createBroadcastConnectors } from './broadcasts/broadcast-channels';
import { createBroadcastNotifier } from './broadcasts/broadcast-notifier';
import { BROADCAST_QUEUE_NAME, createBroadcastQueue, type BroadcastQueue } from './broadcasts/broadcast-queue';
import { createBroadcastProcessor } from './broadcasts/broadcast.processor';
import { seedDemoAgents } from './auth/seed-demo-agents';
import { createSessionMiddleware } from './auth/session';
import { createSessionRevocation } from './auth/session-revocation';
import { ConnectorRegistry } from './channels/connector-registry';
import type { DeskConfig } from './config';
import { openDatabase, type Database, type DatabaseHandle } from './db/database';
import { channels } from './db/schema';
import { createAcknowledgementPolicy } from './acknowledgements/policy';
import { createInboundProcessor } from './ingest/inbound.processor';
import { createIntegrationEvents } from './integrations/integration-events';
import { createIntegrationsQueue, INTEGRATIONS_QUEUE_NAME, type IntegrationsQueue } from './integrations/integrations-queue';
import { createIntegrationsProcessor } from './integrations/integrations.processor';
import { startStuckIntegrationSweeper } from './integrations/requeue-stuck-integrations';
import { sealPlainTextSecrets } from './integrations/webhook-subscriptions';
import { startFacebookPoller } from './polling/facebook-poller';
import type { Logger } from './logger';
import { startPollers } from './polling/pollers';
import { createQueues, QUEUE_NAMES, type DeskQueues } from './queues/queues';
import { createThreadAccess } from './access/thread-access';
import { createPresence } from './presence/presence';
import { createThreadRouting } from './routing/thread-routing';
import { createAgentNotifier } from './realtime/agent-notifier';
import { startAgentGateway, type AgentSocketServer } from './realtime/gateway';
import { createPublicRateLimits } from './public-contact/rate-limits';
import { createVisitorDelivery, startVisitorGateway } from './public-contact/visitor.gateway';
import { connectRedis } from './redis';
import { startStuckReplySweeper } from './replies/requeue-stuck-replies';
import { startRetentionSweeper } from './retention/retention-sweeper';
import { createSendReplyProcessor } from './replies/send-reply.processor';
import { createTriageFromSettings } from './triage/triage-settings';
import { storeSlaPolicy } from './sla/sla-policy';
import { registerTeams } from './teams/teams.service';

export interface Desk {
  /** Where the web role listens, e.g. http://127.0.0.1:3000 (null for a worker-only process). */
  url: string | null;
  database: DatabaseHandle;
  queues: DeskQueues;
  /** The "broadcasts" queue: publish and withdraw jobs, one channel's post each. */
  broadcastQueue: BroadcastQueue;
  /** The "integrations" queue: webhook deliveries and C&C incident requests. */
  integrationsQueue: IntegrationsQueue;
  seededAccounts: Array<{ email: string; password: string }>;
  /** The Express app and the agents' Socket.IO server (web role only): the authorization matrix test walks their routes and handlers. */
  web: { app: Express; io: AgentSocketServer } | null;
  close(): Promise<void>;
}

/** Inbound messages are stored up to this many per transaction (issue 12: one by one, two cores could not reach 2,000 a second). */
const INBOUND_BATCHING = { maxSize: 50, maxWaitMs: 5 };

/** Builds the desk from its parts and starts the roles the configuration asks for. */
export async function startDesk(config: DeskConfig, logger: Logger): Promise<Desk> {
  const database = await openDatabase(config.database, logger);
  const redis = connectRedis(config.redis.url, 'commands');
  const keys = redisKeys(config.redis.prefix);
  const producer = connectRedis(config.redis.url, 'producer', { failFast: true });
  producer.on('error', (error) => logger.warn({ err: error }, 'redis (producer) connection error'));
  const queues = createQueues(producer, keys.queues);
  const access = createThreadAccess(database.db, config.restrictedCategoryTeams);
  const presence = createPresence(redis, config.redis.prefix);
  const notifier = createAgentNotifier(redis, keys.socketAdapter, access, logger);
  const routing = createThreadRouting({ db: database.db, presence, notifier, logger, ...config.routing });
  const broadcastQueue = createBroadcastQueue(redis, keys.queues);
  const broadcastNotifier = createBroadcastNotifier(redis, keys.socketAdapter, logger);
  const integrationsQueue = createIntegrationsQueue(redis, keys.queues, config.integrations);
  const integrations = createIntegrationEvents(database.db, integrationsQueue, logger);
  const visitorDelivery = createVisitorDelivery(createSocketEmitter(redis, keys.socketAdapter, logger));
  const visitorTokens = createVisitorTokens(config.session.secret);
  const publicRateLimits = createPublicRateLimits(redis, config.redis.prefix);
  const messengerConnectors = messengerPlatformConnectors(config);
  const connectors = new ConnectorRegistry(configuredConnectors(config, messengerConnectors, visitorDelivery));
  await registerChannels(database.db, connectors.all());
  if (config.facebook) await recordHumanAgentPermission(database.db, messengerConnectors, config.facebook.humanAgentTagAllowed);
  await registerTeams(database.db, config.teams);
  await storeSlaPolicy(database.db, config.slaPolicy);
  await sealPlainTextSecrets(database.db, config.dataEncryptionKey);
  const seededAccounts = config.seedDemoAgents ? await seedDemoAgents(database.db, logger) : [];
  const closers: Array<() => Promise<unknown>> = [() => routing.close()];

  if (config.roles.worker) {
    // The lock is renewed at half its length; a dead worker's jobs go back to waiting once it lapses.
    const workerOptions = { connection: redis, prefix: keys.queues, lockDuration: config.jobStalledAfterMs, stalledInterval: config.jobStalledAfterMs };
    const processInbound = createInboundProcessor({
      db: database.db,
      connectors,
      queues,
      notifier,
      routing,
      logger,
      triage: createTriageFromSettings(config.triage),
      acknowledgements: createAcknowledgementPolicy(config.acknowledgements),
      integrations,
    }, INBOUND_BATCHING);
    // Enough jobs at once to fill a batch while the previous one is being stored.
    const inboundWorker = new Worker(QUEUE_NAMES.inbound, processInbound, { ...workerOptions, concurrency: 2 * INBOUND_BATCHING.maxSize });
    const outboundWorker = new Worker(
      QUEUE_NAMES.outbound,
      createSendReplyProcessor({ db: database.db, connectors, notifier, logger }),
      { ...workerOptions, concurrency: 4 },
    );
    const broadcastWorker = new Worker(
      BROADCAST_QUEUE_NAME,
      createBroadcastProcessor({
        db: database.db,
        queue: broadcastQueue,
        connectors: createBroadcastConnectors(config),
        notifier: broadcastNotifier,
        policy: { ...config.broadcasts, blockedPhrases: config.blockedPhrases },
        logger,
        integrations,
      }),
      { ...workerOptions, concurrency: 2 },
    );
    const integrationsWorker = new Worker(
      INTEGRATIONS_QUEUE_NAME,
      createIntegrationsProcessor({
        db: database.db,
        notifier,
        integrations,
        logger,
        incident: config.integrations.incident,
        timeoutMs: config.integrations.timeoutMs,
        dataEncryptionKey: config.dataEncryptionKey,
      }),
      { ...workerOptions, concurrency: 4 },
    );
    for (const worker of [inboundWorker, outboundWorker, broadcastWorker, integrationsWorker]) {
      worker.on('failed', (job, error) => logger.warn({ queue: worker.name, jobId: job?.id, err: error }, 'job attempt failed'));
      worker.on('error', (error) => logger.error({ queue: worker.name, err: error }, 'worker error'));
      closers.push(() => worker.close());
    }
    closers.push(startStuckReplySweeper(database.db, queues, logger));
    closers.push(startStuckIntegrationSweeper(database.db, integrationsQueue, logger));
    const retention = await startRetentionSweeper(redis, keys.queues, { db: database.db, ...config.retention, logger });
    closers.push(() => retention.close());
    closers.push(routing.startSweep(config.routing.sweepMs));
    const pollers = await startPollers({
      db: database.db,
      redis,
      keyPrefix: config.redis.prefix,
      connectors,
      queues,
      notifier,
      logger,
      connection: redis,
      queuePrefix: keys.queues,
    });
    closers.push(() => pollers.close());
    for (const connector of config.facebook && config.facebook.pollIntervalMs > 0 ? messengerConnectors : []) {
      const poller = await startFacebookPoller(redis, keys.queues, { db: database.db, queues, connector, config: config.facebook!, logger });
      closers.push(() => poller.close());
    }
  }

  let url: string | null = null;
  let web: Desk['web'] = null;
  if (config.roles.web) {
    const sessionMiddleware = createSessionMiddleware(redis, {
      secret: config.session.secret,
      secureCookie: config.session.secureCookie,
      keyPrefix: config.redis.prefix,
    });
    const app = createApp({
      config,
      database,
      redis,
      producer,
      queues,
      notifier,
      access,
      presence,
      routing,
      sessionMiddleware,
      sessions: createSessionRevocation(redis, config.redis.prefix, keys.socketAdapter, logger),
      logger,
      visitorTokens,
      publicRateLimits,
      broadcasts: { queue: broadcastQueue, notifier: broadcastNotifier },
      integrations: { events: integrations, queue: integrationsQueue },
    });
    const httpServer = createServer(app);
    const subscriber = connectRedis(config.redis.url, 'socket-subscriber');
    const gateway = startAgentGateway({
      httpServer,
      db: database.db,
      sessionMiddleware,
      publisher: redis,
      subscriber,
      adapterKey: keys.socketAdapter,
      presence,
      access,
      onShiftChanged: (agentId, change) => {
        notifier.loadChanged();
        notifier.shiftChanged();
        if (change === 'connected') void routing.routeWaiting();
        else routing.agentDisconnected(agentId);
      },
      logger,
    });
    const visitorGateway = startVisitorGateway({ io: gateway, db: database.db, queues, tokens: visitorTokens, limits: publicRateLimits, logger, trustProxy: config.environment === 'production' });
    url = await listen(httpServer, config.http.host, config.http.port);
    web = { app, io: gateway };
    closers.unshift(() => visitorGateway.close(), () => closeHttp(gateway, httpServer), () => subscriber.quit());
  }

  return {
    url,
    database,
    queues,
    broadcastQueue,
    integrationsQueue,
    seededAccounts,
    web,
    close: async () => {
      for (const close of closers) await close();
      await queues.close();
      await broadcastQueue.close();
      await integrationsQueue.close();
      await producer.quit();
      await redis.quit();
      await database.close();
    },
  };
}

export function redisKeys(prefix: string) {
  return { queues: `${prefix}-queue`, socketAdapter: `${prefix}-socket.io` };
}

function configuredConnectors(
  config: DeskConfig,
  messenger: MessengerPlatformConnector[],
  visitorDelivery: VisitorDelivery,
): Connector[] {
  // The force's own web chat and report form need no platform account: always on.
  const connectors: Connector[] = [createWebchatConnector(visitorDelivery), createReportFormConnector(), ...messenger];
  if (config.twitter) connectors.push(createTwitterConnector({ ...config.twitter }));
  return connectors;
}

/** The Facebook Page and, when one is linked, its Instagram account (contracts §9). */
function messengerPlatformConnectors(config: DeskConfig): MessengerPlatformConnector[] {
  if (!config.facebook) return [];
  const page: FacebookConnector = createFacebookConnector({ ...config.facebook });
  const instagram = config.facebook.instagram;
  if (!instagram) return [page];
  return [page, createInstagramConnector({ ...config.facebook, instagramAccountId: instagram.accountId, displayName: instagram.displayName })];
}

/** The composer and the send worker read the Human Agent permission from the channel row. */
async function recordHumanAgentPermission(db: Database, accounts: MessengerPlatformConnector[], allowed: boolean) {
  for (const account of accounts) {
    await db
      .update(channels)
      .set({ humanAgentTagAllowed: allowed })
      .where(and(eq(channels.type, account.channel), eq(channels.accountId, account.accountId)));
  }
}

/**
 * Each configured account has its channel row before the first message arrives. One upsert, so
 * web and worker processes starting together on a new database do not both insert it.
 */
async function registerChannels(db: Database, connectors: Connector[]) {
  for (const connector of connectors) {
    await db
      .insert(channels)
      .values({ type: connector.channel, accountId: connector.accountId, displayName: connector.displayName })
      .onConflictDoUpdate({ target: [channels.type, channels.accountId], set: { displayName: connector.displayName } });
  }
}

function listen(httpServer: HttpServer, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      const address = httpServer.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}

async function closeHttp(gateway: AgentSocketServer, httpServer: HttpServer) {
  // Socket.IO's close also closes the HTTP server it is attached to.
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
}
