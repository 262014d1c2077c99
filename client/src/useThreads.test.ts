import { InfiniteQueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThreadListQuery, ThreadListResponse, ThreadSummary } from '../../shared/api';
import { createDeskQueryClient, QUERY_KEYS } from './queries';
import { keepThreadListsLive, THREAD_LIST_CACHING, threadsInView, withPush, withThreadRead, type ThreadPages } from './useThreads';

function thread(id: string, lastMessageAt: string, overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id,
    reference: `SMD-2026-00000${id}`,
    channel: 'facebook',
    status: 'new',
    risk: 'routine',
    riskReasons: [],
    isRiskOverridden: false,
    category: null,
    language: null,
    restricted: false,
    linkedThread: null,
    contact: { id: `c${id}`, displayName: 'Sam Taylor', handle: null },
    lastMessageAt,
    lastMessagePreview: 'Hello',
    lastInboundAt: lastMessageAt,
    unread: true,
    tags: [],
    assignee: null,
    team: null,
    slaDueAt: null,
    firstResponseAt: null,
    createdAt: lastMessageAt,
    ...overrides,
  };
}

const all: ThreadListQuery = { view: 'all' };
const context = { agentId: 'me', now: Date.parse('2026-03-01T12:00:00Z'), openThreadId: null };
const onePage = (...threads: ThreadSummary[]): ThreadPages => ({ pages: [{ threads, nextCursor: null }], pageParams: [undefined] });
const ids = (list: ThreadPages | undefined) => (list ? threadsInView(list, 'all').map((t) => t.id) : []);

describe('a live update in "All"', () => {
  it('puts a new thread first when it has the newest activity', () => {
    const list = onePage(thread('1', '2026-03-01T10:00:00Z'), thread('2', '2026-03-01T09:00:00Z'));
    expect(ids(withPush(list, thread('3', '2026-03-01T11:00:00Z'), all, context))).toEqual(['3', '1', '2']);
  });

  it('replaces an updated thread and moves it to its new place', () => {
    const list = onePage(thread('1', '2026-03-01T10:00:00Z'), thread('2', '2026-03-01T09:00:00Z'));
    const result = threadsInView(withPush(list, thread('2', '2026-03-01T11:30:00Z', { lastMessagePreview: 'Still waiting' }), all, context), 'all');
    expect(result.map((t) => t.id)).toEqual(['2', '1']);
    expect(result[0]?.lastMessagePreview).toBe('Still waiting');
  });

  it('keeps a thread unread when a push caused by a colleague says it is read', () => {
    const list = onePage(thread('1', '2026-03-01T10:00:00Z', { unread: true }));
    const colleagueReplied = thread('1', '2026-03-01T10:05:00Z', { unread: false, lastMessagePreview: 'On our way' });
    const [result] = threadsInView(withPush(list, colleagueReplied, all, context), 'all');
    expect(result?.unread).toBe(true);
    expect(result?.lastMessagePreview).toBe('On our way');
  });

  it('marks a thread unread when a new inbound message arrives', () => {
    const list = onePage(thread('1', '2026-03-01T10:00:00Z', { unread: false }));
    const [result] = threadsInView(withPush(list, thread('1', '2026-03-01T10:05:00Z', { unread: true }), all, context), 'all');
    expect(result?.unread).toBe(true);
  });
});

describe('reading a thread', () => {
  it('clears its unread mark wherever it sits, and leaves an already read list as it was', () => {
    const list: ThreadPages = {
      pages: [{ threads: [thread('1', '2026-03-01T10:00:00Z')], nextCursor: 'x' }, { threads: [thread('2', '2026-03-01T09:00:00Z')], nextCursor: null }],
      pageParams: [undefined, 'x'],
    };
    const read = withThreadRead(list, '2');
    expect(threadsInView(read, 'all').map((t) => [t.id, t.unread])).toEqual([['1', true], ['2', false]]);
    expect(withThreadRead(read, '2')).toBe(read);
  });
});

/** The server side of a page request, answered when the test says so. */
function heldPage() {
  let answer!: (page: ThreadListResponse) => void;
  const page = new Promise<ThreadListResponse>((resolve) => (answer = resolve));
  return { page, answer };
}

