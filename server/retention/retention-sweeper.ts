import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { purgeClosedThreads } from './purge-closed-threads';
import { purgeLeftovers } from './purge-leftovers';

export const RETENTION_QUEUE = 'retention';

/**
 * Runs the retention purge on a BullMQ job scheduler: however many workers run, one purge runs at
 * a time, and a purge cut short by a crash is picked up by the next run (threads are purged in
 * batches, each in its own transaction).
 */
export async function startRetentionSweeper(
  connection: ConnectionOptions,
  prefix: string,
  dependencies: { db: Database; closedDays: number; deliveryLogDays: number; sweepMinutes: number; logger: Logger },
) {
  const { db, closedDays, deliveryLogDays, sweepMinutes, logger } = dependencies;
  const queue = new Queue(RETENTION_QUEUE, { connection, prefix, defaultJobOptions: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } });
  await queue.upsertJobScheduler('purge-closed-threads', { every: sweepMinutes * 60_000 }, { name: 'purge-closed-threads' });
  const worker = new Worker(
    RETENTION_QUEUE,
    async (job) => {
      const counts = { ...(await purgeClosedThreads(db, closedDays)), ...(await purgeLeftovers(db, deliveryLogDays)) };
      // One audit event records each purge that removed anything: counts, no content.
      if (Object.values(counts).some((count) => count > 0)) {
        await recordAudit(db, { action: 'retention.purged', details: { ...counts, closedDays, deliveryLogDays } });
      }
      logger.info({ queue: RETENTION_QUEUE, jobId: job.id, ...counts }, 'retention purge ran');
      return counts;
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => logger.warn({ queue: RETENTION_QUEUE, jobId: job?.id, err: error }, 'retention purge failed'));
  worker.on('error', (error) => logger.error({ queue: RETENTION_QUEUE, err: error }, 'retention worker error'));
  return {
    queue,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
