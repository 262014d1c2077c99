import { and, asc, eq } from 'drizzle-orm';
import type { AgentView } from '../../shared/api';
import type { TriageCategory } from '../../shared/constants';
import { hasMessagingWindow, replyAllowance } from '../../shared/messaging-window';
import type { ApprovalView } from '../../shared/supervision';
import type { ThreadAccess } from '../access/thread-access';
import { recordAudit } from '../audit/audit';
import type { Database, Transaction } from '../db/database';
import { agents, channels, messages, threads } from '../db/schema';
import { HttpError } from '../http/errors';
import { refuseBlockedPhrases } from '../policy/blocked-phrases';
import { previewOf } from '../threads/threads.presenter';
import { loadMessageView } from '../threads/threads.service';

/**
 * Whether a reply by this agent on this thread waits for a supervisor: the agent is flagged
 * (an admin's setting, e.g. while in training) or the thread is in a category configured in
 * APPROVAL_CATEGORIES.
 */
export async function isApprovalNeeded(
  tx: Transaction,
  agentId: string,
  threadCategory: string | null,
  approvalCategories: readonly TriageCategory[],
): Promise<boolean> {
  if (threadCategory && approvalCategories.includes(threadCategory as TriageCategory)) return true;
  const [agent] = await tx.select({ repliesNeedApproval: agents.repliesNeedApproval }).from(agents).where(eq(agents.id, agentId));
  return agent?.repliesNeedApproval ?? false;
}

/** Approves a held reply, as written or with the supervisor's edit; the caller queues the send. */
export async function approveReply(
  db: Database,
  supervisor: AgentView,
  messageId: string,
  editedText: string | undefined,
  blockedPhrases: readonly string[],
): Promise<{ threadId: string }> {
  return db.transaction(async (tx) => {
    const held = await lockHeldReply(tx, messageId, 'awaiting_approval');
    const text = editedText ?? held.text;
    const isEdited = text !== held.text;
    // The same rules as a reply sent straight away, judged now: time may have passed since it was written.
    refuseBlockedPhrases(text, blockedPhrases);
    if (hasMessagingWindow(held.channelType)) {
      const allowance = replyAllowance({ lastInboundAt: held.lastInboundAt, now: new Date(), humanAgentTagAllowed: held.humanAgentTagAllowed });
      if (!allowance.allowed) throw new HttpError(409, 'messaging_window_closed', allowance.reason);
    }
    await tx
      .update(messages)
      .set({
        deliveryStatus: 'queued',
        text,
        textBeforeReview: isEdited ? held.text : null,
        reviewedByAgentId: supervisor.id,
        reviewedAt: new Date(),
      })
      .where(eq(messages.id, messageId));
    if (isEdited) await refreshPreview(tx, held.threadId, messageId, text);
    await recordAudit(tx, { action: isEdited ? 'reply.edited_and_approved' : 'reply.approved', actorAgentId: supervisor.id, threadId: held.threadId, details: { messageId, authorAgentId: held.authorAgentId } });
    return { threadId: held.threadId };
  });
}

/** Sends a held reply back to its author with the supervisor's comment. */
export async function returnReply(db: Database, supervisor: AgentView, messageId: string, comment: string): Promise<{ threadId: string }> {
  return db.transaction(async (tx) => {
    const held = await lockHeldReply(tx, messageId, 'awaiting_approval');
    await tx
      .update(messages)
      .set({ deliveryStatus: 'returned', reviewComment: comment, reviewedByAgentId: supervisor.id, reviewedAt: new Date() })
      .where(eq(messages.id, messageId));
    await recordAudit(tx, { action: 'reply.returned', actorAgentId: supervisor.id, threadId: held.threadId, details: { messageId, authorAgentId: held.authorAgentId } });
    return { threadId: held.threadId };
  });
}

/** The author's edited reply goes back for approval; only its author may resubmit it. */
export async function resubmitReply(db: Database, author: AgentView, messageId: string, text: string, blockedPhrases: readonly string[]): Promise<{ threadId: string }> {
  refuseBlockedPhrases(text, blockedPhrases);
  return db.transaction(async (tx) => {
    const held = await lockHeldReply(tx, messageId, 'returned');
    if (held.authorAgentId !== author.id) throw new HttpError(403, 'forbidden', 'Only the reply’s author can edit and resubmit it.');
    await tx.update(messages).set({ deliveryStatus: 'awaiting_approval', text }).where(eq(messages.id, messageId));
    await refreshPreview(tx, held.threadId, messageId, text);
    await recordAudit(tx, { action: 'reply.resubmitted', actorAgentId: author.id, threadId: held.threadId, details: { messageId } });
    return { threadId: held.threadId };
  });
}

/** Replies awaiting approval on threads this supervisor may read, oldest first. */
export async function listAwaitingApproval(db: Database, supervisorId: string, access: ThreadAccess): Promise<ApprovalView[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .where(and(eq(messages.deliveryStatus, 'awaiting_approval'), access.readableBy(supervisorId)))
    .orderBy(asc(messages.sentAt))
    .limit(200);
  const approvals = await Promise.all(rows.map((row) => loadApprovalView(db, row.id)));
  return approvals.filter((approval): approval is ApprovalView => approval !== null);
}

export async function loadApprovalView(db: Database, messageId: string): Promise<ApprovalView | null> {
  const [row] = await db
    .select({ threadId: threads.id, reference: threads.reference, authorId: agents.id, authorName: agents.name })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .leftJoin(agents, eq(agents.id, messages.authorAgentId))
    .where(eq(messages.id, messageId));
  const message = await loadMessageView(db, messageId);
  if (!row || !message) return null;
  return {
    message,
    thread: { id: row.threadId, reference: row.reference },
    author: row.authorId ? { id: row.authorId, name: row.authorName ?? 'Unknown agent' } : null,
  };
}

/** The thread list shows the reply's final words, when it is still the thread's latest message. */
async function refreshPreview(tx: Transaction, threadId: string, messageId: string, text: string): Promise<void> {
  await tx
    .update(threads)
    .set({ lastMessagePreview: previewOf(text, 0) })
    .where(and(eq(threads.id, threadId), eq(threads.lastMessageAt, tx.select({ sentAt: messages.sentAt }).from(messages).where(eq(messages.id, messageId)))));
}

/** The held reply, locked so two supervisors deciding at once cannot both act on it. */
async function lockHeldReply(tx: Transaction, messageId: string, expected: 'awaiting_approval' | 'returned') {
  const [held] = await tx
    .select({
      text: messages.text,
      threadId: messages.threadId,
      deliveryStatus: messages.deliveryStatus,
      authorAgentId: messages.authorAgentId,
      lastInboundAt: threads.lastInboundAt,
      channelType: channels.type,
      humanAgentTagAllowed: channels.humanAgentTagAllowed,
    })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId))
    .for('update', { of: messages });
  if (!held) throw new HttpError(404, 'reply_not_found', 'No such reply.');
  if (held.deliveryStatus !== expected) {
    const state = held.deliveryStatus === 'returned' ? 'was returned to its author' : held.deliveryStatus === 'awaiting_approval' ? 'is awaiting approval' : 'has already been approved';
    throw new HttpError(409, 'reply_not_held', `This reply ${state}.`);
  }
  return held;
}

