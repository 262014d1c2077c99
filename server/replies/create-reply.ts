import { eq, sql } from 'drizzle-orm';
import type { ReplyRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { channels, threads } from '../db/schema';
import { hasMessagingWindow, replyAllowance } from '../../shared/messaging-window';
import { HttpError } from '../http/errors';
import { previewOf } from '../threads/threads.presenter';
import { storeAgentMessageOnce } from './agent-message';
import { uploadUrl } from '../../shared/media';
import { requireUploads } from '../uploads/uploads.service';

/** Channels whose connector sends an uploaded image (Messenger `filedata`, an X DM's media). */
const CHANNELS_TAKING_IMAGES: string[] = ['facebook', 'twitter'];
import { isApprovalNeeded } from './reply-approval';
import type { TriageCategory } from '../../shared/constants';

export interface CreatedReply {
  messageId: string;
  /** False when this client id was seen before: the earlier reply is returned, nothing new is stored. */
  isNew: boolean;
  isAwaitingSend: boolean;
  /** Held for a supervisor's approval (the agent is flagged, or the thread's category needs it). */
  isAwaitingApproval: boolean;
}

/**
 * Stores an agent's reply as `queued`, once per client id, ready for the outbound queue — or as
 * `awaiting_approval` when a supervisor must approve it first.
 */
export async function createReply(
  db: Database,
  threadId: string,
  agentId: string,
  reply: ReplyRequest,
  approvalCategories: readonly TriageCategory[] = [],
): Promise<CreatedReply> {
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .select({
        id: threads.id,
        channelId: threads.channelId,
        category: threads.category,
        lastInboundAt: threads.lastInboundAt,
        channelType: channels.type,
        humanAgentTagAllowed: channels.humanAgentTagAllowed,
      })
      .from(threads)
      .innerJoin(channels, eq(channels.id, threads.channelId))
      .where(eq(threads.id, threadId));
    if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');

    const images = await requireUploads(tx, reply.uploadIds ?? []);
    if (images.length > 0 && !CHANNELS_TAKING_IMAGES.includes(thread.channelType)) {
      throw new HttpError(400, 'attachments_not_supported', 'Images can be sent on Facebook and X only.');
    }
    const now = new Date();
    if (hasMessagingWindow(thread.channelType)) {
      // Refused before anything is stored or sent: the agent learns now, not from a failed send.
      const allowance = replyAllowance({ lastInboundAt: thread.lastInboundAt, now, humanAgentTagAllowed: thread.humanAgentTagAllowed });
      if (!allowance.allowed) throw new HttpError(409, 'messaging_window_closed', allowance.reason);
    }
    const isAwaitingApproval = await isApprovalNeeded(tx, agentId, thread.category, approvalCategories);
    const stored = await storeAgentMessageOnce(tx, {
      threadId,
      channelId: thread.channelId,
      agentId,
      clientId: reply.clientId,
      kind: 'text',
      text: reply.text,
      attachments: images.map((image) => ({ type: 'image', url: uploadUrl(image.id), uploadId: image.id })),
      deliveryStatus: isAwaitingApproval ? 'awaiting_approval' : 'queued',
      sentAt: now,
    });
    if (!stored.isNew) {
      return { messageId: stored.id, isNew: false, isAwaitingSend: stored.deliveryStatus === 'queued', isAwaitingApproval: stored.deliveryStatus === 'awaiting_approval' };
    }

    await tx
      .update(threads)
      .set({
        lastMessageAt: now,
        lastMessagePreview: previewOf(reply.text, 0),
        status: sql`case when ${threads.status} = 'new' then 'open' else ${threads.status} end`,
      })
      .where(eq(threads.id, threadId));
    await recordAudit(tx, { action: isAwaitingApproval ? 'reply.held_for_approval' : 'reply.created', actorAgentId: agentId, threadId, details: { messageId: stored.id } });
    return { messageId: stored.id, isNew: true, isAwaitingSend: !isAwaitingApproval, isAwaitingApproval };
  });
}
