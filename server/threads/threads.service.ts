import { aliasedTable, and, asc, desc, eq, getTableColumns, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { threadListQuerySchema, type MessageView, type ThreadDetailResponse, type ThreadListQuery, type ThreadSummary } from '../../shared/api';
import type { Database } from '../db/database';
import { agents, channels, contacts, messages, teams, threadReads, threads } from '../db/schema';
import { decodeThreadCursor, encodeThreadCursor, findThreadsByContactOrReference, threadListConditions, threadListOrder, threadsAfter } from './thread-filters';
import { HttpError } from '../http/errors';
import type { ThreadAccess } from '../access/thread-access';
import { presentMessage, presentThread, redactThread } from './threads.presenter';

const THREAD_PAGE_SIZE = 200;

const assignees = aliasedTable(agents, 'assignee');
const linkedThreads = alias(threads, 'linked_threads');
const repliedTo = alias(messages, 'replied_to');

// Every column but the search documents, which can be large and are only for the indexes.
const { searchVector: _threadSearch, ...threadColumns } = getTableColumns(threads);
const { searchVector: _contactSearch, ...contactColumns } = getTableColumns(contacts);
const { searchVector: _messageSearch, ...messageColumns } = getTableColumns(messages);

/**
 * Threads with all presentThread needs: contact, channel, linked thread, owners' names, and the
 * asking agent's last read time (null agent: no read marker).
 */
function threadsInContext(db: Database, agentId: string | null = null) {
  return db
    .select({
      thread: threadColumns,
      contact: contactColumns,
      channel: channels,
      linkedThread: { id: linkedThreads.id, reference: linkedThreads.reference },
      assigneeName: assignees.name,
      teamName: teams.name,
      lastReadAt: threadReads.lastReadAt,
    })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .innerJoin(channels, eq(channels.id, threads.channelId))
    .leftJoin(linkedThreads, eq(linkedThreads.id, threads.linkedThreadId))
    .leftJoin(assignees, eq(assignees.id, threads.assigneeId))
    .leftJoin(teams, eq(teams.id, threads.teamId))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.agentId, agentId ?? sql`null`)));
}

/** Messages with their author's name and the text of the message each replies to. */
function messagesWithContext(db: Database) {
  return db
    .select({ message: messageColumns, authorName: agents.name, replyToText: repliedTo.text })
    .from(messages)
    .leftJoin(agents, eq(agents.id, messages.authorAgentId))
    .leftJoin(
      repliedTo,
      and(eq(repliedTo.channelId, messages.channelId), eq(repliedTo.platformMessageId, messages.replyToPlatformMessageId)),
    );
}

const ALL_THREADS = threadListQuerySchema.parse({});

/**
 * The threads of one view, filtered and searched, in the view's order, with the asking agent's
 * unread marker. Restricted threads the agent may not read are listed redacted (they count in
 * the queues) and never match a search.
 */
export async function listThreads(
  db: Database,
  agentId: string,
  access: ThreadAccess,
  query: ThreadListQuery = ALL_THREADS,
): Promise<ThreadSummary[]> {
  return (await listThreadPage(db, agentId, access, query)).threads;
}

/** One page of a view (`query.limit` threads after `query.cursor`), and the cursor of the next, or null at the end. */
export async function listThreadPage(
  db: Database,
  agentId: string,
  access: ThreadAccess,
  query: ThreadListQuery = ALL_THREADS,
): Promise<{ threads: ThreadSummary[]; nextCursor: string | null }> {
  const isReadable = access.readableBy(agentId);
  const after = query.cursor === undefined ? null : decodeThreadCursor(query.cursor);
  if (query.cursor !== undefined && after === null) throw new HttpError(400, 'invalid_request', 'cursor: not one this server gave out');
  const pageSize = query.limit ?? THREAD_PAGE_SIZE;
  const conditions = and(
    threadListConditions(query, agentId, query.q ? await findThreadsByContactOrReference(db, query.q) : []),
    after ? threadsAfter(query.view, after) : undefined,
  );
  const rows = await threadsInContext(db, agentId)
    .where(query.q ? and(conditions, isReadable) : conditions)
    .orderBy(...threadListOrder(query.view))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const nextCursor = rows.length > pageSize && last ? await cursorAfter(db, query.view, last.thread.id) : null;
  return { threads: await presentForAgent(db, isReadable, page), nextCursor };
}

