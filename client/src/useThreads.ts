import { useCallback, useEffect, useRef, useState } from 'react';
import type { ThreadListQuery, ThreadSummary } from '../../shared/api';
import { compareThreadsForView, threadMatchesQuery } from '../../shared/thread-views';
import { errorText, isUnauthorised, listThreads } from './api';
import { onConnected, onThreadUpdated } from './socket';

function activityTime(thread: ThreadSummary): number {
  return Date.parse(thread.lastMessageAt) || 0;
}

/** Newest activity first, as the server sends them. */
function byNewestActivity(a: ThreadSummary, b: ThreadSummary): number {
  return activityTime(b) - activityTime(a);
}

/** Inserts or replaces a thread and keeps the list ordered by its last message. */
export function upsertThread(threads: readonly ThreadSummary[], thread: ThreadSummary): ThreadSummary[] {
  return [...threads.filter((t) => t.id !== thread.id), thread].sort(byNewestActivity);
}

/**
 * Applies a `thread:updated` push. `unread` is per agent but the push goes to a whole room, so a
 * push never clears it: only this agent opening the thread does (a fresh REST load corrects
 * anything else).
 */
export function applyThreadPush(threads: readonly ThreadSummary[], pushed: ThreadSummary): ThreadSummary[] {
  const current = threads.find((t) => t.id === pushed.id);
  const unread = pushed.unread || (current?.unread ?? false);
  return upsertThread(threads, unread === pushed.unread ? pushed : { ...pushed, unread });
}

/**
 * Places a `thread:updated` push in a view: in its order if it belongs there, out if it no longer
 * does — except the thread the agent has open, which stays put so the list does not jump under
 * them. A search cannot be judged here, so while searching only threads already found change.
 */
export function applyPushToView(
  threads: readonly ThreadSummary[],
  pushed: ThreadSummary,
  query: ThreadListQuery,
  context: { agentId: string; now: number; openThreadId: string | null },
): ThreadSummary[] {
  const current = threads.find((t) => t.id === pushed.id);
  const merged = { ...pushed, unread: pushed.unread || (current?.unread ?? false) };
  const belongs = threadMatchesQuery(merged, query, context) && (!query.q || current !== undefined);
  const others = threads.filter((t) => t.id !== pushed.id);
  if (!belongs && pushed.id !== context.openThreadId) return others;
  if (!belongs && current === undefined) return others;
  return [...others, merged].sort(compareThreadsForView(query.view));
}

/** Once the agent moves on, a thread kept in place only because it was open leaves the view. */
export function dropLeftBehind(
  threads: readonly ThreadSummary[],
  query: ThreadListQuery,
  context: { agentId: string; now: number; openThreadId: string | null },
): ThreadSummary[] {
  if (query.q) return [...threads];
  const kept = threads.filter((t) => t.id === context.openThreadId || threadMatchesQuery(t, query, context));
  return kept.length === threads.length ? [...threads] : kept;
}

/** The agent is reading the open thread, so whatever arrives in it is read already. */
function asSeenBy(openThreadId: string | null, thread: ThreadSummary): ThreadSummary {
  return thread.id === openThreadId && thread.unread ? { ...thread, unread: false } : thread;
}

/** Threads per request while filling a long view: ten requests for 10,000 open threads. */
export const THREAD_PAGE_SIZE = 1000;

/**
 * Adds a later page to what the list shows: a thread a push has already put in the list keeps
 * the pushed (newer) version, so a page loaded a moment late never takes a change back.
 */
export function addPage(threads: readonly ThreadSummary[], page: readonly ThreadSummary[], view: ThreadListQuery['view']): ThreadSummary[] {
  const shown = new Set(threads.map((t) => t.id));
  const fresh = page.filter((t) => !shown.has(t.id));
  return fresh.length === 0 ? [...threads] : [...threads, ...fresh].sort(compareThreadsForView(view));
}

export interface ThreadListState {
  threads: ThreadSummary[];
  isLoading: boolean;
  /** Later pages of the view are still being fetched (the first is shown already). */
  isLoadingMore: boolean;
  /** Why the last load failed; the list keeps what it had. */
  error: string | null;
  reload: () => void;
  markRead: (threadId: string) => void;
}

/**
 * The inbox's thread list: loaded over REST on mount and after every socket (re)connection,
 * kept current by `thread:updated` pushes in between.
 */
