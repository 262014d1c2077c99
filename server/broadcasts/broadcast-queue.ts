import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

export const BROADCAST_QUEUE_NAME = 'broadcasts';

/** One channel's post of a broadcast: published (or confirmed, once Facebook's own schedule is due), or taken down. */
export type BroadcastJob =
  | { action: 'publish'; broadcastPostId: string }
  | { action: 'withdraw'; broadcastPostId: string; mode: 'delete' | 'edit'; editText: string | null };

export type BroadcastQueue = Queue<BroadcastJob>;

export const BROADCAST_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
  attempts: 4,
  backoff: { type: 'exponential', delay: 1000 },
};

export function createBroadcastQueue(connection: ConnectionOptions, prefix: string): BroadcastQueue {
  return new Queue<BroadcastJob>(BROADCAST_QUEUE_NAME, { connection, prefix, defaultJobOptions: BROADCAST_JOB_OPTIONS });
}

/**
 * Queues a channel's publish job, delayed until `at`. The job id is stable per post and round
 * (the first try, then each retry of a failed channel), so approving twice queues it once.
 */
export async function queuePublish(queue: BroadcastQueue, broadcastPostId: string, at: Date | null, round: number | string = 0): Promise<void> {
  const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
  await queue.add('publish', { action: 'publish', broadcastPostId }, { jobId: `publish-${broadcastPostId}-${round}`, delay });
}

export async function queueWithdrawal(queue: BroadcastQueue, broadcastPostId: string, mode: 'delete' | 'edit', editText: string | null): Promise<void> {
  await queue.add('withdraw', { action: 'withdraw', broadcastPostId, mode, editText }, { jobId: `withdraw-${broadcastPostId}` });
}
