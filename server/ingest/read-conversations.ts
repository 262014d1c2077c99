import { sql } from 'drizzle-orm';
import type { InboundEvent } from '../../shared/inbound';
import type { Transaction } from '../db/database';
import { executeNamed } from '../db/named-statements';
import type { threads } from '../db/schema';

type ThreadRow = typeof threads.$inferSelect;

/** What the thread update and the acknowledgement decision need of the conversation's thread. */
export type ThreadState = Pick<
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

export interface ConversationState {
  /** The copy already stored, when the message is (a rerun of a job whose push may not have gone out). */
  duplicateMessageId: string | null;
  /** The sender's contact, created or refreshed (not touched for a duplicate). */
  contact: { id: string; displayName: string | null } | null;
  /** The conversation's thread — or the one an agent merged it into — if it has one. */
  thread: ThreadState | null;
  /** Threads whose references the message quotes, in the order quoted. */
  quotedThreadIds: string[];
}

export interface MessageToRead {
  channelId: string;
  event: InboundEvent;
  references: string[];
}

/**
 * One statement for a whole batch: is each message already stored (by its id, or by the fallback
 * key below), each sender's contact upserted, each conversation's thread, and any threads a
 * message quotes by reference. Answers in the order asked.
 *
 * Graph API: message ids in webhooks (`mid`) and in /conversations are not documented to match
 * (contracts/platforms.md §3, §10.3), so a message is also known by its fallback key: same
 * conversation, same sender direction, same text and attachment count, sent in the same second
 * (Graph's `created_time` has whole seconds, webhook timestamps milliseconds). Two identical
 * messages from one person within one second are taken as one — the price of never showing a
 * DM twice.
 */
export async function readConversations(tx: Transaction, asked: MessageToRead[]): Promise<ConversationState[]> {
  const input = asked.map(({ channelId, event, references }, position) => ({
    position,
    channel_id: channelId,
    conversation_id: event.platformConversationId,
    platform_message_id: event.platformMessageId,
    text: event.text,
    attachment_count: event.attachments.length,
    sent_at: new Date(event.sentAt).toISOString(),
    sender_id: event.sender.platformUserId,
    display_name: event.sender.displayName ?? null,
    handle: event.sender.handle ?? null,
    quoted: references,
  }));
  // A sender with several messages in the batch is upserted once (a second upsert of one row in
  // one statement is an error), with the latest name the batch knows. A known sender's row is
  // written only when the batch brings a new name or handle (most messages bring none: a write
  // per message, with its index entries, for nothing); otherwise it is read as it was.
  // A contact another batch created after this statement began is neither written nor seen here:
  // that message answers without a contact, and the batch is stored again message by message.
  const result = await executeNamed(tx, 'ingest_read_conversations', sql`
    with input as (
      select * from jsonb_to_recordset(${jsonParameter(input)}::jsonb) as i(position int, channel_id uuid, conversation_id text,
        platform_message_id text, text text, attachment_count int, sent_at timestamptz, sender_id text, display_name text, handle text, quoted jsonb)
    ), duplicate as (
      select i.position, coalesce(
        (select m.id from messages m where m.channel_id = i.channel_id and m.platform_message_id = i.platform_message_id),
        (select m.id from messages m join threads t on t.id = m.thread_id
          where t.channel_id = i.channel_id and t.platform_conversation_id = i.conversation_id
            and m.direction = 'in' and m.text = i.text and jsonb_array_length(m.attachments) = i.attachment_count
            and m.sent_at >= date_trunc('second', i.sent_at) and m.sent_at < date_trunc('second', i.sent_at) + interval '1 second'
          limit 1)) as message_id
      from input i
    ), contact as (
      insert into contacts (channel_id, platform_user_id, display_name, handle)
      select distinct on (i.channel_id, i.sender_id) i.channel_id, i.sender_id, i.display_name, i.handle
      from input i join duplicate d on d.position = i.position and d.message_id is null
      order by i.channel_id, i.sender_id, i.display_name is null, i.position desc
      on conflict (channel_id, platform_user_id) do update set
        display_name = coalesce(excluded.display_name, contacts.display_name),
        handle = coalesce(excluded.handle, contacts.handle)
      where (excluded.display_name is not null and excluded.display_name is distinct from contacts.display_name)
        or (excluded.handle is not null and excluded.handle is distinct from contacts.handle)
      returning id, channel_id, platform_user_id, display_name
    )
    select
      d.message_id as duplicate_message_id,
      coalesce(c.id, known.id) as contact_id,
      case when c.id is null then known.display_name else c.display_name end as contact_display_name,
      array(select q.id from jsonb_array_elements_text(i.quoted) with ordinality as r(reference, position)
        join threads q on q.reference = r.reference order by r.position) as quoted_thread_ids,
      th.id, th.channel_id, th.reference, th.risk, th.risk_reasons, th.is_risk_overridden, th.category, th.language, th.restricted,
      th.linked_thread_id, th.last_message_at, th.last_message_preview, th.last_auto_reply_at, th.last_auto_reply_was_emergency
    from input i
    join duplicate d on d.position = i.position
    left join contact c on d.message_id is null and c.channel_id = i.channel_id and c.platform_user_id = i.sender_id
    left join contacts known on d.message_id is null and known.channel_id = i.channel_id and known.platform_user_id = i.sender_id
    left join threads conversation on conversation.channel_id = i.channel_id and conversation.platform_conversation_id = i.conversation_id
    left join threads th on th.id = coalesce(conversation.merged_into_id, conversation.id)
    order by i.position`);
  const rows = rowsOf<ConversationRow>(result);
  if (rows.length !== asked.length) throw new Error(`Conversation read returned ${rows.length} rows for ${asked.length} messages`);
  if (rows.some((row) => row.duplicate_message_id === null && row.contact_id === null)) {
    throw new Error('A sender\'s contact was created by another batch while this one read: stored again on its own');
  }
  return rows.map(stateOf);
}

function stateOf(row: ConversationRow): ConversationState {
  return {
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
  duplicate_message_id: string | null;
  contact_id: string | null;
  contact_display_name: string | null;
  quoted_thread_ids: string[] | null;
  id: string | null;
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

/**
 * A batch's values as one JSON parameter. A lone UTF-16 surrogate (half an emoji, cut by a
 * platform) becomes U+FFFD, as node-postgres does to a plain text parameter: PostgreSQL refuses
 * its JSON escape, and one such message would otherwise fail every batch it is in. JSON.stringify
 * writes only a lone surrogate as a `\udXXX` escape (a whole emoji stays as it is), so those escapes
 * are replaced in its output — not by a replacer on every string, which took 5 % of the worker's
 * time (bench profile) — unless their backslash is itself escaped (a person typed `\ud83d`).
 */
export function jsonParameter(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\ud') ? json.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : json;
}

const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

/** Rows of a hand-written query, whichever driver ran it (node-postgres and PGlite both answer `{ rows }`). */
export function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
