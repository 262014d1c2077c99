import { and, eq, sql } from 'drizzle-orm';
import type { InboundEvent } from '../../shared/inbound';
import { recordAudit } from '../audit/audit';
import type { Database, Transaction } from '../db/database';
import { channels, contacts, messages, threads } from '../db/schema';
import { refreshSlaDueAt } from '../sla/sla-policy';
import { previewOf } from '../threads/threads.presenter';
import { issueReferenceNumber } from './reference-numbers';

export type IngestResult =
  | { stored: true; threadId: string; messageId: string; isNewThread: boolean }
  | { stored: false; reason: 'duplicate' };

/**
 * Stores one message from a member of the public exactly once, however often it is delivered
 * (webhook, poll, redelivery after a crash): contact, thread and message in one transaction.
 */
export async function ingestInboundEvent(db: Database, event: InboundEvent, receivedAt = new Date()): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    const channelId = await findOrCreateChannel(tx, event);
    // One conversation at a time, so two messages of a new conversation create one thread.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${channelId}/${event.platformConversationId}`}, 0))`);

    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.platformMessageId, event.platformMessageId)));
    if (existing) return { stored: false, reason: 'duplicate' } as const;

    const contactId = await upsertContact(tx, channelId, event.sender);
    const sentAt = new Date(event.sentAt);
    const preview = previewOf(event.text, event.attachments.length);
    const thread = await findOrOpenThread(tx, { channelId, contactId, event, receivedAt, sentAt, preview });

    const [message] = await tx
      .insert(messages)
      .values({
        threadId: thread.id,
        channelId,
        direction: 'in',
        kind: 'text',
        text: event.text,
        attachments: event.attachments,
        platformMessageId: event.platformMessageId,
        deliveryStatus: 'received',
        sentAt,
      })
      .returning({ id: messages.id });
    if (!message) throw new Error('Message insert returned no row');

    await recordAudit(tx, {
      action: 'message.received',
      threadId: thread.id,
      details: { messageId: message.id, channel: event.channel },
    });
    return { stored: true, threadId: thread.id, messageId: message.id, isNewThread: thread.isNew } as const;
  });
}

async function findOrCreateChannel(tx: Transaction, event: InboundEvent): Promise<string> {
  const match = and(eq(channels.type, event.channel), eq(channels.accountId, event.accountId));
  const [known] = await tx.select({ id: channels.id }).from(channels).where(match);
  if (known) return known.id;
  await tx
    .insert(channels)
    .values({ type: event.channel, accountId: event.accountId, displayName: `${event.channel} ${event.accountId}` })
    .onConflictDoNothing();
  const [created] = await tx.select({ id: channels.id }).from(channels).where(match);
  if (!created) throw new Error('Channel upsert returned no row');
  return created.id;
}

async function upsertContact(tx: Transaction, channelId: string, sender: InboundEvent['sender']): Promise<string> {
  const [contact] = await tx
    .insert(contacts)
    .values({ channelId, platformUserId: sender.platformUserId, displayName: sender.displayName, handle: sender.handle })
    .onConflictDoUpdate({
      target: [contacts.channelId, contacts.platformUserId],
      set: {
        displayName: sql`coalesce(excluded.display_name, ${contacts.displayName})`,
        handle: sql`coalesce(excluded.handle, ${contacts.handle})`,
      },
    })
    .returning({ id: contacts.id });
  if (!contact) throw new Error('Contact upsert returned no row');
  return contact.id;
}

interface ThreadPlacement {
  channelId: string;
  contactId: string;
  event: InboundEvent;
  receivedAt: Date;
  sentAt: Date;
  preview: string;
}

/** The conversation's thread, reopened if it was closed; a new thread with a reference otherwise. */
async function findOrOpenThread(tx: Transaction, placement: ThreadPlacement): Promise<{ id: string; isNew: boolean }> {
  const { channelId, contactId, event, receivedAt, sentAt, preview } = placement;
  const [conversationThread] = await tx
    .select({ id: threads.id, mergedIntoId: threads.mergedIntoId })
    .from(threads)
    .where(and(eq(threads.channelId, channelId), eq(threads.platformConversationId, event.platformConversationId)));
  // A conversation whose thread an agent merged into another carries on in that one.
  const current = conversationThread && { id: conversationThread.mergedIntoId ?? conversationThread.id };
  if (current) {
    // Messages can arrive out of order: only a newer one moves the thread's latest activity.
    await tx
      .update(threads)
      .set({
        // A new message reopens a closed thread and wakes a pending one (pending = waiting on the public).
        status: sql`case when ${threads.status} in ('closed', 'pending') then 'open' else ${threads.status} end`,
        lastMessagePreview: sql`case when ${threads.lastMessageAt} <= ${sentAt} then ${preview} else ${threads.lastMessagePreview} end`,
        lastMessageAt: sql`greatest(${threads.lastMessageAt}, ${sentAt})`,
        lastInboundAt: sql`greatest(${threads.lastInboundAt}, ${sentAt})`,
      })
      .where(eq(threads.id, current.id));
    return { id: current.id, isNew: false };
  }
  const reference = await issueReferenceNumber(tx, receivedAt);
  const [created] = await tx
    .insert(threads)
    .values({
      reference,
      channelId,
      platformConversationId: event.platformConversationId,
      contactId,
      status: 'new',
      lastMessageAt: sentAt,
      lastMessagePreview: preview,
      lastInboundAt: sentAt,
    })
    .returning({ id: threads.id });
  if (!created) throw new Error('Thread insert returned no row');
  await refreshSlaDueAt(tx, created.id);
  return { id: created.id, isNew: true };
}
