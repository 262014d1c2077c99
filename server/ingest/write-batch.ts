import { sql } from 'drizzle-orm';
import type { ChannelType } from '../../shared/constants';
import type { Attachment, Interaction } from '../../shared/inbound';
import type { Transaction } from '../db/database';
import { executeNamed } from '../db/named-statements';
import type { TriageResult } from '../triage/categories';
import type { ThreadTriage } from '../triage/thread-triage';
import { jsonParameter, rowsOf } from './read-conversations';

/** A thread as a batch leaves it: created (with its reference) or updated. */
export interface ThreadWrite {
  id: string;
  /** Set for a thread the batch creates. */
  created: { reference: string; channelId: string; platformConversationId: string; contactId: string; teamId: string | null } | null;
  triage: ThreadTriage;
  linkedThreadId: string | null;
  /** The newest of the batch's messages in the thread (the thread keeps its own when newer). */
  lastMessageAt: Date;
  lastMessagePreview: string;
  /** The risk changed (or the thread is new): its SLA deadline follows the new risk. */
  isSlaReset: boolean;
  lastAutoReply: { at: Date; wasEmergency: boolean } | null;
  /** The words of the batch's messages in the thread, for its search document. */
  searchText: string;
}

export interface MessageWrite {
  id: string;
  threadId: string;
  channelId: string;
  channel: ChannelType;
  text: string;
  attachments: Attachment[];
  platformMessageId: string;
  sentAt: Date;
  triage: TriageResult;
  replyToPlatformMessageId: string | null;
  interaction: Interaction | null;
  /** The automatic acknowledgement this message earned, stored as `queued` for the outbound queue. */
  autoReply: { id: string; channelId: string; text: string } | null;
}

/**
 * The whole batch in one statement: new threads, updated threads, messages, acknowledgements and
 * audit events, set-based. Messages can arrive out of order: only a newer one moves a thread's
 * latest activity. A new message reopens a closed thread and wakes a pending one (pending =
 * waiting on the public). The threads' search documents grow here, in the same write of the row
 * (the transaction told the trigger messages_feed_thread_search so when it took its locks).
 */
