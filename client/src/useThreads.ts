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

export interface ThreadListState {
  threads: ThreadSummary[];
  isLoading: boolean;
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
  const [error, setError] = useState<string | null>(null);

  // Read by socket listeners, which subscribe once rather than on every selection.
  const openThreadIdRef = useRef(openThreadId);
  const onSessionExpiredRef = useRef(onSessionExpired);
  const queryRef = useRef(query);
  const latestLoad = useRef(0);
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
    listThreads(asked).then(
      (response) => {
        // A slower, older load must not overwrite a newer one.
        if (load !== latestLoad.current) return;
        setThreads(response.threads.map((t) => asSeenBy(openThreadIdRef.current, t)).sort(compareThreadsForView(asked.view)));
        setError(null);
        setIsLoading(false);
      },
      (failure: unknown) => {
        if (load !== latestLoad.current) return;
        setIsLoading(false);
        if (isUnauthorised(failure)) {
          onSessionExpiredRef.current();
          return;
        }
        console.error('Could not load the thread list', failure);
        setError(errorText(failure));
      },
    );
  }, [queryKey]); // queryKey stands for the query, read through queryRef

  useEffect(() => {
    reload();
    const stopReloading = onConnected(reload);
    const stopListening = onThreadUpdated((thread) => {
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

  return { threads, isLoading, error, reload, markRead };
}
