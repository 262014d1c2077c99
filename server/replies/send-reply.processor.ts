import { DelayedError, type Job } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import { ConnectorError, type OutboundAttachment } from '../../connectors/connector';
import type { Attachment } from '../../shared/inbound';
import { loadUpload } from '../uploads/uploads.service';
import type { ConnectorRegistry } from '../channels/connector-registry';
import type { Database } from '../db/database';
import { channels, contacts, messages, threads } from '../db/schema';
import { markReplySent } from './mark-reply-sent';
import type { Logger } from '../logger';
import type { SendReplyJob } from '../queues/queues';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadMessageView, loadThreadSummary } from '../threads/threads.service';
import { markChannelConnected, markChannelUnhealthy } from '../channels/channel-health';
import { hasMessagingWindow, replyAllowance } from '../../shared/messaging-window';

/** How long a rerun waits for the echo or poll to confirm an interrupted send, checking every few seconds. */
const AWAIT_RECONCILIATION_MS = 2 * 60_000;
const RECONCILE_CHECK_EVERY_MS = 3_000;

export interface SendReplyDependencies {
  db: Database;
  connectors: ConnectorRegistry;
  notifier: AgentNotifier;
  logger: Logger;
}

/**
 * Sends one queued reply through its channel's connector. The connector's error kind decides:
 * transient → retry with backoff; rate_limited → wait for the platform's reset; permanent (or
 * retries exhausted) → `failed` with the reason, shown to the agent. Never fails silently.
 */
export function createSendReplyProcessor(dependencies: SendReplyDependencies) {
  const { db, connectors, logger } = dependencies;

  return async function sendReply(job: Job<SendReplyJob>, token?: string): Promise<void> {
    const { messageId } = job.data;
    const [row] = await db
      .select({ message: messages, thread: threads, contact: contacts, channel: channels })
      .from(messages)
      .innerJoin(threads, eq(threads.id, messages.threadId))
      .innerJoin(contacts, eq(contacts.id, threads.contactId))
      .innerJoin(channels, eq(channels.id, messages.channelId))
      .where(eq(messages.id, messageId));
    if (!row) {
      logger.warn({ jobId: job.id, messageId }, 'reply to send no longer exists');
      return;
    }
    // Already sent or failed: a retry sends nothing. Except a reply sent in parts (Messenger: text,
    // then each image) whose later part failed: the echo of its text may have marked it sent.
    if (row.message.deliveryStatus !== 'queued' && !isPartlySent(row.message)) return;
    if (row.message.kind === 'note') {
      logger.error({ jobId: job.id, messageId }, 'refused to send a private note to the platform');
      return;
    }

    const connector = connectors.find(row.channel.type, row.channel.accountId);
    if (!connector) {
      await markFailed(dependencies, messageId, 'This channel is not connected to the desk.');
      return;
    }
    let messagingTag: 'HUMAN_AGENT' | undefined;
    if (hasMessagingWindow(row.channel.type)) {
      // Judged again at send time: a reply that waited in the queue may have outlived the window.
      const allowance = replyAllowance({
        lastInboundAt: row.thread.lastInboundAt,
        now: new Date(),
        humanAgentTagAllowed: row.channel.humanAgentTagAllowed,
      });
      if (!allowance.allowed) {
        logger.info({ jobId: job.id, messageId, threadId: row.thread.id }, 'reply refused: messaging window closed');
        await markFailed(dependencies, messageId, allowance.reason);
        return;
      }
      if (allowance.tag && !row.message.authorAgentId) {
        // Meta: HUMAN_AGENT is for a person's replies only, never automatic ones.
        await markFailed(dependencies, messageId, 'Facebook’s 24-hour window has closed, and after it only a person may reply.');
        return;
      }
      if (allowance.tag) messagingTag = allowance.tag;
    }
    if (row.message.sendStartedAt !== null && token) {
      // An earlier run asked the platform to send and then died (or could not save the result):
      // the message may be out. The echo (Facebook: its metadata names the reply) or the next
      // poll (X: same conversation, words and media since the send started) says so and marks it
      // sent; wait for that rather than send it twice. Nothing after a while: it never went.
      if (Date.now() - row.message.sendStartedAt.getTime() < AWAIT_RECONCILIATION_MS) {
        logger.info({ jobId: job.id, messageId }, 'reply may already be sent: waiting for the platform to confirm');
        await job.moveToDelayed(Date.now() + RECONCILE_CHECK_EVERY_MS, token);
        throw new DelayedError();
      }
      logger.warn({ jobId: job.id, messageId }, 'no sign the interrupted send went out: sending again');
    }
    // A fresh mark: a DM of an earlier attempt, should it show up now, is older than it and never
    // taken for this send; the reply's platform id is set once, by whichever is confirmed first.
    await setSendStarted(db, messageId, new Date());
    let result: Awaited<ReturnType<typeof connector.send>>;
    try {
      result = await connector.send({
        recipientId: row.contact.platformUserId,
        platformConversationId: row.thread.platformConversationId,
        text: row.message.text,
        deskMessageId: messageId,
        ...(messagingTag ? { messagingTag } : {}),
        attachments: await loadReplyImages(db, row.message.attachments),
        sentPartIds: row.message.sentPartIds,
        // Kept as each part is accepted: a retry after a later part failed sends only what is missing.
        onPartSent: async (_index, partId) => {
          await db
            .update(messages)
            .set({ sentPartIds: sql`array_append(${messages.sentPartIds}, ${partId})` })
            .where(eq(messages.id, messageId));
        },
        onMediaReady: async (mediaIds) => {
          await db.update(messages).set({ sendMediaIds: mediaIds }).where(eq(messages.id, messageId));
        },
      });
    } catch (error) {
      await setSendStarted(db, messageId, null); // the platform refused it: not sent, a retry may send
      const failure = error instanceof ConnectorError ? error : new ConnectorError('transient', 'Unexpected error while sending.');
      const context = { jobId: job.id, messageId, threadId: row.thread.id, kind: failure.kind, code: failure.details.platformCode };
      const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (failure.kind === 'permanent' || isLastAttempt) {
        logger.warn(context, 'reply failed');
        if (failure.details.isChannelProblem) {
          await markChannelUnhealthy(db, row.channel.id, failure.reasonForAgent);
          const thread = await loadThreadSummary(db, row.thread.id, false);
          if (thread) dependencies.notifier.threadUpdated(thread);
        }
        await markFailed(dependencies, messageId, failure.reasonForAgent);
        return;
      }
      if (failure.kind === 'rate_limited' && token) {
        logger.info(context, 'reply delayed by platform rate limit');
        await job.moveToDelayed(Date.now() + (failure.details.retryAfterMs ?? 60_000), token);
        throw new DelayedError();
      }
      logger.info(context, 'reply send will be retried');
      throw failure;
    }
    // Outside the try: a failure to save is not a failure to send (a retry waits for reconciliation).
    await markReplySent(db, { messageId, threadId: row.thread.id, platformMessageId: result.platformMessageId, isHumanReply: row.message.kind === 'text' });
    const view = await loadMessageView(db, messageId);
    if (view) dependencies.notifier.messageUpdated(view);
    if (await markChannelConnected(db, row.channel.id)) {
      const thread = await loadThreadSummary(db, row.thread.id, false);
      if (thread) dependencies.notifier.threadUpdated(thread);
    }
  };
}

