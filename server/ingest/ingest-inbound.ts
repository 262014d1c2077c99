import { and, eq, sql } from 'drizzle-orm';
import type { InboundEvent } from '../../shared/inbound';
import { chooseAutomaticReply, type AutomaticReplyKind } from '../acknowledgements/automatic-reply';
import type { Database, Transaction } from '../db/database';
import { channels, teams, threads } from '../db/schema';
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
 *
 * The hot path of the desk: a message to a known conversation costs five database round trips
 * (begin, the conversation's lock, one read, one write, commit). Hand-written SQL, because
 * building the queries cost more CPU than running them (bench profile, issue 12).
 */
export async function ingestInboundEvent(db: Database, event: InboundEvent, options: IngestOptions): Promise<IngestResult> {
  const receivedAt = options.receivedAt ?? new Date();
  const triage = options.triage.classify(event.text);
  const channelId = await findOrCreateChannel(db, event);
  return db.transaction(async (tx) => {
    // One conversation at a time, so two messages of a new conversation create one thread. A
    // statement of its own: the next one must see what the previous holder committed.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${channelId}/${event.platformConversationId}`}, 0))`);

    const known = await readConversation(tx, channelId, event, triage.references);
    if (known.isDuplicate) return { stored: false, reason: 'duplicate', messageId: known.duplicateMessageId ?? undefined } as const;
    const contact = known.contact!;
    const sentAt = new Date(event.sentAt);
    const placed = known.thread
      ? { thread: known.thread, isNew: false }
      : await createThread(tx, { channelId, contactId: contact.id, event, receivedAt, sentAt });
    const { thread, isNew } = placed;
    const triaged = withMessageTriage(triageOf(thread), triage);
    const linkedThreadId = thread.linkedThreadId ?? known.quotedThreadIds.find((id) => id !== thread.id) ?? null;
    const isLatest = thread.lastMessageAt <= sentAt;
    const autoReplyKind = options.acknowledgements ? chooseAutomaticReply(thread, triage.risk, receivedAt, options.acknowledgements.periodMs) : null;
    const autoReplyText = autoReplyKind ? options.acknowledgements!.render(autoReplyKind, triage.language, thread.reference) : null;

    // The thread, the message, the acknowledgement and the audit event in one statement.
    // Messages can arrive out of order: only a newer one moves the thread's latest activity.
    // A new message reopens a closed thread and wakes a pending one (pending = waiting on the public).
    const [written] = rowsOf<{ message_id: string; auto_reply_id: string | null }>(
      await tx.execute(sql`
        with updated_thread as (
          update threads set
            risk = ${triaged.risk},
            risk_reasons = array(select jsonb_array_elements_text(${JSON.stringify(triaged.riskReasons)}::jsonb)),
            is_risk_overridden = ${triaged.isRiskOverridden},
            category = ${triaged.category},
            language = ${triaged.language},
            restricted = ${triaged.restricted},
            linked_thread_id = ${linkedThreadId},
            status = case when status in ('closed', 'pending') then 'open' else status end,
            last_message_preview = ${isLatest ? previewOf(event.text, event.attachments.length) : thread.lastMessagePreview},
            last_message_at = greatest(last_message_at, ${sentAt.toISOString()}::timestamptz),
            last_inbound_at = greatest(coalesce(last_inbound_at, ${sentAt.toISOString()}::timestamptz), ${sentAt.toISOString()}::timestamptz)
            ${isNew || triaged.risk !== thread.risk ? sql`, sla_due_at = created_at + (${slaMinutes(triaged.risk)}) * interval '1 minute'` : sql``}
            ${autoReplyKind ? sql`, last_auto_reply_at = ${receivedAt.toISOString()}::timestamptz, last_auto_reply_was_emergency = ${autoReplyKind === 'emergency'}` : sql``}
          where id = ${thread.id}
          returning id
        ), inbound as (
          insert into messages (thread_id, channel_id, direction, kind, text, attachments, platform_message_id, delivery_status,
            sent_at, risk, category, language, risk_reasons, reply_to_platform_message_id, interaction)
          select id, ${channelId}::uuid, 'in', 'text', ${event.text}::text, ${JSON.stringify(event.attachments)}::jsonb, ${event.platformMessageId}::text, 'received',
            ${sentAt.toISOString()}::timestamptz, ${triage.risk}::text, ${triage.category}::text, ${triage.language}::text,
            array(select jsonb_array_elements_text(${JSON.stringify(triage.reasons)}::jsonb)), ${event.replyToPlatformMessageId ?? null}::text,
            ${event.interaction ? JSON.stringify(event.interaction) : null}::jsonb
          from updated_thread
          returning id
        ), auto_reply as (
          insert into messages (thread_id, channel_id, direction, kind, text, delivery_status, sent_at)
          select id, ${thread.channelId}::uuid, 'out', 'auto', ${autoReplyText}::text, 'queued', ${receivedAt.toISOString()}::timestamptz
          from updated_thread where ${autoReplyText !== null}::boolean
          returning id
        ), audited as (
          insert into audit_events (action, thread_id, details)
          select 'message.received', ${thread.id}::uuid, jsonb_build_object('messageId', id, 'channel', ${event.channel}::text, 'risk', ${triage.risk}::text, 'category', ${triage.category}::text)
          from inbound
        )
        select (select id from inbound) as message_id, (select id from auto_reply) as auto_reply_id`),
    );
    if (!written?.message_id) throw new Error('Message insert returned no row');
    return {
      stored: true,
      threadId: thread.id,
      messageId: written.message_id,
      isNewThread: isNew,
      isEmergency: triage.risk === 'emergency',
      autoReplyMessageId: written.auto_reply_id,
      unnamedContactId: contact.displayName === null ? contact.id : null,
    } as const;
  });
}

/** The minutes of the SLA policy for this risk on the thread's channel (the channel's own, else the default). */
function slaMinutes(risk: string) {
  return sql`select minutes from sla_policies
    where risk = ${risk} and (channel_type = (select type from channels where id = threads.channel_id) or channel_type is null)
    order by channel_type nulls last limit 1`;
}

/** What the thread update and the acknowledgement decision need of the conversation's thread. */
type ThreadState = Pick<
  ThreadRow,
  | 'id'
  | 'channelId'
  | 'reference'
  | 'risk'
  | 'riskReasons'
  | 'isRiskOverridden'
  | 'category'
  | 'language'
  | 'restricted'
  | 'linkedThreadId'
  | 'lastMessageAt'
  | 'lastMessagePreview'
  | 'lastAutoReplyAt'
  | 'lastAutoReplyWasEmergency'
>;

interface ConversationState {
  isDuplicate: boolean;
  /** The copy already stored (a rerun of a job whose push may not have gone out). */
  duplicateMessageId: string | null;
  /** The sender's contact, created or refreshed (not touched for a duplicate). */
  contact: { id: string; displayName: string | null } | null;
  /** The conversation's thread — or the one an agent merged it into — if it has one. */
  thread: ThreadState | null;
  /** Threads whose references the message quotes, in the order quoted. */
  quotedThreadIds: string[];
}

/**
 * One statement: is the message already stored (by its id, or by the fallback key below), the
 * sender's contact upserted, the conversation's thread, and any threads it quotes by reference.
 *
 * Graph API: message ids in webhooks (`mid`) and in /conversations are not documented to match
 * (contracts/platforms.md §3, §10.3), so a message is also known by its fallback key: same
 * conversation, same sender direction, same text and attachment count, sent in the same second
 * (Graph's `created_time` has whole seconds, webhook timestamps milliseconds). Two identical
 * messages from one person within one second are taken as one — the price of never showing a
 * DM twice.
 */
async function readConversation(tx: Transaction, channelId: string, event: InboundEvent, references: string[]): Promise<ConversationState> {
  const sentAt = new Date(event.sentAt).toISOString();
  const { sender } = event;
  const [row] = rowsOf<ConversationRow>(
    await tx.execute(sql`
      with duplicate as (
        (select id from messages where channel_id = ${channelId} and platform_message_id = ${event.platformMessageId})
        union all
        (select m.id from messages m join threads t on t.id = m.thread_id
          where t.channel_id = ${channelId} and t.platform_conversation_id = ${event.platformConversationId}
            and m.direction = 'in' and m.text = ${event.text}
            and jsonb_array_length(m.attachments) = ${event.attachments.length}
            and date_trunc('second', m.sent_at) = date_trunc('second', ${sentAt}::timestamptz)
          limit 1)
        limit 1
      ), contact as (
        insert into contacts (channel_id, platform_user_id, display_name, handle)
        select ${channelId}::uuid, ${sender.platformUserId}::text, ${sender.displayName ?? null}::text, ${sender.handle ?? null}::text
        where not exists (select 1 from duplicate)
        on conflict (channel_id, platform_user_id) do update set
          display_name = coalesce(excluded.display_name, contacts.display_name),
          handle = coalesce(excluded.handle, contacts.handle)
        returning id, display_name
      ), current_thread as (
        select coalesce(kept.id, t.id) as id
        from threads t left join threads kept on kept.id = t.merged_into_id
        where t.channel_id = ${channelId} and t.platform_conversation_id = ${event.platformConversationId}
      )
      select
        exists (select 1 from duplicate) as is_duplicate,
        (select id from duplicate) as duplicate_message_id,
        (select id from contact) as contact_id,
        (select display_name from contact) as contact_display_name,
        (select array(select q.id from unnest(array(select jsonb_array_elements_text(${JSON.stringify(references)}::jsonb))) with ordinality as r(reference, position)
          join threads q on q.reference = r.reference order by r.position)) as quoted_thread_ids,
        th.id, th.channel_id, th.reference, th.risk, th.risk_reasons, th.is_risk_overridden, th.category, th.language, th.restricted,
        th.linked_thread_id, th.last_message_at, th.last_message_preview, th.last_auto_reply_at, th.last_auto_reply_was_emergency
      from (select 1) as one
      left join current_thread ct on true
      left join threads th on th.id = ct.id`),
  );
  if (!row) throw new Error('Conversation read returned no row');
  return {
    isDuplicate: row.is_duplicate,
    duplicateMessageId: row.duplicate_message_id,
    contact: row.contact_id ? { id: row.contact_id, displayName: row.contact_display_name } : null,
    quotedThreadIds: row.quoted_thread_ids ?? [],
    thread: row.id
      ? {
          id: row.id,
          channelId: row.channel_id,
          reference: row.reference,
          risk: row.risk,
          riskReasons: row.risk_reasons,
          isRiskOverridden: row.is_risk_overridden,
          category: row.category,
          language: row.language,
          restricted: row.restricted,
          linkedThreadId: row.linked_thread_id,
          lastMessageAt: asDate(row.last_message_at),
          lastMessagePreview: row.last_message_preview,
          lastAutoReplyAt: row.last_auto_reply_at === null ? null : asDate(row.last_auto_reply_at),
          lastAutoReplyWasEmergency: row.last_auto_reply_was_emergency,
        }
      : null,
  };
}

type ConversationRow = {
  is_duplicate: boolean;
  duplicate_message_id: string | null;
  contact_id: string | null;
  contact_display_name: string | null;
  quoted_thread_ids: string[] | null;
  id: string;
  channel_id: string;
  reference: string;
  risk: ThreadRow['risk'];
  risk_reasons: string[];
  is_risk_overridden: boolean;
  category: string | null;
  language: ThreadRow['language'];
  restricted: boolean;
  linked_thread_id: string | null;
  last_message_at: Date | string;
  last_message_preview: string;
  last_auto_reply_at: Date | string | null;
  last_auto_reply_was_emergency: boolean;
};

/** Rows of a hand-written query, whichever driver ran it (node-postgres and PGlite both answer `{ rows }`). */
function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function triageOf(thread: ThreadState): ThreadTriage {
  return {
    risk: thread.risk,
    riskReasons: thread.riskReasons,
    isRiskOverridden: thread.isRiskOverridden,
    category: thread.category,
    language: thread.language,
    restricted: thread.restricted,
  };
}

// Channels are never deleted: once known, a channel's id is kept for the life of the process.
const knownChannels = new WeakMap<Database | Transaction, Map<string, string>>();

export async function findOrCreateChannel(tx: Database | Transaction, event: Pick<InboundEvent, 'channel' | 'accountId'>): Promise<string> {
  const cache = knownChannels.get(tx) ?? new Map<string, string>();
  knownChannels.set(tx, cache);
  const key = `${event.channel}/${event.accountId}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const channelId = await lookUpOrCreateChannel(tx, event);
  cache.set(key, channelId);
  return channelId;
}

async function lookUpOrCreateChannel(tx: Database | Transaction, event: Pick<InboundEvent, 'channel' | 'accountId'>): Promise<string> {
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

interface ThreadPlacement {
  channelId: string;
  contactId: string;
  event: InboundEvent;
  receivedAt: Date;
  sentAt: Date;
}

/** A new thread for the conversation, with the year's next reference number. */
async function createThread(tx: Transaction, placement: ThreadPlacement): Promise<{ thread: ThreadRow; isNew: true }> {
  const { channelId, contactId, event, receivedAt, sentAt } = placement;
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