export async function writeBatch(tx: Transaction, threadWrites: ThreadWrite[], messageWrites: MessageWrite[], receivedAt: Date): Promise<void> {
  const threadRows = threadWrites.map((thread) => ({
    id: thread.id,
    reference: thread.created?.reference ?? null,
    channel_id: thread.created?.channelId ?? null,
    conversation_id: thread.created?.platformConversationId ?? null,
    contact_id: thread.created?.contactId ?? null,
    team_id: thread.created?.teamId ?? null,
    risk: thread.triage.risk,
    risk_reasons: thread.triage.riskReasons,
    is_risk_overridden: thread.triage.isRiskOverridden,
    category: thread.triage.category,
    language: thread.triage.language,
    restricted: thread.triage.restricted,
    linked_thread_id: thread.linkedThreadId,
    last_message_at: thread.lastMessageAt.toISOString(),
    last_message_preview: thread.lastMessagePreview,
    is_sla_reset: thread.isSlaReset,
    last_auto_reply_at: thread.lastAutoReply?.at.toISOString() ?? null,
    last_auto_reply_was_emergency: thread.lastAutoReply?.wasEmergency ?? null,
    search_text: thread.searchText,
  }));
  const messageRows = messageWrites.map((message) => ({
    id: message.id,
    thread_id: message.threadId,
    channel_id: message.channelId,
    channel: message.channel,
    text: message.text,
    attachments: message.attachments,
    platform_message_id: message.platformMessageId,
    sent_at: message.sentAt.toISOString(),
    risk: message.triage.risk,
    category: message.triage.category,
    language: message.triage.language,
    risk_reasons: message.triage.reasons,
    reply_to: message.replyToPlatformMessageId,
    interaction: message.interaction,
    auto_reply_id: message.autoReply?.id ?? null,
    auto_reply_channel_id: message.autoReply?.channelId ?? null,
    auto_reply_text: message.autoReply?.text ?? null,
  }));
  const [written] = rowsOf<{ threads: number; messages: number }>(
    await executeNamed(tx, 'ingest_write_batch', sql`
      with thread_row as (
        select * from jsonb_to_recordset(${jsonParameter(threadRows)}::jsonb) as r(id uuid, reference text, channel_id uuid, conversation_id text,
          contact_id uuid, team_id uuid, risk text, risk_reasons jsonb, is_risk_overridden boolean, category text, language text, restricted boolean,
          linked_thread_id uuid, last_message_at timestamptz, last_message_preview text, is_sla_reset boolean, last_auto_reply_at timestamptz,
          last_auto_reply_was_emergency boolean, search_text text)
      ), created_thread as (
        insert into threads (id, reference, channel_id, platform_conversation_id, contact_id, team_id, status, risk, risk_reasons,
          is_risk_overridden, category, language, restricted, linked_thread_id, last_message_at, last_inbound_at, last_message_preview,
          last_auto_reply_at, last_auto_reply_was_emergency, sla_due_at, search_vector)
        select r.id, r.reference, r.channel_id, r.conversation_id, r.contact_id, r.team_id, 'new', r.risk, array(select jsonb_array_elements_text(r.risk_reasons)),
          r.is_risk_overridden, r.category, r.language, r.restricted, r.linked_thread_id, r.last_message_at, r.last_message_at, r.last_message_preview,
          r.last_auto_reply_at, coalesce(r.last_auto_reply_was_emergency, false), now() + (${slaMinutes(sql`r.risk`, sql`r.channel_id`)}) * interval '1 minute',
          to_tsvector('simple', r.search_text)
        from thread_row r where r.reference is not null
        order by r.reference
        returning id
      ), updated_thread as (
        update threads t set
          risk = r.risk,
          risk_reasons = array(select jsonb_array_elements_text(r.risk_reasons)),
          is_risk_overridden = r.is_risk_overridden,
          category = r.category,
          language = r.language,
          restricted = r.restricted,
          linked_thread_id = r.linked_thread_id,
          status = case when t.status in ('closed', 'pending') then 'open' else t.status end,
          last_message_preview = r.last_message_preview,
          last_message_at = greatest(t.last_message_at, r.last_message_at),
          last_inbound_at = greatest(coalesce(t.last_inbound_at, r.last_message_at), r.last_message_at),
          sla_due_at = case when r.is_sla_reset then t.created_at + (${slaMinutes(sql`r.risk`, sql`t.channel_id`)}) * interval '1 minute' else t.sla_due_at end,
          last_auto_reply_at = coalesce(r.last_auto_reply_at, t.last_auto_reply_at),
          last_auto_reply_was_emergency = coalesce(r.last_auto_reply_was_emergency, t.last_auto_reply_was_emergency),
          search_vector = t.search_vector || to_tsvector('simple', r.search_text)
        from thread_row r
        where r.reference is null and t.id = r.id
        returning t.id
      ), message_row as (
        select * from jsonb_to_recordset(${jsonParameter(messageRows)}::jsonb) as m(id uuid, thread_id uuid, channel_id uuid, channel text, text text,
          attachments jsonb, platform_message_id text, sent_at timestamptz, risk text, category text, language text, risk_reasons jsonb,
          reply_to text, interaction jsonb, auto_reply_id uuid, auto_reply_channel_id uuid, auto_reply_text text)
      ), inbound as (
        insert into messages (id, thread_id, channel_id, direction, kind, text, attachments, platform_message_id, delivery_status,
          sent_at, risk, category, language, risk_reasons, reply_to_platform_message_id, interaction)
        select m.id, m.thread_id, m.channel_id, 'in', 'text', m.text, m.attachments, m.platform_message_id, 'received',
          m.sent_at, m.risk, m.category, m.language, array(select jsonb_array_elements_text(m.risk_reasons)), m.reply_to, m.interaction
        from message_row m
        returning id
      ), auto_reply as (
        insert into messages (id, thread_id, channel_id, direction, kind, text, delivery_status, sent_at)
        select m.auto_reply_id, m.thread_id, m.auto_reply_channel_id, 'out', 'auto', m.auto_reply_text, 'queued', ${receivedAt.toISOString()}::timestamptz
        from message_row m where m.auto_reply_id is not null
      ), audited as (
        insert into audit_events (action, thread_id, details)
        select 'message.received', m.thread_id, jsonb_build_object('messageId', m.id, 'channel', m.channel, 'risk', m.risk, 'category', m.category)
        from message_row m
      )
      select (select count(*) from created_thread) + (select count(*) from updated_thread) as threads, (select count(*) from inbound) as messages`),
  );
  if (Number(written?.threads) !== threadWrites.length || Number(written?.messages) !== messageWrites.length) {
    throw new Error(`Batch write stored ${written?.threads} of ${threadWrites.length} threads and ${written?.messages} of ${messageWrites.length} messages`);
  }
}

/** The minutes of the SLA policy for this risk on the thread's channel (the channel's own, else the default). */
function slaMinutes(risk: ReturnType<typeof sql>, channelId: ReturnType<typeof sql>) {
  return sql`select minutes from sla_policies
    where risk = ${risk} and (channel_type = (select type from channels where id = ${channelId}) or channel_type is null)
    order by channel_type nulls last limit 1`;
}
