import type { Job } from 'bullmq';
import { and, eq, isNull } from 'drizzle-orm';
import { isInboundMessage, platformEventSchema, type InboundEvent, type PlatformEvent } from '../../shared/inbound';
import type { ConnectorRegistry } from '../channels/connector-registry';
import type { Database } from '../db/database';
import { contacts } from '../db/schema';
import type { Logger } from '../logger';
import type { IntegrationEvents } from '../integrations/integration-events';
import type { DeskQueues } from '../queues/queues';
import type { AgentNotifier } from '../realtime/agent-notifier';
import type { ThreadRouting } from '../routing/thread-routing';
import { loadMessageView, loadThreadSummary } from '../threads/threads.service';
import { ingestInboundEvent, type IngestOptions } from './ingest-inbound';
import { applyEdit, applyReaction, applyReceipt, ingestPageSent } from './ingest-page-events';

export interface InboundDependencies extends Omit<IngestOptions, 'receivedAt'> {
  db: Database;
  connectors: ConnectorRegistry;
  queues: DeskQueues;
  notifier: AgentNotifier;
  /** Pushes a new thread to an agent, for teams that route (off by default). */
  routing?: ThreadRouting;
  logger: Logger;
  /** Subscribed integrations hear of new threads and messages (outbound webhooks). */
  integrations?: IntegrationEvents;
}

/**
 * Handles `inbound` jobs — messages from the public (stored once, triaged, acknowledged), the
 * Page's own messages (echoes, Page inbox replies), receipts, reactions and edits — then, after
 * the transaction has committed, queues any acknowledgement and tells every agent, emergencies
 * loudest.
 */
export function createInboundProcessor(dependencies: InboundDependencies) {
  const { logger } = dependencies;
  return async function processInbound(job: Job<unknown>): Promise<void> {
    const parsed = platformEventSchema.safeParse(job.data);
    if (!parsed.success) {
      // A job we cannot read would fail the same way every time: log it and let it go.
      logger.error({ jobId: job.id, issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'malformed inbound job skipped');
      return;
    }
    const event = parsed.data;
    if (isInboundMessage(event)) await storeInboundMessage(dependencies, job, event);
    else await applyPlatformEvent(dependencies, job, event);
  };
}

async function storeInboundMessage(dependencies: InboundDependencies, job: Job<unknown>, event: InboundEvent) {
  const { db, queues, notifier, logger } = dependencies;
  const result = await ingestInboundEvent(db, event, dependencies);
  if (!result.stored) {
    logger.debug({ jobId: job.id }, 'duplicate inbound message ignored');
    // This job ran before (its worker died, or it failed after the commit): that run's push may
    // never have gone out, so agents are told again — a repeated push is harmless, a lost one is not.
    if (job.attemptsStarted > 1 && result.messageId) await pushStoredMessage(dependencies, result.messageId);
    return;
  }
  const { threadId, messageId, isNewThread, isEmergency, autoReplyMessageId, unnamedContactId } = result;
  logger.info({ jobId: job.id, threadId, messageId, isNewThread, isEmergency }, 'inbound message stored');
  if (unnamedContactId) await nameContact(dependencies, unnamedContactId, event);
  if (autoReplyMessageId) {
    await queues.outbound.add('send-reply', { messageId: autoReplyMessageId }, { jobId: `reply__${autoReplyMessageId}` });
  }
  const [thread, message, autoReply] = await Promise.all([
    loadThreadSummary(db, threadId, true),
    loadMessageView(db, messageId),
    autoReplyMessageId ? loadMessageView(db, autoReplyMessageId) : null,
  ]);
  // Awaited, so the job completes only once agents have been told.
  await Promise.all([
    thread && notifier.threadUpdated(thread),
    message && notifier.messageCreated(message, thread),
    autoReply && notifier.messageCreated(autoReply, thread),
    thread && isEmergency && notifier.emergency(thread),
  ]);
  // The message is stored and every agent told: anything else that follows a stored message goes here.
  dependencies.integrations?.inboundStored({ threadId, messageId, isNewThread });
  if (isNewThread) await dependencies.routing?.routeWaiting();
}

async function pushStoredMessage({ db, notifier }: InboundDependencies, messageId: string) {
  const message = await loadMessageView(db, messageId);
  if (!message) return;
  const thread = await loadThreadSummary(db, message.threadId, false);
  await Promise.all([thread && notifier.threadUpdated(thread), notifier.messageCreated(message, thread)]);
}

async function applyPlatformEvent(dependencies: InboundDependencies, job: Job<unknown>, event: Exclude<PlatformEvent, InboundEvent>) {
  const { db, notifier, logger } = dependencies;
  switch (event.kind) {
    case 'page_sent': {
      const result = await ingestPageSent(db, event);
      logger.info({ jobId: job.id, outcome: result.outcome }, 'page-sent message handled');
      if (result.outcome === 'matched_own_send') await pushUpdated(dependencies, [result.messageId]);
      if (result.outcome === 'stored') {
        const [thread, message] = await Promise.all([loadThreadSummary(db, result.threadId, false), loadMessageView(db, result.messageId)]);
        if (thread) notifier.threadUpdated(thread);
        if (message) notifier.messageCreated(message, thread);
      }
      return;
    }
    case 'receipt': {
      const changed = await applyReceipt(db, event);
      logger.debug({ jobId: job.id, receipt: event.receipt, changed: changed.length }, 'receipt applied');
      await pushUpdated(dependencies, changed);
      return;
    }
    case 'reaction':
      await pushUpdated(dependencies, [await applyReaction(db, event)]);
      return;
    case 'edit':
      await pushUpdated(dependencies, [await applyEdit(db, event)]);
      return;
  }
}

async function pushUpdated({ db, notifier }: InboundDependencies, messageIds: string[]) {
  for (const messageId of messageIds) {
    const view = await loadMessageView(db, messageId);
    if (view) notifier.messageUpdated(view);
  }
}

/** Agents see names, not PSIDs: ask the platform once for a new sender's name (a failure only costs the name). */
async function nameContact({ db, connectors, logger }: InboundDependencies, contactId: string, event: InboundEvent) {
  const lookup = connectors.find(event.channel, event.accountId)?.lookupSenderName;
  if (!lookup) return;
  try {
    const name = await lookup(event.sender.platformUserId);
    if (name) await db.update(contacts).set({ displayName: name }).where(and(eq(contacts.id, contactId), isNull(contacts.displayName)));
  } catch (error) {
    logger.warn({ err: error, contactId }, 'sender name lookup failed');
  }
}