/** A thread list in a real query cache, paged as useThreads pages it, with pushes sent by the test. */
function cachedList(pageFor: (cursor: string | undefined) => Promise<ThreadListResponse>) {
  const client = createDeskQueryClient();
  const queryKey = QUERY_KEYS.threadList('me', all);
  const observer = new InfiniteQueryObserver(client, {
    ...THREAD_LIST_CACHING,
    queryKey,
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => pageFor(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: ThreadListResponse) => last.nextCursor ?? undefined,
  });
  const stopObserving = observer.subscribe(() => {});
  let push: (thread: ThreadSummary) => void = () => {};
  const stopLive = keepThreadListsLive(client, 'me', () => null, (listener) => {
    push = listener;
    return () => {};
  });
  return {
    observer,
    push: (t: ThreadSummary) => push(t),
    shown: () => ids(client.getQueryData<ThreadPages>(queryKey)),
    stop: () => {
      stopLive();
      stopObserving();
    },
  };
}

describe('a push that arrives while pages are loading', () => {
  it('is not taken back by a later page that was already on its way', async () => {
    const second = heldPage();
    const list = cachedList((cursor) => (cursor === undefined ? Promise.resolve({ threads: [thread('1', '2026-03-01T10:00:00Z')], nextCursor: 'p2' }) : second.page));
    await list.observer.refetch();
    const loadingMore = list.observer.fetchNextPage();
    list.push(thread('3', '2026-03-01T11:00:00Z', { lastMessagePreview: 'Still there?' }));
    expect(list.shown()).toEqual(['3', '1']);
    second.answer({ threads: [thread('2', '2026-03-01T09:00:00Z')], nextCursor: null });
    await loadingMore;
    expect(list.shown()).toEqual(['3', '1', '2']);
    list.stop();
  });

  it('is not taken back when a refetch swaps the whole list', async () => {
    let refetched: ReturnType<typeof heldPage> | null = null;
    const list = cachedList(() => refetched?.page ?? Promise.resolve({ threads: [thread('1', '2026-03-01T10:00:00Z')], nextCursor: null }));
    await list.observer.refetch();
    refetched = heldPage();
    const refetching = list.observer.refetch();
    list.push(thread('1', '2026-03-01T11:00:00Z', { status: 'closed' }));
    refetched.answer({ threads: [thread('1', '2026-03-01T10:00:00Z'), thread('2', '2026-03-01T09:00:00Z')], nextCursor: null });
    await refetching;
    expect(list.shown()).toEqual(['1', '2']);
    expect(list.observer.getCurrentResult().data?.pages.flatMap((page) => page.threads).find((t) => t.id === '1')?.status).toBe('closed');
    list.stop();
  });
});

describe('views the agent clicks through', () => {
  afterEach(() => vi.useRealTimers());

  it('forgets a view’s threads 30 s after the agent leaves it, and keeps the view on screen', async () => {
    vi.useFakeTimers();
    const client = createDeskQueryClient();
    const show = (query: ThreadListQuery) =>
      new InfiniteQueryObserver(client, {
        ...THREAD_LIST_CACHING,
        queryKey: QUERY_KEYS.threadList('me', query),
        queryFn: () => Promise.resolve({ threads: [thread('1', '2026-03-01T10:00:00Z')], nextCursor: null }),
        initialPageParam: undefined as string | undefined,
        getNextPageParam: (last: ThreadListResponse) => last.nextCursor ?? undefined,
      }).subscribe(() => {});
    const isCached = (query: ThreadListQuery) => client.getQueryData(QUERY_KEYS.threadList('me', query)) !== undefined;
    const mine: ThreadListQuery = { view: 'mine' };

    const leaveAll = show(all);
    await vi.advanceTimersByTimeAsync(0);
    leaveAll();
    const leaveMine = show(mine);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(isCached(all)).toBe(true); // back within the half minute, the agent sees it at once
    await vi.advanceTimersByTimeAsync(1_000);
    expect(isCached(all)).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(isCached(mine)).toBe(true);
    leaveMine();
  });
});
