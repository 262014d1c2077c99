import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { InboundEvent } from '../../shared/inbound';
import { chooseAutomaticReply, type AutomaticReplyKind } from '../acknowledgements/automatic-reply';
import type { Database, Transaction } from '../db/database';
import { executeNamed } from '../db/named-statements';
import { channels, teams } from '../db/schema';
import type { TriageResult } from '../triage/categories';
import type { Triage } from '../triage/classify';
import { withMessageTriage, type ThreadTriage } from '../triage/thread-triage';
import { previewOf } from '../threads/threads.presenter';
import { jsonParameter, readConversations, type ConversationState, type ThreadState } from './read-conversations';
import { issueReferenceNumbers } from './reference-numbers';
import { writeBatch, type MessageWrite, type ThreadWrite } from './write-batch';

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
      /** The message started its thread (the earliest of a new conversation's messages in one batch). */
      isNewThread: boolean;
      isEmergency: boolean;
      /** The automatic acknowledgement stored as `queued`, for the outbound queue. */
      autoReplyMessageId: string | null;
      /** The sender's contact has no name yet (Messenger webhooks carry none): worth a profile lookup. */
      unnamedContactId: string | null;
    }
  | { stored: false; reason: 'duplicate'; /** The copy already stored, when known by its platform id. */ messageId?: string };

/** Stores one message from a member of the public: a batch of one (see ingestInboundBatch). */
export async function ingestInboundEvent(db: Database, event: InboundEvent, options: IngestOptions): Promise<IngestResult> {
  const [result] = await ingestInboundBatch(db, [event], options);
  return result!;
}

/**
 * Stores messages from members of the public exactly once, however often each is delivered
 * (webhook, poll, redelivery after a crash, twice in one batch), triaged, with their threads and —
 * when due — automatic acknowledgements, all in one transaction. Answers in the order given.
 *
 * The hot path of the desk, so a whole batch costs five database round trips (begin, the
 * conversations' locks, one read, one write, commit) and one more when it starts threads.
 * Hand-written SQL, because building the queries cost more CPU than running them (bench profile,
 * issue 12). One failing message fails its batch: the caller retries the messages one by one.
 */
export async function ingestInboundBatch(db: Database, events: InboundEvent[], options: IngestOptions): Promise<IngestResult[]> {
  const receivedAt = options.receivedAt ?? new Date();
  const messages: Incoming[] = await Promise.all(
    events.map(async (event) => ({ event, channelId: await findOrCreateChannel(db, event), triage: options.triage.classify(event.text), sentAt: new Date(event.sentAt) })),
  );
  const firstCopyOf = firstCopies(messages);
  const distinct = messages.filter((message, index) => firstCopyOf[index] === index);
  const results = await db.transaction(async (tx) => {
    await lockConversations(tx, distinct);
    const states = await readConversations(tx, distinct.map(({ channelId, event, triage }) => ({ channelId, event, references: triage.references })));
    return storeNewMessages(tx, distinct, states, receivedAt, options);
  });
  // A copy within the batch answers as a duplicate of the copy that was stored.
  const resultOf = new Map(distinct.map((message, index) => [message, results[index]!]));
  return messages.map((message, index) => {
    const result = resultOf.get(messages[firstCopyOf[index]!]!)!;
    if (firstCopyOf[index] === index) return result;
    return { stored: false, reason: 'duplicate', messageId: result.messageId } as const;
  });
}

interface Incoming {
  event: InboundEvent;
  channelId: string;
  triage: TriageResult;
  sentAt: Date;
}

/**
 * For each message, the position of its first copy in the batch: same platform id, or the same
 * fallback key as readConversations uses against stored messages (same conversation, text,
 * attachment count and second).
 */
function firstCopies(messages: Incoming[]): number[] {
  const firstByKey = new Map<string, number>();
  return messages.map((message, index) => {
    const { event, channelId } = message;
    const keys = [
      `id/${channelId}/${event.platformMessageId}`,
      `content/${channelId}/${event.platformConversationId}/${Math.floor(message.sentAt.getTime() / 1000)}/${event.attachments.length}/${event.text}`,
    ];
    const first = keys.map((key) => firstByKey.get(key)).find((position) => position !== undefined) ?? index;
    for (const key of keys) if (!firstByKey.has(key)) firstByKey.set(key, first);
    return first;
  });
}

