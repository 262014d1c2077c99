import type { Job } from 'bullmq';
import { inboundEventSchema } from '../../shared/inbound';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadMessageView, loadThreadSummary } from '../threads/threads.service';
import { ingestInboundEvent } from './ingest-inbound';

export interface InboundDependencies {
  db: Database;
  notifier: AgentNotifier;
  logger: Logger;
}

/** Handles `inbound` jobs: store once, then tell every agent, after the transaction has committed. */
export function createInboundProcessor({ db, notifier, logger }: InboundDependencies) {
  return async function processInbound(job: Job<unknown>): Promise<void> {
    const parsed = inboundEventSchema.safeParse(job.data);
    if (!parsed.success) {
      // A job we cannot read would fail the same way every time: log it and let it go.
      logger.error({ jobId: job.id, issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'malformed inbound job skipped');
      return;
    }
    const result = await ingestInboundEvent(db, parsed.data);
    if (!result.stored) {
      logger.debug({ jobId: job.id }, 'duplicate inbound message ignored');
      return;
    }
    logger.info({ jobId: job.id, threadId: result.threadId, messageId: result.messageId, isNewThread: result.isNewThread }, 'inbound message stored');
    const [thread, message] = await Promise.all([
      loadThreadSummary(db, result.threadId, true),
      loadMessageView(db, result.messageId),
    ]);
    if (thread) notifier.threadUpdated(thread);
    if (message) notifier.messageCreated(message);
  };
}
