import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { EscalationView } from '../../shared/api';
import type { WebhookEventType } from '../../shared/integrations';
import type { Database } from '../db/database';
import { broadcastPosts, broadcasts, channels, messages, threads } from '../db/schema';

// The `data` of each webhook event (docs/integrations.md). A restricted thread's events carry
// ids and counts only: no reference, triage, names, reasons or message text.

export interface WebhookEnvelope {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
}

export function envelope(type: WebhookEventType, data: Record<string, unknown>, occurredAt = new Date()): WebhookEnvelope {
  return { id: randomUUID(), type, occurredAt: occurredAt.toISOString(), data };
}

async function threadData(db: Database, threadId: string): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .select({
      id: threads.id,
      reference: threads.reference,
      restricted: threads.restricted,
      status: threads.status,
      risk: threads.risk,
      category: threads.category,
      language: threads.language,
      channel: channels.type,
      createdAt: threads.createdAt,
    })
    .from(threads)
    .innerJoin(channels, eq(channels.id, threads.channelId))
    .where(eq(threads.id, threadId));
  if (!row) return null;
  if (row.restricted) return { id: row.id, restricted: true };
  return { ...row, createdAt: row.createdAt.toISOString() };
}

export async function threadCreatedData(db: Database, threadId: string) {
  const thread = await threadData(db, threadId);
  return thread && { thread };
}

export async function messageReceivedData(db: Database, threadId: string, messageId: string) {
  const thread = await threadData(db, threadId);
  const [message] = await db
    .select({ id: messages.id, text: messages.text, attachments: messages.attachments, sentAt: messages.sentAt })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!thread || !message) return null;
  const counts = { id: message.id, attachmentCount: message.attachments.length, sentAt: message.sentAt.toISOString() };
  if (thread.restricted) return { thread, message: counts };
  return { thread, message: { ...counts, text: message.text, attachments: message.attachments.map((attachment) => ({ type: attachment.type })) } };
}

export async function escalationData(db: Database, escalation: EscalationView) {
  const [thread] = await db.select({ restricted: threads.restricted }).from(threads).where(eq(threads.id, escalation.threadId));
  if (thread?.restricted) {
    return { escalation: { id: escalation.id, threadId: escalation.threadId, teamId: escalation.team.id, status: escalation.status, restricted: true } };
  }
  const { isRedacted: _isRedacted, ...view } = escalation;
  return { escalation: { ...view, restricted: false } };
}

/** Broadcasts are public posts: their text is no secret. */
export async function broadcastPublishedData(db: Database, broadcastPostId: string) {
  const [row] = await db
    .select({ broadcast: broadcasts, post: broadcastPosts })
    .from(broadcastPosts)
    .innerJoin(broadcasts, eq(broadcasts.id, broadcastPosts.broadcastId))
    .where(eq(broadcastPosts.id, broadcastPostId));
  if (!row) return null;
  const { broadcast, post } = row;
  return {
    broadcast: {
      id: broadcast.id,
      template: broadcast.template,
      language: broadcast.language,
      text: broadcast.text,
      link: broadcast.link,
      areaTags: broadcast.areaTags,
    },
    post: { channel: post.channel, permalink: post.permalink, publishedAt: post.publishedAt?.toISOString() ?? null },
  };
}