/**
 * One conversation at a time, so two messages of a new conversation create one thread, in
 * whichever batches they arrive. Taken in one order by every batch, so two batches never wait on
 * each other in a circle. A statement of its own: the read that follows must see what the previous
 * holder committed. It also tells the trigger messages_feed_thread_search that this transaction
 * grows the threads' search documents itself, in its own write of each thread row.
 */
async function lockConversations(tx: Transaction, messages: Incoming[]) {
  const keys = [...new Set(messages.map(({ channelId, event }) => `${channelId}/${event.platformConversationId}`))];
  await executeNamed(tx, 'ingest_lock_conversations', sql`
    select set_config('desk.ingest_feeds_thread_search', 'on', true),
      (select count(pg_advisory_xact_lock(lock)) from (select distinct hashtextextended(key, 0) as lock
        from jsonb_array_elements_text(${jsonParameter(keys)}::jsonb) as key order by 1) as ordered)`);
}

/** A thread being placed: as read (or new), then after each of the batch's messages, oldest first. */
interface Placement {
  id: string;
  existing: ThreadState | null;
  created: ThreadWrite['created'];
  state: ThreadState;
  messages: Array<{ message: Incoming; state: ConversationState }>;
}

async function storeNewMessages(
  tx: Transaction,
  messages: Incoming[],
  states: ConversationState[],
  receivedAt: Date,
  options: IngestOptions,
): Promise<IngestResult[]> {
  const placements = placeInThreads(messages, states);
  const created = [...placements.values()].filter((placement) => placement.created);
  const references = await issueReferenceNumbers(tx, receivedAt, created.length);
  for (const [index, placement] of created.entries()) {
    placement.created!.reference = references[index]!;
    placement.state.reference = references[index]!;
    placement.created!.teamId = placement.messages[0]!.message.event.teamName ? await findOrCreateTeam(tx, placement.messages[0]!.message.event.teamName) : null;
  }
  const results = new Map<Incoming, IngestResult>();
  const namedContacts = new Set<string>();
  const threadWrites: ThreadWrite[] = [];
  const messageWrites: MessageWrite[] = [];
  for (const placement of placements.values()) {
    const { thread, written } = applyMessages(placement, receivedAt, options);
    threadWrites.push(thread);
    messageWrites.push(...written);
    for (const [index, { message, state }] of placement.messages.entries()) {
      const write = written[index]!;
      const contact = state.contact!;
      // One name lookup per unnamed sender, however many of their messages the batch holds.
      const isUnnamed = contact.displayName === null && !namedContacts.has(contact.id);
      namedContacts.add(contact.id);
      results.set(message, {
        stored: true,
        threadId: placement.id,
        messageId: write.id,
        isNewThread: placement.created !== null && index === 0,
        isEmergency: message.triage.risk === 'emergency',
        autoReplyMessageId: write.autoReply?.id ?? null,
        unnamedContactId: isUnnamed ? contact.id : null,
      });
    }
  }
  if (messageWrites.length > 0) await writeBatch(tx, threadWrites, messageWrites, receivedAt);
  return messages.map((message, index) => {
    const duplicateMessageId = states[index]!.duplicateMessageId;
    if (duplicateMessageId) return { stored: false, reason: 'duplicate', messageId: duplicateMessageId } as const;
    return results.get(message)!;
  });
}

/** Groups the batch's new messages by the thread they land in (a conversation without one gets a new thread), oldest first. */
function placeInThreads(messages: Incoming[], states: ConversationState[]): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  messages.forEach((message, index) => {
    const state = states[index]!;
    if (state.duplicateMessageId) return;
    const key = state.thread?.id ?? `new/${message.channelId}/${message.event.platformConversationId}`;
    let placement = placements.get(key);
    if (!placement) {
      placement = state.thread ? existingPlacement(state.thread) : newPlacement(message, state);
      placements.set(key, placement);
    }
    placement.messages.push({ message, state });
  });
  for (const placement of placements.values()) {
    placement.messages.sort((a, b) => a.message.sentAt.getTime() - b.message.sentAt.getTime());
    if (placement.created) placement.state.lastMessageAt = placement.messages[0]!.message.sentAt;
  }
  return placements;
}

