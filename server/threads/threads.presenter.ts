import type { MessageView, ThreadSummary } from '../../shared/api';
import { hasMessagingWindow } from '../../shared/messaging-window';
import type { channels, contacts, messages, threads } from '../db/schema';

// Search documents are for the database's indexes, never read back.
export type ThreadRow = Omit<typeof threads.$inferSelect, 'searchVector'>;
export type ContactRow = Omit<typeof contacts.$inferSelect, 'searchVector'>;
export type MessageRow = Omit<typeof messages.$inferSelect, 'searchVector'>;
export type ChannelRow = typeof channels.$inferSelect;

/** A thread as read with what an agent sees of it (see threads.service's query). */
export interface ThreadInContext {
  thread: ThreadRow;
  contact: ContactRow;
  channel: ChannelRow;
  /** The earlier thread whose reference the sender quoted. */
  linkedThread: { id: string; reference: string } | null;
  assigneeName: string | null;
  teamName: string | null;
}

/** The one place a thread row becomes what agents see, over REST and Socket.IO alike. */
export function presentThread(row: ThreadInContext, unread: boolean): ThreadSummary {
  const { thread, contact, channel, linkedThread } = row;
  return {
    id: thread.id,
    reference: thread.reference,
    channel: channel.type,
    status: thread.status,
    risk: thread.risk,
    riskReasons: thread.riskReasons,
    isRiskOverridden: thread.isRiskOverridden,
    category: thread.category,
    language: thread.language,
    restricted: thread.restricted,
    linkedThread,
    contact: { id: contact.id, displayName: contact.displayName, handle: contact.handle },
    lastMessageAt: thread.lastMessageAt.toISOString(),
    lastMessagePreview: thread.lastMessagePreview,
    lastInboundAt: thread.lastInboundAt?.toISOString() ?? null,
    unread,
    ...(hasMessagingWindow(channel.type) ? { humanAgentTagAllowed: channel.humanAgentTagAllowed } : {}),
    channelProblem: channel.connectionStatus === 'connected' ? null : channel.lastError,
    tags: thread.tags,
    assignee: thread.assigneeId ? { id: thread.assigneeId, name: row.assigneeName ?? 'Unknown agent' } : null,
    team: thread.teamId ? { id: thread.teamId, name: row.teamName ?? 'Unknown team' } : null,
    slaDueAt: thread.firstResponseAt ? null : (thread.slaDueAt?.toISOString() ?? null),
    firstResponseAt: thread.firstResponseAt?.toISOString() ?? null,
    createdAt: thread.createdAt.toISOString(),
  };
}

/**
 * What an agent not cleared for a restricted thread may know of it: that it exists, how urgent
 * it is and who holds it (for counts and queues) — never who wrote or what.
 */
export function redactThread(thread: ThreadSummary): ThreadSummary {
  return {
    ...thread,
    contact: { id: thread.contact.id, displayName: null, handle: null },
    lastMessagePreview: '',
    riskReasons: [],
    category: null,
    linkedThread: null,
    tags: [],
    isRedacted: true,
  };
}

export function presentMessage(message: MessageRow, authorName: string | null, replyToText: string | null = null): MessageView {
  return {
    id: message.id,
    threadId: message.threadId,
    direction: message.direction,
    kind: message.kind,
    text: message.text,
    attachments: message.attachments,
    deliveryStatus: message.deliveryStatus,
    failureReason: message.failureReason,
    clientId: message.clientId,
    authorName: authorName ?? message.authorLabel,
    triage:
      message.direction === 'in' && message.risk
        ? { risk: message.risk, category: message.category, language: message.language, reasons: message.riskReasons }
        : null,
    createdAt: message.sentAt.toISOString(),
    reactions: message.reactions.map(({ emoji, reaction }) => ({ emoji, reaction })),
    isEdited: message.editCount > 0,
    replyToText: message.replyToPlatformMessageId ? replyToText : null,
    interactionPayload: message.interaction?.payload ?? null,
    authorId: message.authorAgentId,
    review:
      message.reviewComment !== null || message.textBeforeReview !== null
        ? { comment: message.reviewComment, textBeforeReview: message.textBeforeReview, reviewedAt: message.reviewedAt?.toISOString() ?? null }
        : null,
  };
}

const PREVIEW_LENGTH = 140;

export function previewOf(text: string, attachmentCount: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat) return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
  return attachmentCount > 0 ? `[${attachmentCount} attachment${attachmentCount === 1 ? '' : 's'}]` : '';
}
