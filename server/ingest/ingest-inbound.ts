import { and, eq, sql } from 'drizzle-orm';
import type { InboundEvent } from '../../shared/inbound';
import { chooseAutomaticReply, type AutomaticReplyKind } from '../acknowledgements/automatic-reply';
import { recordAudit } from '../audit/audit';
import type { Database, Transaction } from '../db/database';
import { channels, contacts, messages, teams, threads } from '../db/schema';
import { refreshSlaDueAt } from '../sla/sla-policy';
import type { TriageResult } from '../triage/categories';
import type { Triage } from '../triage/classify';
import { withMessageTriage, type ThreadTriage } from '../triage/thread-triage';
import { previewOf } from '../threads/threads.presenter';
import { issueReferenceNumber } from './reference-numbers';

export interface AcknowledgementPolicy {
  /** At most one automatic reply per thread in this period (the emergency version excepted). */
  periodMs: number;
  render(kind: AutomaticReplyKind, language: TriageResult['language'], reference: string): string;
}

export interface IngestOptions {
  triage: Triage;
  /** Null when the desk sends no automatic acknowledgements. */
  acknowledgements: AcknowledgementPolicy | null;
  receivedAt?: Date;
}

export type IngestResult =
  | {
      stored: true;
      threadId: string;
      messageId: string;
      isNewThread: boolean;
      isEmergency: boolean;
      /** The automatic acknowledgement stored as `queued`, for the outbound queue. */
      autoReplyMessageId: string | null;
      /** The sender's contact has no name yet (Messenger webhooks carry none): worth a profile lookup. */
      unnamedContactId: string | null;
    }
  | { stored: false; reason: 'duplicate'; /** The copy already stored, when known by its platform id. */ messageId?: string };

type ThreadRow = typeof threads.$inferSelect;

/**
 * Stores one message from a member of the public exactly once, however often it is delivered
 * (webhook, poll, redelivery after a crash), triaged, with its thread and — when due — the
 * automatic acknowledgement, all in one transaction.
 */
export async function ingestInboundEvent(db: Database, event: InboundEvent, options: IngestOptions): Promise<IngestResult> {
  const receivedAt = options.receivedAt ?? new Date();
  const triage = options.triage.classify(event.text);
  return db.transaction(async (tx) => {
    const channelId = await findOrCreateChannel(tx, event);
    // One conversation at a time, so two messages of a new conversation create one thread.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${channelId}/${event.platformConversationId}`}, 0))`);

    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.platformMessageId, event.platformMessageId)));
    if (existing) return { stored: false, reason: 'duplicate', messageId: existing.id } as const;
    if (await isSameMessageUnderAnotherId(tx, channelId, event)) return { stored: false, reason: 'duplicate' } as const;

    const contact = await upsertContact(tx, channelId, event.sender);
    const contactId = contact.id;
    const sentAt = new Date(event.sentAt);
    const { thread, isNew } = await findOrCreateThread(tx, { channelId, contactId, event, receivedAt, sentAt });
    const triaged = withMessageTriage(triageOf(thread), triage);
    const linkedThreadId = thread.linkedThreadId ?? (await findQuotedThread(tx, triage.references, thread.id));
    const preview = previewOf(event.text, event.attachments.length);

    // Messages can arrive out of order: only a newer one moves the thread's latest activity.
    await tx
      .update(threads)
      .set({
        ...triaged,
        linkedThreadId,
        // A new message reopens a closed thread and wakes a pending one (pending = waiting on the public).
        status: thread.status === 'closed' || thread.status === 'pending' ? 'open' : thread.status,
        lastMessagePreview: thread.lastMessageAt <= sentAt ? preview : thread.lastMessagePreview,
        lastMessageAt: thread.lastMessageAt <= sentAt ? sentAt : thread.lastMessageAt,
        lastInboundAt: thread.lastInboundAt && thread.lastInboundAt > sentAt ? thread.lastInboundAt : sentAt,
      })
      .where(eq(threads.id, thread.id));
    if (isNew || triaged.risk !== thread.risk) await refreshSlaDueAt(tx, thread.id);

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
        risk: triage.risk,
        category: triage.category,
        language: triage.language,
        riskReasons: triage.reasons,
        replyToPlatformMessageId: event.replyToPlatformMessageId ?? null,
        interaction: event.interaction ?? null,
      })
      .returning({ id: messages.id });
    if (!message) throw new Error('Message insert returned no row');

    const autoReplyMessageId = await storeAutomaticReply(tx, thread, triage, receivedAt, options.acknowledgements);
    await recordAudit(tx, {
      action: 'message.received',
      threadId: thread.id,
      details: { messageId: message.id, channel: event.channel, risk: triage.risk, category: triage.category },
    });
    return {
      stored: true,
      threadId: thread.id,
      messageId: message.id,
      isNewThread: isNew,
      isEmergency: triage.risk === 'emergency',
      autoReplyMessageId,
      unnamedContactId: contact.displayName === null ? contact.id : null,
    } as const;
  });
}