async function cursorAfter(db: Database, view: ThreadListQuery['view'], threadId: string): Promise<string> {
  const [row] = await db
    .select({
      lastMessageAt: sql<string>`${threads.lastMessageAt}::text`,
      createdAt: sql<string>`${threads.createdAt}::text`,
      risk: threads.risk,
    })
    .from(threads)
    .where(eq(threads.id, threadId));
  if (!row) throw new Error('The last thread of a page vanished while paging');
  return encodeThreadCursor(
    view === 'attention' ? { id: threadId, at: row.createdAt, rank: RISK_RANKS[row.risk] } : { id: threadId, at: row.lastMessageAt },
  );
}

const RISK_RANKS = { emergency: 0, priority: 1, routine: 2 } as const;

type ThreadInContextRow = Awaited<ReturnType<ReturnType<typeof threadsInContext>['execute']>>[number];

/** Presents rows for one agent: restricted threads they may not read come out redacted. */
async function presentForAgent(db: Database, isReadable: SQL, rows: ThreadInContextRow[]): Promise<ThreadSummary[]> {
  const restrictedIds = rows.filter((row) => row.thread.restricted).map((row) => row.thread.id);
  const readable = new Set(
    restrictedIds.length === 0
      ? []
      : (await db.select({ id: threads.id }).from(threads).where(and(inArray(threads.id, restrictedIds), isReadable))).map((row) => row.id),
  );
  return rows.map((row) => {
    const summary = presentThread(row, isUnread(row.thread.lastInboundAt, row.lastReadAt));
    return row.thread.restricted && !readable.has(row.thread.id) ? redactThread(summary) : summary;
  });
}

function isUnread(lastInboundAt: Date | null, lastReadAt: Date | null): boolean {
  return lastInboundAt !== null && (lastReadAt === null || lastInboundAt > lastReadAt);
}

/** A thread as pushed to every agent; `unread` says whether an inbound message caused the push. */
export async function loadThreadSummary(db: Database, threadId: string, unread: boolean): Promise<ThreadSummary | null> {
  const [row] = await preparedLoadsOf(db).thread.execute({ threadId });
  return row ? presentThread(row, unread) : null;
}

export async function loadMessageView(db: Database, messageId: string): Promise<MessageView | null> {
  const [row] = await preparedLoadsOf(db).message.execute({ messageId });
  return row ? presentMessage(row.message, row.authorName, row.replyToText) : null;
}

/** Several threads as pushed to every agent, in one query (a batch of inbound messages). */
export async function loadThreadSummaries(db: Database, threadIds: string[], unread: boolean): Promise<ThreadSummary[]> {
  if (threadIds.length === 0) return [];
  const rows = await preparedLoadsOf(db).threads.execute({ threadIds });
  return rows.map((row) => presentThread(row, unread));
}

/** Several messages as pushed, in one query. */
export async function loadMessageViews(db: Database, messageIds: string[]): Promise<MessageView[]> {
  if (messageIds.length === 0) return [];
  const rows = await preparedLoadsOf(db).messages.execute({ messageIds });
  return rows.map((row) => presentMessage(row.message, row.authorName, row.replyToText));
}

// Every stored message is pushed with these reads (one by one, or a batch's at once): built once
// per database, prepared on each connection, rather than built anew each time (a fifth of the
// worker's CPU in the bench profile).
const preparedLoads = new WeakMap<Database, ReturnType<typeof prepareLoads>>();

function prepareLoads(db: Database) {
  return {
    thread: threadsInContext(db).where(eq(threads.id, sql.placeholder('threadId'))).prepare('load_thread_summary'),
    message: messagesWithContext(db).where(eq(messages.id, sql.placeholder('messageId'))).prepare('load_message_view'),
    threads: threadsInContext(db).where(sql`${threads.id} = any(${sql.placeholder('threadIds')}::uuid[])`).prepare('load_thread_summaries'),
    messages: messagesWithContext(db).where(sql`${messages.id} = any(${sql.placeholder('messageIds')}::uuid[])`).prepare('load_message_views'),
  };
}

function preparedLoadsOf(db: Database) {
  let loads = preparedLoads.get(db);
  if (!loads) {
    loads = prepareLoads(db);
    preparedLoads.set(db, loads);
  }
  return loads;
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

/**
 * The contact's other threads, newest first. A contact is one account on one channel: the desk
 * does not guess that two accounts are one person.
 */
export async function listContactHistory(
  db: Database,
  threadId: string,
  agentId: string,
  access: ThreadAccess,
): Promise<ThreadSummary[] | null> {
  const [thread] = await db.select({ contactId: threads.contactId }).from(threads).where(eq(threads.id, threadId));
  if (!thread) return null;
  const rows = await threadsInContext(db)
    .where(and(eq(threads.contactId, thread.contactId), ne(threads.id, threadId)))
    .orderBy(desc(threads.lastMessageAt))
    .limit(50);
  return presentForAgent(db, access.readableBy(agentId), rows);
}
