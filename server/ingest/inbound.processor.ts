import type { Job } from 'bullmq';
import { isInboundMessage, platformEventSchema, type InboundEvent, type PlatformEvent } from '../../shared/inbound';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadMessageView, loadThreadSummary } from '../threads/threads.service';
import { ingestInboundEvent } from './ingest-inbound';
import { applyEdit, applyReaction, applyReceipt, ingestPageSent } from './ingest-page-events';

export interface InboundDependencies {
  db: Database;
  notifier: AgentNotifier;
  logger: Logger;
}

/**
 * Handles `inbound` jobs — messages from the public, the Page's own messages (echoes, Page inbox
 * replies), receipts, reactions and edits: store once, then tell every agent, after the
 * transaction has committed.
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

async function storeInboundMessage({ db, notifier, logger }: InboundDependencies, job: Job<unknown>, event: InboundEvent) {
  const result = await ingestInboundEvent(db, event);
  if (!result.stored) {
    logger.debug({ jobId: job.id }, 'duplicate inbound message ignored');
    return;
  }
  logger.info({ jobId: job.id, threadId: result.threadId, messageId: result.messageId, isNewThread: result.isNewThread }, 'inbound message stored');
  const [thread, message] = await Promise.all([loadThreadSummary(db, result.threadId, true), loadMessageView(db, result.messageId)]);
  if (thread) notifier.threadUpdated(thread);
  if (message) notifier.messageCreated(message);
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
        if (message) notifier.messageCreated(message);
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
