import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { OwnSend } from '../../connectors/connector';
// Own sends are read back only from X (Messenger's echo names the desk message instead).
import { isSameXText } from '../../connectors/twitter';
import type { Database } from '../db/database';
import { messages, threads } from '../db/schema';
import { markReplySent } from './mark-reply-sent';

// Our clock and the platform's need not agree to the second: a send may be stamped a little
// before we noted that it started.
const CLOCK_SKEW_MS = 10_000;

export interface InterruptedSend {
  text: string;
  sendStartedAt: Date;
  sendMediaIds: string[];
}

export interface OwnSendsReconciled {
  /** Replies whose lost send this found: now marked sent. */
  matchedMessageIds: string[];
  /** Sends the desk already knew by their platform id. */
  known: number;
  /** Sends that are no reply of ours in flight: typed in the platform's own app (not shown yet). */
  fromElsewhere: number;
}

/**
 * The account's own sends read back from the platform (X has no metadata naming the desk message,
 * unlike Messenger's echo): one that is the send of a reply whose outcome is unknown — the
 * worker died, or the answer was lost, after the platform was asked — marks that reply sent with
 * the platform's id, so the waiting send job finds it sent and does not send it again.
 */
export async function reconcileOwnSends(db: Database, channelId: string, sends: OwnSend[]): Promise<OwnSendsReconciled> {
  const result: OwnSendsReconciled = { matchedMessageIds: [], known: 0, fromElsewhere: 0 };
  if (sends.length === 0) return result;
  const knownIds = new Set(
    (
      await db
        .select({ platformMessageId: messages.platformMessageId })
        .from(messages)
        .where(and(eq(messages.channelId, channelId), inArray(messages.platformMessageId, sends.map((send) => send.platformMessageId))))
    ).map((row) => row.platformMessageId),
  );
  // Oldest first, so two lost sends of the same words go to the replies in the order they were sent.
  for (const send of [...sends].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt))) {
    if (knownIds.has(send.platformMessageId)) {
      result.known += 1;
      continue;
    }
    const messageId = await matchInterruptedReply(db, channelId, send);
    if (messageId) result.matchedMessageIds.push(messageId);
    else result.fromElsewhere += 1;
  }
  return result;
}

async function matchInterruptedReply(db: Database, channelId: string, send: OwnSend): Promise<string | null> {
  const candidates = await db
    .select({ id: messages.id, threadId: messages.threadId, kind: messages.kind, text: messages.text, sendStartedAt: messages.sendStartedAt, sendMediaIds: messages.sendMediaIds })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(threads.platformConversationId, send.platformConversationId),
        eq(messages.direction, 'out'),
        eq(messages.deliveryStatus, 'queued'),
        isNotNull(messages.sendStartedAt),
        isNull(messages.platformMessageId),
      ),
    )
    .orderBy(asc(messages.sendStartedAt));
  const reply = candidates.find((candidate) => isSendOf(send, { ...candidate, sendStartedAt: candidate.sendStartedAt! }));
  if (!reply) return null;
  const isNew = await markReplySent(db, { messageId: reply.id, threadId: reply.threadId, platformMessageId: send.platformMessageId, isHumanReply: reply.kind === 'text' });
  return isNew ? reply.id : null;
}

/** Whether a DM the account sent is this interrupted reply: same words, same media, sent after it started. */
export function isSendOf(send: Pick<OwnSend, 'text' | 'mediaIds' | 'sentAt'>, reply: InterruptedSend): boolean {
  return (
    isSameXText(send.text, reply.text) &&
    Date.parse(send.sentAt) >= reply.sendStartedAt.getTime() - CLOCK_SKEW_MS &&
    send.mediaIds.length === reply.sendMediaIds.length &&
    send.mediaIds.every((id) => reply.sendMediaIds.includes(id))
  );
}
