import { eq, sql } from 'drizzle-orm';
import type { ReplyRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { channels, messages, threads } from '../db/schema';
import { hasMessagingWindow, replyAllowance } from '../../shared/messaging-window';
import { HttpError } from '../http/errors';
import { previewOf } from '../threads/threads.presenter';

export interface CreatedReply {
  messageId: string;
  /** False when this client id was seen before: the earlier reply is returned, nothing new is stored. */
  isNew: boolean;
  isAwaitingSend: boolean;
}

/** Stores an agent's reply as `queued`, once per client id, ready for the outbound queue. */
export async function createReply(db: Database, threadId: string, agentId: string, reply: ReplyRequest): Promise<CreatedReply> {
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .select({
        id: threads.id,
        channelId: threads.channelId,
        lastInboundAt: threads.lastInboundAt,
        channelType: channels.type,
        humanAgentTagAllowed: channels.humanAgentTagAllowed,
      })
      .from(threads)
      .innerJoin(channels, eq(channels.id, threads.channelId))
      .where(eq(threads.id, threadId));
    if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');

    const now = new Date();
    if (hasMessagingWindow(thread.channelType)) {
      // Refused before anything is stored or sent: the agent learns now, not from a failed send.
      const allowance = replyAllowance({ lastInboundAt: thread.lastInboundAt, now, humanAgentTagAllowed: thread.humanAgentTagAllowed });
      if (!allowance.allowed) throw new HttpError(409, 'messaging_window_closed', allowance.reason);
    }
    const [inserted] = await tx
      .insert(messages)
      .values({
        threadId,
        channelId: thread.channelId,
        direction: 'out',
        kind: 'text',
        text: reply.text,
        clientId: reply.clientId,
        authorAgentId: agentId,
        deliveryStatus: 'queued',
        sentAt: now,
      })
      .onConflictDoNothing({ target: messages.clientId })
      .returning({ id: messages.id });

    if (!inserted) {
      const [earlier] = await tx
        .select({ id: messages.id, threadId: messages.threadId, deliveryStatus: messages.deliveryStatus })
        .from(messages)
        .where(eq(messages.clientId, reply.clientId));
      if (!earlier || earlier.threadId !== threadId) {
        throw new HttpError(409, 'client_id_conflict', 'This reply id was already used on another thread.');
      }
      return { messageId: earlier.id, isNew: false, isAwaitingSend: earlier.deliveryStatus === 'queued' };
    }

    await tx
      .update(threads)
      .set({
        lastMessageAt: now,
        lastMessagePreview: previewOf(reply.text, 0),
        status: sql`case when ${threads.status} = 'new' then 'open' else ${threads.status} end`,
      })
      .where(eq(threads.id, threadId));
    await recordAudit(tx, { action: 'reply.created', actorAgentId: agentId, threadId, details: { messageId: inserted.id } });
    return { messageId: inserted.id, isNew: true, isAwaitingSend: true };
  });
}
