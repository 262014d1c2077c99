import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ChannelType } from '../../shared/constants';
import type { ChatLine } from '../../shared/public-contact';
import type { Database } from '../db/database';
import { channels, messages, threads } from '../db/schema';

// What the public side may read of the desk's threads: only its own conversation, found by the
// id inside a verified token (or a checked report code), and only what was said to it.

export interface PublicThread {
  id: string;
  reference: string;
  conversationId: string;
}

export async function findConversationThread(db: Database, channel: ChannelType, conversationId: string): Promise<PublicThread | null> {
  const [row] = await db
    .select({ id: threads.id, reference: threads.reference, conversationId: threads.platformConversationId })
    .from(threads)
    .innerJoin(channels, eq(channels.id, threads.channelId))
    .where(and(eq(channels.type, channel), eq(threads.platformConversationId, conversationId)));
  return row ?? null;
}

export async function findReportByReference(db: Database, reference: string): Promise<PublicThread | null> {
  const [row] = await db
    .select({ id: threads.id, reference: threads.reference, conversationId: threads.platformConversationId })
    .from(threads)
    .innerJoin(channels, eq(channels.id, threads.channelId))
    .where(and(eq(channels.type, 'report_form'), eq(threads.reference, reference)));
  return row ?? null;
}

/** The web chat conversation an agent is typing into; null for any other channel's thread. */
export async function findWebchatConversationId(db: Database, threadId: string): Promise<string | null> {
  const [row] = await db
    .select({ conversationId: threads.platformConversationId })
    .from(threads)
    .innerJoin(channels, eq(channels.id, threads.channelId))
    .where(and(eq(channels.type, 'webchat'), eq(threads.id, threadId)));
  return row?.conversationId ?? null;
}

/**
 * The worker creates the thread (and its reference) moments after the message is queued; the
 * public page waits for it here rather than writing to the database itself.
 */
export async function waitForConversationThread(
  db: Database,
  channel: ChannelType,
  conversationId: string,
  timeoutMs = 10_000,
): Promise<PublicThread | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const thread = await findConversationThread(db, channel, conversationId);
    if (thread || Date.now() > deadline) return thread;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The conversation as the member of the public sees it: their words and what the desk sent. */
export async function loadPublicLines(db: Database, threadId: string): Promise<ChatLine[]> {
  const rows = await db
    .select({
      id: messages.id,
      platformMessageId: messages.platformMessageId,
      direction: messages.direction,
      text: messages.text,
      deliveryStatus: messages.deliveryStatus,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(and(eq(messages.threadId, threadId), inArray(messages.kind, ['text', 'auto'])))
    .orderBy(asc(messages.sentAt), asc(messages.createdAt));
  return rows
    .filter((row) => row.direction === 'in' || row.deliveryStatus === 'sent')
    .map((row) => ({
      // An agent's reply is pushed live with its platform id; the same id here lets the page merge.
      id: row.direction === 'out' ? (row.platformMessageId ?? row.id) : (row.platformMessageId?.split('/')[1] ?? row.id),
      from: row.direction === 'in' ? 'visitor' : 'desk',
      text: row.text,
      sentAt: row.sentAt.toISOString(),
    }));
}
