import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { EditEvent, PageSentEvent, ReactionEvent, ReceiptEvent } from '../../shared/inbound';
import type { DeliveryStatus } from '../../shared/constants';
import { recordAudit } from '../audit/audit';
import type { Database, Transaction } from '../db/database';
import { messages, threads, type MessageReaction } from '../db/schema';
import { previewOf } from '../threads/threads.presenter';
import { findOrCreateChannel } from './ingest-inbound';

/** Shown as the author of a reply someone typed in Meta's own Page inbox rather than in the desk. */
export const PAGE_INBOX_AUTHOR = 'Page inbox';

/**
 * The event refers to a message or conversation the desk has not stored yet: events of one
 * conversation are processed concurrently, so the job is retried (with backoff) until it has.
 */
export class NotYetStoredError extends Error {
  constructor(what: string) {
    super(`${what} not stored yet`);
    this.name = 'NotYetStoredError';
  }
}

export type PageSentResult =
  | { outcome: 'matched_own_send'; messageId: string }
  | { outcome: 'duplicate' }
  | { outcome: 'stored'; messageId: string; threadId: string };

/**
 * A message the Page sent. Our own sends (named by the metadata we attached, or by their platform
 * id) are matched to the desk's outbound message and never stored twice; anything else was typed
 * in Meta's Page inbox and is stored as an outbound message by "Page inbox".
 */
export async function ingestPageSent(db: Database, event: PageSentEvent): Promise<PageSentResult> {
  return db.transaction(async (tx) => {
    const channelId = await findOrCreateChannel(tx, event);
    const thread = await lockedThread(tx, channelId, event.platformConversationId);

    if (event.deskMessageId) {
      const [own] = await tx
        .update(messages)
        .set({
          platformMessageId: sql`coalesce(${messages.platformMessageId}, ${event.platformMessageId})`,
          deliveryStatus: sql`case when ${messages.deliveryStatus} = 'queued' then 'sent' else ${messages.deliveryStatus} end`,
        })
        .where(and(eq(messages.id, event.deskMessageId), eq(messages.channelId, channelId), eq(messages.direction, 'out')))
        .returning({ id: messages.id });
      if (own) return { outcome: 'matched_own_send', messageId: own.id } as const;
    }
    const [known] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.platformMessageId, event.platformMessageId)));
    if (known) return { outcome: 'duplicate' } as const;

    if (!thread) throw new NotYetStoredError('conversation');
    const sentAt = new Date(event.sentAt);
    // Polling may read our own send under a different id (§10.3): same text, sent within a minute.
    const [sameSend] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.threadId, thread.id),
          eq(messages.direction, 'out'),
          eq(messages.text, event.text),
          sql`abs(extract(epoch from ${messages.sentAt} - ${sentAt.toISOString()}::timestamptz)) < 60`,
        ),
      )
      .limit(1);
    if (sameSend) return { outcome: 'duplicate' } as const;

    const [stored] = await tx
      .insert(messages)
      .values({
        threadId: thread.id,
        channelId,
        direction: 'out',
        kind: 'text',
        text: event.text,
        attachments: event.attachments,
        platformMessageId: event.platformMessageId,
        authorLabel: PAGE_INBOX_AUTHOR,
        deliveryStatus: 'sent',
        sentAt,
      })
      .returning({ id: messages.id });
    if (!stored) throw new Error('Message insert returned no row');
    await tx
      .update(threads)
      .set({
        lastMessagePreview: sql`case when ${threads.lastMessageAt} <= ${sentAt} then ${previewOf(event.text, event.attachments.length)} else ${threads.lastMessagePreview} end`,
        lastMessageAt: sql`greatest(${threads.lastMessageAt}, ${sentAt})`,
        firstResponseAt: sql`coalesce(${threads.firstResponseAt}, ${sentAt})`,
      })
      .where(eq(threads.id, thread.id));
    await recordAudit(tx, { action: 'message.sent_outside_desk', threadId: thread.id, details: { messageId: stored.id } });
    return { outcome: 'stored', messageId: stored.id, threadId: thread.id } as const;
  });
}

/** Moves outbound messages to `delivered` or `read`; returns the ids that changed. */
export async function applyReceipt(db: Database, event: ReceiptEvent): Promise<string[]> {
  return db.transaction(async (tx) => {
    const channelId = await findOrCreateChannel(tx, event);
    const thread = await lockedThread(tx, channelId, event.platformConversationId);
    if (!thread) return [];
    // Read implies delivered; a late delivery receipt never moves a read message back.
    const upgradable: DeliveryStatus[] = event.receipt === 'read' ? ['sent', 'delivered'] : ['sent'];
    const covered = event.platformMessageIds.length
      ? or(lte(messages.sentAt, new Date(event.watermark)), inArray(messages.platformMessageId, event.platformMessageIds))
      : lte(messages.sentAt, new Date(event.watermark));
    const changed = await tx
      .update(messages)
      .set({ deliveryStatus: event.receipt })
      .where(
        and(
          eq(messages.threadId, thread.id),
          eq(messages.direction, 'out'),
          inArray(messages.deliveryStatus, upgradable),
          covered,
        ),
      )
      .returning({ id: messages.id });
    return changed.map((row) => row.id);
  });
}

/** Adds or removes one person's reaction on a message; returns the message id. */
export async function applyReaction(db: Database, event: ReactionEvent): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await lockedMessage(tx, event);
    const others = target.reactions.filter((reaction) => reaction.byPlatformUserId !== event.byPlatformUserId);
    const reactions: MessageReaction[] =
      event.action === 'react'
        ? [...others, { byPlatformUserId: event.byPlatformUserId, emoji: event.emoji, reaction: event.reaction }]
        : others;
    await tx.update(messages).set({ reactions }).where(eq(messages.id, target.id));
    return target.id;
  });
}

/** Replaces a message's text with its sender's edit; an older edit arriving late changes nothing. */
export async function applyEdit(db: Database, event: EditEvent): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await lockedMessage(tx, event);
    if (target.editCount < event.editCount) {
      await tx.update(messages).set({ text: event.text, editCount: event.editCount }).where(eq(messages.id, target.id));
    }
    return target.id;
  });
}

async function lockedThread(tx: Transaction, channelId: string, platformConversationId: string) {
  // The same lock as inbound ingest: one conversation's events never interleave.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${channelId}/${platformConversationId}`}, 0))`);
  const [thread] = await tx
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.channelId, channelId), eq(threads.platformConversationId, platformConversationId)));
  return thread;
}

async function lockedMessage(tx: Transaction, event: ReactionEvent | EditEvent) {
  const channelId = await findOrCreateChannel(tx, event);
  const [target] = await tx
    .select({ id: messages.id, reactions: messages.reactions, editCount: messages.editCount })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.platformMessageId, event.platformMessageId)))
    .for('update');
  if (!target) throw new NotYetStoredError('message');
  return target;
}
