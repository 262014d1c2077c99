import type { Job } from 'bullmq';
import { inboundEventSchema } from '../../shared/inbound';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadMessageView, loadThreadSummary } from '../threads/threads.service';
import { ingestInboundEvent, type IngestOptions } from './ingest-inbound';

export interface InboundDependencies extends Omit<IngestOptions, 'receivedAt'> {
  db: Database;
  queues: DeskQueues;
  notifier: AgentNotifier;
  logger: Logger;
}

/**
 * Handles `inbound` jobs: store once (triaged, acknowledged), then — after the transaction has
 * committed — queue the acknowledgement and tell every agent, emergencies loudest.
 */
export function createInboundProcessor(dependencies: InboundDependencies) {
  const { db, queues, notifier, logger } = dependencies;
  return async function processInbound(job: Job<unknown>): Promise<void> {
    const parsed = inboundEventSchema.safeParse(job.data);
    if (!parsed.success) {
      // A job we cannot read would fail the same way every time: log it and let it go.
      logger.error({ jobId: job.id, issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'malformed inbound job skipped');
      return;
    }
    const result = await ingestInboundEvent(db, parsed.data, dependencies);
    if (!result.stored) {
      logger.debug({ jobId: job.id }, 'duplicate inbound message ignored');
      return;
    }
    const { threadId, messageId, isNewThread, isEmergency, autoReplyMessageId } = result;
    logger.info({ jobId: job.id, threadId, messageId, isNewThread, isEmergency }, 'inbound message stored');
    if (autoReplyMessageId) {
      await queues.outbound.add('send-reply', { messageId: autoReplyMessageId }, { jobId: `reply__${autoReplyMessageId}` });
    }
    const [thread, message, autoReply] = await Promise.all([
      loadThreadSummary(db, threadId, true),
      loadMessageView(db, messageId),
      autoReplyMessageId ? loadMessageView(db, autoReplyMessageId) : null,
    ]);
    if (thread) notifier.threadUpdated(thread);
    if (message) notifier.messageCreated(message);
    if (autoReply) notifier.messageCreated(autoReply);
    if (thread && isEmergency) notifier.emergency(thread);
  };
}