export function useThreads(
  openThreadId: string | null,
  onSessionExpired: () => void,
  query: ThreadListQuery = { view: 'all' },
  agentId = '',
): ThreadListState {
  const [threads, setThreads] = useState<ThreadSummary[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Read by socket listeners, which subscribe once rather than on every selection.
  const openThreadIdRef = useRef(openThreadId);
  const onSessionExpiredRef = useRef(onSessionExpired);
  const queryRef = useRef(query);
  const latestLoad = useRef(0);
  const loadedQueryKey = useRef<string | null>(null);
  const pushedDuringLoad = useRef(new Map<string, ThreadSummary>());
  useEffect(() => {
    openThreadIdRef.current = openThreadId;
    onSessionExpiredRef.current = onSessionExpired;
    queryRef.current = query;
  });
  const queryKey = JSON.stringify(query);

  const reload = useCallback(() => {
    const load = ++latestLoad.current;
    setIsLoading(true);
    const asked = queryRef.current;
    pushedDuringLoad.current = new Map();
    // A new view fills page by page, so the agent works from the first page while the rest
    // arrives. A reload of the same view (reconnect, the minute tick) swaps the whole list at
    // once, so the list does not shrink under an agent scrolled far down; pushes that came in
    // meanwhile are applied again on top, so the swap never takes a change back.
    const isRefresh = loadedQueryKey.current === queryKey;
    const collected: ThreadSummary[] = [];
    const loadPage = (cursor: string | undefined): Promise<void> =>
      listThreads({ ...asked, cursor, limit: THREAD_PAGE_SIZE }).then((response): Promise<void> | undefined => {
        // A slower, older load must not overwrite a newer one.
        if (load !== latestLoad.current) return;
        const page = response.threads.map((t) => asSeenBy(openThreadIdRef.current, t));
        collected.push(...page);
        const isLast = !response.nextCursor;
        if (!isRefresh) {
          setThreads((current) => (cursor === undefined ? page.sort(compareThreadsForView(asked.view)) : addPage(current, page, asked.view)));
        } else if (isLast) {
          const context = { agentId, now: Date.now(), openThreadId: openThreadIdRef.current };
          const pushes = [...pushedDuringLoad.current.values()];
          setThreads(pushes.reduce((list, pushed) => applyPushToView(list, pushed, asked, context), collected.sort(compareThreadsForView(asked.view))));
        }
        if (isLast) loadedQueryKey.current = queryKey;
        setError(null);
        setIsLoading(false);
        setIsLoadingMore(!isLast);
        if (response.nextCursor) return loadPage(response.nextCursor);
      });
    loadPage(undefined).catch(
      (failure: unknown) => {
        if (load !== latestLoad.current) return;
        setIsLoading(false);
        setIsLoadingMore(false);
        if (isUnauthorised(failure)) {
          onSessionExpiredRef.current();
          return;
        }
        console.error('Could not load the thread list', failure);
        setError(errorText(failure));
      },
    );
  }, [queryKey, agentId]); // queryKey stands for the query, read through queryRef

  useEffect(() => {
    reload();
    const stopReloading = onConnected(reload);
    const stopListening = onThreadUpdated((thread) => {
      pushedDuringLoad.current.set(thread.id, asSeenBy(openThreadIdRef.current, thread));
      const context = { agentId, now: Date.now(), openThreadId: openThreadIdRef.current };
      setThreads((current) => applyPushToView(current, asSeenBy(openThreadIdRef.current, thread), queryRef.current, context));
    });
    return () => {
      stopReloading();
      stopListening();
    };
  }, [reload, agentId]);

  useEffect(() => {
    setThreads((current) => {
      const kept = dropLeftBehind(current, queryRef.current, { agentId, now: Date.now(), openThreadId });
      return kept.length === current.length ? current : kept;
    });
  }, [openThreadId, agentId]);

  // A thread becomes overdue by the clock, not by any event: "Needs attention" asks again each minute.
  useEffect(() => {
    if (query.view !== 'attention') return;
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [query.view, reload]);

  const markRead = useCallback((threadId: string) => {
    setThreads((current) => current.map((t) => asSeenBy(threadId, t)));
  }, []);

  return { threads, isLoading, isLoadingMore, error, reload, markRead };
}
