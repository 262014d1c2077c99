import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/database';
import { messages } from '../db/schema';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';

const STUCK_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * A reply (or acknowledgement) is stored `queued` before its send job is enqueued; if the process
 * died or Redis failed in between, no job would ever send it. This finds such messages and
 * enqueues them again — under the same job id, so a message whose job exists is not sent twice.
 */
export async function requeueStuckReplies(db: Database, queues: DeskQueues, stuckAfterMs = STUCK_AFTER_MS): Promise<number> {
  const stuck = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.direction, 'out'),
        inArray(messages.kind, ['text', 'auto']),
        eq(messages.deliveryStatus, 'queued'),
        lt(messages.createdAt, new Date(Date.now() - stuckAfterMs)),
      ),
    )
    .limit(500);
  for (const { id } of stuck) {
    await queues.outbound.add('send-reply', { messageId: id }, { jobId: `reply__${id}` });
  }
  return stuck.length;
}

/** Runs the sweep in a worker process every minute; several workers sweeping at once is harmless. */
export function startStuckReplySweeper(db: Database, queues: DeskQueues, logger: Logger): () => Promise<void> {
  const timer = setInterval(() => {
    requeueStuckReplies(db, queues).then(
      (count) => count > 0 && logger.warn({ count }, 'requeued replies that had no send job'),
      (error: unknown) => logger.error({ err: error }, 'stuck reply sweep failed'),
    );
  }, SWEEP_EVERY_MS);
  timer.unref();
  return async () => clearInterval(timer);
}
