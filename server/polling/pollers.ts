import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from '../logger';
import { createPollProcessor, type PollDependencies, type PollJob } from './poll.processor';

export const POLL_QUEUE_NAME = 'polls';

export interface Pollers {
  close(): Promise<void>;
}

/**
 * One BullMQ job scheduler per polled account (X DMs): however many worker processes run, one
 * job per interval is created, and the processor's lock keeps two polls of a channel apart.
 */
export async function startPollers(
  dependencies: PollDependencies & { connection: ConnectionOptions; queuePrefix: string; logger: Logger },
): Promise<Pollers> {
  const { connection, queuePrefix, connectors, logger } = dependencies;
  const polled = connectors.all().filter((connector) => connector.poller);
  const queue = new Queue<PollJob>(POLL_QUEUE_NAME, { connection, prefix: queuePrefix });
  const schedulerIds = new Set(polled.map((connector) => `poll__${connector.channel}__${connector.accountId}`));
  // An account taken out of the configuration stops being polled (schedulers live in Redis).
  for (const scheduler of await queue.getJobSchedulers()) {
    if (!schedulerIds.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
  if (polled.length === 0) {
    await queue.close();
    return { close: async () => {} };
  }
  for (const connector of polled) {
    await queue.upsertJobScheduler(
      `poll__${connector.channel}__${connector.accountId}`,
      { every: connector.poller!.intervalMs },
      {
        name: 'poll',
        data: { channel: connector.channel, accountId: connector.accountId },
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      },
    );
  }
  const worker = new Worker<PollJob>(POLL_QUEUE_NAME, createPollProcessor(dependencies), { connection, prefix: queuePrefix, concurrency: 4 });
  worker.on('error', (error) => logger.error({ queue: POLL_QUEUE_NAME, err: error }, 'worker error'));
  worker.on('failed', (job, error) => logger.warn({ queue: POLL_QUEUE_NAME, jobId: job?.id, err: error }, 'poll job failed'));
  return {
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