function triageOf(thread: ThreadRow): ThreadTriage {
  return {
    risk: thread.risk,
    riskReasons: thread.riskReasons,
    isRiskOverridden: thread.isRiskOverridden,
    category: thread.category,
    language: thread.language,
    restricted: thread.restricted,
  };
}

async function storeAutomaticReply(
  tx: Transaction,
  thread: ThreadRow,
  triage: TriageResult,
  now: Date,
  policy: AcknowledgementPolicy | null,
): Promise<string | null> {
  if (!policy) return null;
  const kind = chooseAutomaticReply(thread, triage.risk, now, policy.periodMs);
  if (!kind) return null;
  const [reply] = await tx
    .insert(messages)
    .values({
      threadId: thread.id,
      channelId: thread.channelId,
      direction: 'out',
      kind: 'auto',
      text: policy.render(kind, triage.language, thread.reference),
      deliveryStatus: 'queued',
      sentAt: now,
    })
    .returning({ id: messages.id });
  if (!reply) throw new Error('Automatic reply insert returned no row');
  await tx
    .update(threads)
    .set({ lastAutoReplyAt: now, lastAutoReplyWasEmergency: kind === 'emergency' })
    .where(eq(threads.id, thread.id));
  return reply.id;
}

/** The desk's own earlier thread that an update request quotes by reference. */
async function findQuotedThread(tx: Transaction, references: string[], currentThreadId: string): Promise<string | null> {
  for (const reference of references) {
    const [quoted] = await tx.select({ id: threads.id }).from(threads).where(eq(threads.reference, reference));
    if (quoted && quoted.id !== currentThreadId) return quoted.id;
  }
  return null;
}

/**
 * Graph API: message ids in webhooks (`mid`) and in /conversations are not documented to match
 * (contracts/platforms.md §3, §10.3), so a message is also known by its fallback key: same
 * conversation, same sender direction, same text and attachment count, sent in the same second
 * (Graph's `created_time` has whole seconds, webhook timestamps milliseconds). Two identical
 * messages from one person within one second are taken as one — the price of never showing a
 * DM twice.
 */
async function isSameMessageUnderAnotherId(tx: Transaction, channelId: string, event: InboundEvent): Promise<boolean> {
  const sentAt = new Date(event.sentAt);
  const [match] = await tx
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .where(
      and(
        eq(threads.channelId, channelId),
        eq(threads.platformConversationId, event.platformConversationId),
        eq(messages.direction, 'in'),
        eq(messages.text, event.text),
        sql`jsonb_array_length(${messages.attachments}) = ${event.attachments.length}`,
        sql`date_trunc('second', ${messages.sentAt}) = date_trunc('second', ${sentAt.toISOString()}::timestamptz)`,
      ),
    )
    .limit(1);
  return match !== undefined;
}

export async function findOrCreateChannel(tx: Transaction, event: Pick<InboundEvent, 'channel' | 'accountId'>): Promise<string> {
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

async function upsertContact(tx: Transaction, channelId: string, sender: InboundEvent['sender']): Promise<{ id: string; displayName: string | null }> {
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
    .returning({ id: contacts.id, displayName: contacts.displayName });
  if (!contact) throw new Error('Contact upsert returned no row');
  return contact;
}

interface ThreadPlacement {
  channelId: string;
  contactId: string;
  event: InboundEvent;
  receivedAt: Date;
  sentAt: Date;
}

/** The conversation's thread, or a new one with the year's next reference number. */
async function findOrCreateThread(tx: Transaction, placement: ThreadPlacement): Promise<{ thread: ThreadRow; isNew: boolean }> {
  const { channelId, contactId, event, receivedAt, sentAt } = placement;
  const [current] = await tx
    .select()
    .from(threads)
    .where(and(eq(threads.channelId, channelId), eq(threads.platformConversationId, event.platformConversationId)));
  if (current?.mergedIntoId) {
    // A conversation whose thread an agent merged into another carries on in that one.
    const [kept] = await tx.select().from(threads).where(eq(threads.id, current.mergedIntoId));
    if (kept) return { thread: kept, isNew: false };
  }
  if (current) return { thread: current, isNew: false };
  const [created] = await tx
    .insert(threads)
    .values({
      reference: await issueReferenceNumber(tx, receivedAt),
      channelId,
      platformConversationId: event.platformConversationId,
      contactId,
      status: 'new',
      lastMessageAt: sentAt,
      lastInboundAt: sentAt,
      teamId: event.teamName ? await findOrCreateTeam(tx, event.teamName) : null,
    })
    .returning();
  if (!created) throw new Error('Thread insert returned no row');
  return { thread: created, isNew: true };
}

/** Teams are named in configuration (report types → team), so the first thread names it into being. */
async function findOrCreateTeam(tx: Transaction, name: string): Promise<string> {
  await tx.insert(teams).values({ name }).onConflictDoNothing({ target: teams.name });
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (!team) throw new Error('Team upsert returned no row');
  return team.id;
}
