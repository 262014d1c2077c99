import { and, arrayOverlaps, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ThreadListQuery } from '../../shared/api';
import type { Database } from '../db/database';
import { channels, contacts, threads } from '../db/schema';
import { z } from 'zod';

// The SQL side of shared/thread-views.ts: keep the two in step.

const WAITING_STATUSES = ['new', 'open', 'pending'] as const;

const isOverdue = and(isNull(threads.firstResponseAt), sql`${threads.slaDueAt} <= now()`);

function viewCondition(query: ThreadListQuery, agentId: string): SQL | undefined {
  switch (query.view) {
    case 'attention':
      // The first clause is implied by the second; it is there so the planner sees it matches the
      // partial index's predicate and reads the index in order, stopping at the page size.
      return and(
        inArray(threads.status, [...WAITING_STATUSES]),
        or(eq(threads.status, 'new'), and(inArray(threads.status, ['open', 'pending']), isOverdue)),
      );
    case 'mine':
      return and(eq(threads.assigneeId, agentId), ne(threads.status, 'closed'));
    case 'team':
      return and(eq(threads.teamId, query.teamId ?? '00000000-0000-0000-0000-000000000000'), ne(threads.status, 'closed'));
    case 'escalated':
      return eq(threads.status, 'escalated');
    case 'closed':
      return eq(threads.status, 'closed');
    case 'all':
      return undefined;
  }
}

function anyOf<T>(values: readonly T[] | undefined, condition: (values: T[]) => SQL): SQL | undefined {
  return values && values.length > 0 ? condition([...values]) : undefined;
}

const REFERENCE_PATTERN = /^[A-Z]{2,5}-\d{4}-\d{1,6}$/i;

const MAX_CONTACT_MATCHES = 500;

/** Threads whose contact's name or handle has the words, or whose reference this is: few, from their own indexes. */
export async function findThreadsByContactOrReference(db: Database, text: string): Promise<string[]> {
  const words = sql`plainto_tsquery('simple', ${text})`;
  const byContact = db
    .select({ id: threads.id })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .where(sql`${contacts.searchVector} @@ ${words}`)
    .limit(MAX_CONTACT_MATCHES);
  const rows = REFERENCE_PATTERN.test(text)
    ? await byContact.union(db.select({ id: threads.id }).from(threads).where(eq(threads.reference, text.toUpperCase())))
    : await byContact;
  return rows.map((row) => row.id);
}

/**
 * Words in any message of the thread (its search document, fed by a trigger on messages), or one
 * of the threads found by contact or reference. Passing those as ids, not as a join, leaves
 * PostgreSQL free to read a common word's threads newest first and stop at a page, or a rare
 * word's few threads straight from the GIN index.
 */
function searchCondition(text: string, alsoThreadIds: readonly string[]): SQL {
  const words = sql`${threads.searchVector} @@ plainto_tsquery('simple', ${text})`;
  return alsoThreadIds.length > 0 ? or(words, inArray(threads.id, [...alsoThreadIds]))! : words;
}

export function threadListConditions(query: ThreadListQuery, agentId: string, alsoThreadIds: readonly string[] = []): SQL | undefined {
  const assignees = query.assignee ?? [];
  const agentIds = assignees.filter((value) => value !== 'none');
  return and(
    viewCondition(query, agentId),
    anyOf(query.channel, (values) => inArray(channels.type, values)),
    anyOf(query.status, (values) => inArray(threads.status, values)),
    anyOf(query.risk, (values) => inArray(threads.risk, values)),
    anyOf(query.category, (values) => inArray(threads.category, values)),
    anyOf(query.language, (values) => inArray(threads.language, values)),
    anyOf(query.tag, (values) => arrayOverlaps(threads.tags, values)),
    assignees.length > 0
      ? or(agentIds.length > 0 ? inArray(threads.assigneeId, agentIds) : undefined, assignees.includes('none') ? isNull(threads.assigneeId) : undefined)
      : undefined,
    query.q ? searchCondition(query.q, alsoThreadIds) : undefined,
  );
}

/**
 * Where a page ended, in the view's order: the last thread's id and its sort timestamp as
 * PostgreSQL wrote it (text keeps the microseconds a JS Date would drop).
 */
export interface ThreadCursor {
  id: string;
  at: string;
  /** Attention view only: the risk rank (0 emergency, 1 priority, 2 routine). */
  rank?: number;
}

export function encodeThreadCursor(cursor: ThreadCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const threadCursorSchema = z.object({ id: z.string().uuid(), at: z.string().min(1).max(60), rank: z.number().int().min(0).max(2).optional() });

export function decodeThreadCursor(cursor: string): ThreadCursor | null {
  try {
    const parsed = threadCursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success && !Number.isNaN(Date.parse(parsed.data.at)) ? parsed.data : null;
  } catch {
    return null;
  }
}

const RISK_RANK = sql`(case ${threads.risk} when 'emergency' then 0 when 'priority' then 1 else 2 end)`;

/** Threads after the cursor in the view's order (keyset paging: a page stays right while threads arrive). */
export function threadsAfter(view: ThreadListQuery['view'], cursor: ThreadCursor): SQL {
  if (view === 'attention') return sql`(${RISK_RANK}, ${threads.createdAt}, ${threads.id}) > (${cursor.rank ?? 2}, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
  return sql`(${threads.lastMessageAt} < ${cursor.at}::timestamptz or (${threads.lastMessageAt} = ${cursor.at}::timestamptz and ${threads.id} > ${cursor.id}::uuid))`;
}

export function threadListOrder(view: ThreadListQuery['view']): SQL[] {
  // The same expression as threads_attention_idx, qualified: joins (the linked thread) also have a risk column.
  if (view === 'attention') return [RISK_RANK, sql`${threads.createdAt} asc`, sql`${threads.id}`];
  return [sql`${threads.lastMessageAt} desc`, sql`${threads.id}`];
}
