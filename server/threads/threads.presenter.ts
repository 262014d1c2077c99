import type { MessageView, ThreadSummary } from '../../shared/api';
import type { ChannelType } from '../../shared/constants';
import type { contacts, messages, threads } from '../db/schema';

// Search documents are for the database's indexes, never read back.
export type ThreadRow = Omit<typeof threads.$inferSelect, 'searchVector'>;
export type ContactRow = Omit<typeof contacts.$inferSelect, 'searchVector'>;
export type MessageRow = Omit<typeof messages.$inferSelect, 'searchVector'>;

/** Names of who works the thread, joined in by the query that read it. */
export interface ThreadOwnerNames {
  assigneeName: string | null;
  teamName: string | null;
}

/** The one place a thread row becomes what agents see, over REST and Socket.IO alike. */
export function presentThread(
  thread: ThreadRow,
  contact: ContactRow,
  channel: ChannelType,
  unread: boolean,
  owners: ThreadOwnerNames = { assigneeName: null, teamName: null },
): ThreadSummary {
  return {
    id: thread.id,
    reference: thread.reference,
    channel,
    status: thread.status,
    risk: thread.risk,
    contact: { id: contact.id, displayName: contact.displayName, handle: contact.handle },
    lastMessageAt: thread.lastMessageAt.toISOString(),
    lastMessagePreview: thread.lastMessagePreview,
    lastInboundAt: thread.lastInboundAt?.toISOString() ?? null,
    unread,
    category: thread.category,
    language: thread.language,
    tags: thread.tags,
    assignee: thread.assigneeId ? { id: thread.assigneeId, name: owners.assigneeName ?? 'Unknown agent' } : null,
    team: thread.teamId ? { id: thread.teamId, name: owners.teamName ?? 'Unknown team' } : null,
    slaDueAt: thread.firstResponseAt ? null : (thread.slaDueAt?.toISOString() ?? null),
    firstResponseAt: thread.firstResponseAt?.toISOString() ?? null,
    createdAt: thread.createdAt.toISOString(),
  };
}

export function presentMessage(message: MessageRow, authorName: string | null): MessageView {
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
    authorName,
    createdAt: message.sentAt.toISOString(),
  };
}

const PREVIEW_LENGTH = 140;

export function previewOf(text: string, attachmentCount: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat) return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
  return attachmentCount > 0 ? `[${attachmentCount} attachment${attachmentCount === 1 ? '' : 's'}]` : '';
}