function isPartlySent(message: typeof messages.$inferSelect): boolean {
  const parts = (message.text ? 1 : 0) + message.attachments.filter((attachment) => attachment.uploadId).length;
  return message.deliveryStatus !== 'failed' && message.sentPartIds.length > 0 && message.sentPartIds.length < parts;
}

async function loadReplyImages(db: Database, attachments: Attachment[]): Promise<OutboundAttachment[]> {
  const images: OutboundAttachment[] = [];
  for (const attachment of attachments) {
    if (!attachment.uploadId) continue;
    const stored = await loadUpload(db, attachment.uploadId);
    if (!stored) throw new ConnectorError('permanent', 'The attached image is no longer on the desk.');
    images.push({ type: 'image', image: { data: stored.data, contentType: stored.contentType } });
  }
  return images;
}

/** Marks the moment the platform is asked to send (null: the outcome is known, nothing in flight). */
async function setSendStarted(db: Database, messageId: string, at: Date | null) {
  await db.update(messages).set({ sendStartedAt: at, sendMediaIds: [] }).where(eq(messages.id, messageId));
}

async function markFailed(dependencies: SendReplyDependencies, messageId: string, reason: string) {
  const { db, notifier } = dependencies;
  await db.update(messages).set({ deliveryStatus: 'failed', failureReason: reason, sendStartedAt: null, sendMediaIds: [] }).where(eq(messages.id, messageId));
  const view = await loadMessageView(db, messageId);
  if (view) notifier.messageUpdated(view);
}