function existingPlacement(thread: ThreadState): Placement {
  return { id: thread.id, existing: thread, created: null, state: { ...thread }, messages: [] };
}

function newPlacement(message: Incoming, state: ConversationState): Placement {
  const id = randomUUID();
  return {
    id,
    existing: null,
    created: { reference: '', channelId: message.channelId, platformConversationId: message.event.platformConversationId, contactId: state.contact!.id, teamId: null },
    state: {
      id,
      channelId: message.channelId,
      reference: '',
      risk: 'routine',
      riskReasons: [],
      isRiskOverridden: false,
      category: null,
      language: null,
      restricted: false,
      linkedThreadId: null,
      lastMessageAt: message.sentAt,
      lastMessagePreview: '',
      lastAutoReplyAt: null,
      lastAutoReplyWasEmergency: false,
    },
    messages: [],
  };
}

/** The thread's triage, latest activity and acknowledgements after each of its messages in turn, as if they had come one by one. */
function applyMessages(placement: Placement, receivedAt: Date, options: IngestOptions): { thread: ThreadWrite; written: MessageWrite[] } {
  const { state } = placement;
  const written: MessageWrite[] = [];
  const words: string[] = [];
  let lastAutoReply: ThreadWrite['lastAutoReply'] = null;
  for (const { message, state: conversation } of placement.messages) {
    const { event, triage, sentAt } = message;
    Object.assign(state, withMessageTriage(triageOf(state), triage));
    state.linkedThreadId = state.linkedThreadId ?? conversation.quotedThreadIds.find((id) => id !== placement.id) ?? null;
    if (state.lastMessageAt <= sentAt) {
      state.lastMessagePreview = previewOf(event.text, event.attachments.length);
      state.lastMessageAt = sentAt;
    }
    const autoReplyKind = options.acknowledgements ? chooseAutomaticReply(state, triage.risk, receivedAt, options.acknowledgements.periodMs) : null;
    const autoReply = autoReplyKind
      ? { id: randomUUID(), channelId: state.channelId, text: options.acknowledgements!.render(autoReplyKind, triage.language, state.reference) }
      : null;
    if (autoReplyKind) {
      lastAutoReply = { at: receivedAt, wasEmergency: autoReplyKind === 'emergency' };
      state.lastAutoReplyAt = receivedAt;
      state.lastAutoReplyWasEmergency = autoReplyKind === 'emergency';
    }
    words.push(event.text, ...(autoReply ? [autoReply.text] : []));
    written.push({
      id: randomUUID(),
      threadId: placement.id,
      channelId: message.channelId,
      channel: event.channel,
      text: event.text,
      attachments: event.attachments,
      platformMessageId: event.platformMessageId,
      sentAt,
      triage,
      replyToPlatformMessageId: event.replyToPlatformMessageId ?? null,
      interaction: event.interaction ?? null,
      autoReply,
    });
  }
  return {
    thread: {
      id: placement.id,
      created: placement.created,
      triage: triageOf(state),
      linkedThreadId: state.linkedThreadId,
      lastMessageAt: state.lastMessageAt,
      lastMessagePreview: state.lastMessagePreview,
      isSlaReset: placement.existing === null || placement.existing.risk !== state.risk,
      lastAutoReply,
      searchText: words.join('\n'),
    },
    written,
  };
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

/** Teams are named in configuration (report types → team), so the first thread names it into being. */
async function findOrCreateTeam(tx: Transaction, name: string): Promise<string> {
  await tx.insert(teams).values({ name }).onConflictDoNothing({ target: teams.name });
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (!team) throw new Error('Team upsert returned no row');
  return team.id;
}
