import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MessageView, ThreadDetailResponse, ThreadSummary } from '../../shared/api';
import type { Database } from '../db/database';
import { agents, channels, contacts, messages, threadReads, threads } from '../db/schema';
import { presentMessage, presentThread } from './threads.presenter';

const THREAD_LIST_LIMIT = 200;

const repliedTo = alias(messages, 'replied_to');
const linkedThreads = alias(threads, 'linked_threads');

/** Messages with their author's name and the text of the message each replies to. */
function messagesWithContext(db: Database) {
  return db
    .select({ message: messages, authorName: agents.name, replyToText: repliedTo.text })
    .from(messages)
    .leftJoin(agents, eq(agents.id, messages.authorAgentId))
    .leftJoin(
      repliedTo,
      and(eq(repliedTo.channelId, messages.channelId), eq(repliedTo.platformMessageId, messages.replyToPlatformMessageId)),
    );
}

/** Threads with their contact, channel and linked thread: all presentThread needs. */
function threadsInContext(db: Database, agentId: string | null = null) {
  return db
    .select({
      thread: threads,
      contact: contacts,
      channel: channels,
      linkedThread: { id: linkedThreads.id, reference: linkedThreads.reference },
      lastReadAt: threadReads.lastReadAt,
    })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .innerJoin(channels, eq(channels.id, threads.channelId))
    .leftJoin(linkedThreads, eq(linkedThreads.id, threads.linkedThreadId))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.agentId, agentId ?? sql`null`)));
}

/** Newest activity first, with the asking agent's unread marker. */
export async function listThreads(db: Database, agentId: string): Promise<ThreadSummary[]> {
  const rows = await threadsInContext(db, agentId).orderBy(desc(threads.lastMessageAt)).limit(THREAD_LIST_LIMIT);
  return rows.map((row) => presentThread(row, isUnread(row.thread.lastInboundAt, row.lastReadAt)));
}

function isUnread(lastInboundAt: Date | null, lastReadAt: Date | null): boolean {
  return lastInboundAt !== null && (lastReadAt === null || lastInboundAt > lastReadAt);
}

/** A thread as pushed to every agent; `unread` says whether an inbound message caused the push. */
export async function loadThreadSummary(db: Database, threadId: string, unread: boolean): Promise<ThreadSummary | null> {
  const [row] = await threadsInContext(db).where(eq(threads.id, threadId));
  return row ? presentThread(row, unread) : null;
}

export async function loadMessageView(db: Database, messageId: string): Promise<MessageView | null> {
  const [row] = await messagesWithContext(db).where(eq(messages.id, messageId));
  return row ? presentMessage(row.message, row.authorName, row.replyToText) : null;
}

/** Opens a thread for an agent: its conversation in the order it was sent, and marks it read. */
export async function openThread(db: Database, threadId: string, agentId: string): Promise<ThreadDetailResponse | null> {
  const [row] = await threadsInContext(db).where(eq(threads.id, threadId));
  if (!row) return null;
  const messageRows = await messagesWithContext(db)
    .where(eq(messages.threadId, threadId))
    .orderBy(asc(messages.sentAt), asc(messages.createdAt));
  const readAt = row.thread.lastInboundAt ?? new Date();
  await db
    .insert(threadReads)
    .values({ agentId, threadId, lastReadAt: readAt })
    .onConflictDoUpdate({
      target: [threadReads.agentId, threadReads.threadId],
      set: { lastReadAt: sql`greatest(${threadReads.lastReadAt}, excluded.last_read_at)` },
    });
  return {
    thread: presentThread(row, false),
    messages: messageRows.map((messageRow) => presentMessage(messageRow.message, messageRow.authorName, messageRow.replyToText)),
  };
}
