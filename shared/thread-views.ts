import type { ThreadListQuery, ThreadSummary } from './api';
import type { RiskLevel } from './constants';

// What each view of the thread list holds and in which order, in words server and client share:
// the server says it in SQL (server/threads/thread-filters.ts), the client uses these to place a
// live update without asking the server again.

export const RISK_RANK: Record<RiskLevel, number> = { emergency: 0, priority: 1, routine: 2 };

/** Still waiting for a first response after the SLA due time. */
export function isOverdue(thread: Pick<ThreadSummary, 'slaDueAt' | 'firstResponseAt' | 'status'>, now: number): boolean {
  if (thread.firstResponseAt !== null || thread.slaDueAt === null || thread.status === 'closed') return false;
  return Date.parse(thread.slaDueAt) <= now;
}

export interface ViewContext {
  agentId: string;
  now: number;
}

function isInView(thread: ThreadSummary, query: ThreadListQuery, { agentId, now }: ViewContext): boolean {
  switch (query.view) {
    case 'attention':
      return thread.status === 'new' || ((thread.status === 'open' || thread.status === 'pending') && isOverdue(thread, now));
    case 'mine':
      return thread.assignee?.id === agentId && thread.status !== 'closed';
    case 'team':
      return thread.team?.id === query.teamId && thread.status !== 'closed';
    case 'escalated':
      return thread.status === 'escalated';
    case 'closed':
      return thread.status === 'closed';
    case 'all':
      return true;
  }
}

/** An empty filter allows everything; a thread without the value (null) never matches a filter. */
function allows<T>(values: readonly T[] | undefined, value: T | null): boolean {
  return values === undefined || values.length === 0 || (value !== null && values.includes(value));
}

/**
 * Whether a thread belongs in the list the query asks for. A text search cannot be judged here
 * (it looks at every message): the caller only updates threads already found.
 */
export function threadMatchesQuery(thread: ThreadSummary, query: ThreadListQuery, context: ViewContext): boolean {
  return (
    isInView(thread, query, context) &&
    allows(query.channel, thread.channel) &&
    allows(query.status, thread.status) &&
    allows(query.risk, thread.risk) &&
    allows(query.category, thread.category) &&
    allows(query.language, thread.language) &&
    (query.tag === undefined || query.tag.length === 0 || query.tag.some((tag) => thread.tags.includes(tag))) &&
    allows(query.assignee, thread.assignee?.id ?? 'none')
  );
}

function time(iso: string | null): number {
  return iso ? Date.parse(iso) || 0 : 0;
}

/** "Needs attention": highest risk first, then whoever has waited longest. Others: newest activity first. */
export function compareThreadsForView(view: ThreadListQuery['view']): (a: ThreadSummary, b: ThreadSummary) => number {
  if (view === 'attention') {
    return (a, b) => RISK_RANK[a.risk] - RISK_RANK[b.risk] || time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id);
  }
  return (a, b) => time(b.lastMessageAt) - time(a.lastMessageAt) || a.id.localeCompare(b.id);
}
