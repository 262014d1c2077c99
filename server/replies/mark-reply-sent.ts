import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { messages, threads } from '../db/schema';

export interface SentReply {
  messageId: string;
  threadId: string;
  platformMessageId: string;
  /** A person's reply (not an automatic acknowledgement): it counts as the thread's first response. */
  isHumanReply: boolean;
}

/**
 * Records that the platform took a reply, whoever learnt it first: the send job from the
 * platform's answer, or the echo or poll after that answer was lost. The platform id is set once
 * (a second send of the same reply, should one ever happen, never replaces it) and the status
 * never moves back from delivered or read. Returns false when the reply was already known as sent.
 */
export async function markReplySent(db: Database, reply: SentReply): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ platformMessageId: messages.platformMessageId, deliveryStatus: messages.deliveryStatus })
      .from(messages)
      .where(eq(messages.id, reply.messageId))
      .for('update');
    if (!before) return false;
    await tx
      .update(messages)
      .set({
        deliveryStatus: sql`case when ${messages.deliveryStatus} in ('queued', 'failed') then 'sent' else ${messages.deliveryStatus} end`,
        platformMessageId: sql`coalesce(${messages.platformMessageId}, ${reply.platformMessageId})`,
        failureReason: null,
        sendStartedAt: null,
      })
      .where(eq(messages.id, reply.messageId));
    // First response means a person answered: automatic acknowledgements do not count.
    if (reply.isHumanReply) {
      await tx
        .update(threads)
        .set({ firstResponseAt: sql`coalesce(${threads.firstResponseAt}, now())` })
        .where(eq(threads.id, reply.threadId));
    }
    return before.platformMessageId === null || before.deliveryStatus === 'queued' || before.deliveryStatus === 'failed';
  });
}
