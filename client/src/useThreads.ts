import { useInfiniteQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { ThreadListQuery, ThreadListResponse, ThreadSummary } from '../../shared/api';
import { compareThreadsForView, threadMatchesQuery } from '../../shared/thread-views';
import { errorText, isUnauthorised, listThreads } from './api';
import { QUERY_KEYS } from './queries';
import { onThreadUpdated } from './socket';

/**
 * A thread list as the query cache holds it: the server's cursor pages, with live pushes written
 * in. A pushed thread is taken out of whatever page held it and put at the front of the first,
 * so a page loaded later can only carry an older copy of it (threadsInView keeps the first).
 */
export type ThreadPages = InfiniteData<ThreadListResponse, string | undefined>;

type ViewContext = { agentId: string; now: number; openThreadId: string | null };

/** Threads per request while filling a long view: ten requests for 10,000 open threads. */
export const THREAD_PAGE_SIZE = 1000;

/**
 * How long thread lists stay cached. The view on screen is asked again whenever it is shown (the
 * cached copy shows meanwhile) and kept while shown; a view the agent has left holds up to 10,000
 * threads, so it is dropped 30 s later rather than TanStack Query's default 5 minutes, which
 * would pile up views as an agent clicks through them.
 */
export const THREAD_LIST_CACHING = { staleTime: 0, gcTime: 30_000 } as const;

/** The threads a view shows: each once, in the view's order. */
export function threadsInView(pages: ThreadPages, view: ThreadListQuery['view']): ThreadSummary[] {
  const seen = new Set<string>();
  const threads: ThreadSummary[] = [];
  for (const page of pages.pages) {
    for (const thread of page.threads) {
      if (seen.has(thread.id)) continue; // the earlier copy is the pushed, newer one
      seen.add(thread.id);
      threads.push(thread);
    }
  }
  return threads.sort(compareThreadsForView(view));
}

function findThread(pages: ThreadPages, threadId: string): ThreadSummary | undefined {
  for (const page of pages.pages) {
    const found = page.threads.find((t) => t.id === threadId);
    if (found) return found;
  }
  return undefined;
}

/** Each page through `change`; the same object back when no page changed, so nothing redraws. */
function mapPages(pages: ThreadPages, change: (threads: ThreadSummary[]) => ThreadSummary[]): ThreadPages {
  let isChanged = false;
  const next = pages.pages.map((page) => {
    const threads = change(page.threads);
    if (threads === page.threads) return page;
    isChanged = true;
    return { ...page, threads };
  });
  return isChanged ? { ...pages, pages: next } : pages;
}

/**
 * Places a `thread:updated` push in a view: in if it belongs there, out if it no longer does —
 * except the thread the agent has open, which stays so the list does not jump under them. A
 * search cannot be judged here, so while searching only threads already found change. `unread`
 * is per agent but the push goes to a whole room, so a push never clears it: only this agent
 * opening the thread does.
 */
export function withPush(pages: ThreadPages, pushed: ThreadSummary, query: ThreadListQuery, context: ViewContext): ThreadPages {
  const current = findThread(pages, pushed.id);
  const merged = { ...pushed, unread: pushed.unread || (current?.unread ?? false) };
  const belongs = threadMatchesQuery(merged, query, context) && (!query.q || current !== undefined);
  const stays = belongs || (pushed.id === context.openThreadId && current !== undefined);
  const without = mapPages(pages, (threads) => (threads.some((t) => t.id === pushed.id) ? threads.filter((t) => t.id !== pushed.id) : threads));
  const [first, ...rest] = without.pages;
  if (!stays || !first) return without;
  return { ...without, pages: [{ ...first, threads: [merged, ...first.threads] }, ...rest] };
}

/** Once the agent moves on, a thread kept in place only because it was open leaves the view. */
export function withoutLeftBehind(pages: ThreadPages, query: ThreadListQuery, context: ViewContext): ThreadPages {
  if (query.q) return pages;
  const belongs = (t: ThreadSummary) => t.id === context.openThreadId || threadMatchesQuery(t, query, context);
  return mapPages(pages, (threads) => (threads.every(belongs) ? threads : threads.filter(belongs)));
}

/** The agent is reading the open thread, so whatever arrives in it is read already. */
function asSeenBy(openThreadId: string | null, thread: ThreadSummary): ThreadSummary {
  return thread.id === openThreadId && thread.unread ? { ...thread, unread: false } : thread;
}

export function withThreadRead(pages: ThreadPages, threadId: string): ThreadPages {
  return mapPages(pages, (threads) => (threads.some((t) => t.id === threadId && t.unread) ? threads.map((t) => asSeenBy(threadId, t)) : threads));
}

/**
 * Writes every `thread:updated` push into each of this agent's cached thread lists. A page that
 * lands is added to the pages as they were when it set out (TanStack Query's infinite queries),
 * and a refetch swaps in new pages whole; either would take back a push that came meanwhile, so
 * pushes that arrive during a fetch are written again once it lands. Returns the unsubscribe.
 */
export function keepThreadListsLive(
  client: QueryClient,
  agentId: string,
  openThreadId: () => string | null,
  subscribe: (listener: (thread: ThreadSummary) => void) => () => void = onThreadUpdated,
): () => void {
  const cache = client.getQueryCache();
  const pushedDuringFetch = new Map<string, Map<string, ThreadSummary>>(); // by query hash, then thread id

  const write = (queryKey: readonly unknown[], pushed: ThreadSummary) => {
    const query = queryKey[2] as ThreadListQuery;
    const context = { agentId, now: Date.now(), openThreadId: openThreadId() };
    client.setQueryData<ThreadPages>(queryKey, (pages) => changed(pages, (all) => withPush(all, asSeenBy(context.openThreadId, pushed), query, context)));
  };

  const stopListening = subscribe((pushed) => {
    for (const list of cache.findAll({ queryKey: QUERY_KEYS.threadLists(agentId) })) {
      if (list.state.fetchStatus !== 'idle') {
        const pending = pushedDuringFetch.get(list.queryHash) ?? new Map<string, ThreadSummary>();
        pushedDuringFetch.set(list.queryHash, pending.set(pushed.id, pushed));
      }
      write(list.queryKey, pushed);
    }
  });
  const stopWatching = cache.subscribe((event) => {
    const pending = pushedDuringFetch.get(event.query.queryHash);
    if (!pending || event.type !== 'updated') return;
    const { action } = event;
    if (action.type === 'error') pushedDuringFetch.delete(event.query.queryHash); // the data was kept, pushes and all
    if (action.type !== 'success' || action.manual) return;
    pushedDuringFetch.delete(event.query.queryHash);
    for (const pushed of pending.values()) write(event.query.queryKey, pushed);
  });
  return () => {
    stopListening();
    stopWatching();
  };
}

/** For setQueryData: the change, or undefined when there is none, so the cache does not notify for nothing. */
function changed(pages: ThreadPages | undefined, change: (pages: ThreadPages) => ThreadPages): ThreadPages | undefined {
  if (!pages) return undefined;
  const next = change(pages);
  return next === pages ? undefined : next;
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

const NO_THREADS: ThreadSummary[] = [];

/**
 * The inbox's thread list, one query per view: the first page is shown as soon as it comes and
 * the view fills page by page behind it; a refetch (the socket reconnecting, see
 * useRefetchOnReconnect, or the minute tick) swaps the whole list at once, so it does not shrink
 * under an agent scrolled far down. `thread:updated` pushes keep it current in between.
 */
export function useThreads(
  openThreadId: string | null,
  onSessionExpired: () => void,
  query: ThreadListQuery = { view: 'all' },
  agentId = '',
): ThreadListState {
  const client = useQueryClient();
  // Read by the socket listener and page loads, which should not restart on every selection.
  const openThreadIdRef = useRef(openThreadId);
  const onSessionExpiredRef = useRef(onSessionExpired);
  const queryRef = useRef(query);
  useEffect(() => {
    openThreadIdRef.current = openThreadId;
    onSessionExpiredRef.current = onSessionExpired;
    queryRef.current = query;
  });

  const view = query.view;
  const inView = useCallback((pages: ThreadPages) => threadsInView(pages, view), [view]);
  const list = useInfiniteQuery({
    queryKey: QUERY_KEYS.threadList(agentId, query),
    queryFn: ({ pageParam }) =>
      listThreads({ ...query, cursor: pageParam, limit: THREAD_PAGE_SIZE }).then(
        (page) => ({ ...page, threads: page.threads.map((t) => asSeenBy(openThreadIdRef.current, t)) }),
        (failure: unknown) => {
          if (!isUnauthorised(failure)) console.error('Could not load the thread list', failure);
          throw failure;
        },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    select: inView,
    ...THREAD_LIST_CACHING,
    retry: false,
    // A thread becomes overdue by the clock, not by any event: "Needs attention" asks again each minute.
    refetchInterval: view === 'attention' ? 60_000 : false,
    refetchIntervalInBackground: true,
  });
  const { hasNextPage, isFetching, isFetchingNextPage, isError, error, fetchNextPage, refetch } = list;

  // Fill the view page by page; never during a refetch, which a next-page fetch would cancel.
  useEffect(() => {
    if (hasNextPage && !isFetching && !isError) void fetchNextPage();
  }, [hasNextPage, isFetching, isError, fetchNextPage]);

  useEffect(() => {
    if (error && isUnauthorised(error)) onSessionExpiredRef.current();
  }, [error]);

  useEffect(() => keepThreadListsLive(client, agentId, () => openThreadIdRef.current), [client, agentId]);

  useEffect(() => {
    const context = { agentId, now: Date.now(), openThreadId };
    client.setQueryData<ThreadPages>(QUERY_KEYS.threadList(agentId, queryRef.current), (pages) => changed(pages, (all) => withoutLeftBehind(all, queryRef.current, context)));
  }, [client, openThreadId, agentId]);

  const markRead = useCallback(
    (threadId: string) => {
      client.setQueriesData<ThreadPages>({ queryKey: QUERY_KEYS.threadLists(agentId) }, (pages) => changed(pages, (all) => withThreadRead(all, threadId)));
    },
    [client, agentId],
  );
  const reload = useCallback(() => void refetch(), [refetch]);

  return {
    threads: list.data ?? NO_THREADS,
    isLoading: isFetching && !isFetchingNextPage,
    isLoadingMore: isFetchingNextPage || (hasNextPage && !isError),
    error: error && !isUnauthorised(error) ? errorText(error) : null,
    reload,
    markRead,
  };
}
