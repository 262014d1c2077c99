import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { InboundJobData } from './inbound-jobs';

export const QUEUE_NAMES = { inbound: 'inbound', outbound: 'outbound' } as const;

export interface SendReplyJob {
  messageId: string;
}

export interface DeskQueues {
  inbound: Queue<InboundJobData>;
  outbound: Queue<SendReplyJob>;
  close(): Promise<void>;
}

// Completed jobs are dropped after a while: the database is the record, and a job id kept
// meanwhile is what turns a webhook and a poll of the same message into one job.
const keepFor = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

export const INBOUND_JOB_OPTIONS: JobsOptions = {
  ...keepFor,
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
};

export const OUTBOUND_JOB_OPTIONS: JobsOptions = {
  ...keepFor,
  attempts: 6,
  backoff: { type: 'exponential', delay: 2000 },
};

export function createQueues(connection: ConnectionOptions, prefix: string): DeskQueues {
  const inbound = new Queue<InboundJobData>(QUEUE_NAMES.inbound, { connection, prefix, defaultJobOptions: INBOUND_JOB_OPTIONS });
  const outbound = new Queue<SendReplyJob>(QUEUE_NAMES.outbound, { connection, prefix, defaultJobOptions: OUTBOUND_JOB_OPTIONS });
  return {
    inbound,
    outbound,
    close: async () => {
      await Promise.all([inbound.close(), outbound.close()]);
    },
  };
}
