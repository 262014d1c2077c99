import { describe, expect, it } from 'vitest';
import type { ThreadListQuery, ThreadSummary } from '../../shared/api';
import { compareThreadsForView, isOverdue, threadMatchesQuery } from '../../shared/thread-views';
import { threadsInView, withoutLeftBehind, withPush, type ThreadPages } from './useThreads';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function thread(id: string, overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id,
    reference: `SMD-2026-00000${id}`,
    channel: 'facebook',
    status: 'new',
    risk: 'routine',
    riskReasons: [],
    isRiskOverridden: false,
    restricted: false,
    linkedThread: null,
    contact: { id: `c${id}`, displayName: 'Sam Taylor', handle: null },
    lastMessageAt: '2026-03-01T11:00:00Z',
    lastMessagePreview: 'Hello',
    lastInboundAt: '2026-03-01T11:00:00Z',
    unread: false,
    category: null,
    language: null,
    tags: [],
    assignee: null,
    team: null,
    slaDueAt: null,
    firstResponseAt: null,
    createdAt: '2026-03-01T11:00:00Z',
    ...overrides,
  };
}

const attention: ThreadListQuery = { view: 'attention' };
const context = { agentId: 'me', now: NOW, openThreadId: null };

describe('what "Needs attention" holds', () => {
  it('holds new threads and overdue open ones, not answered or closed ones', () => {
    const overdue = { status: 'open' as const, slaDueAt: '2026-03-01T11:59:00Z' };
    expect(threadMatchesQuery(thread('1'), attention, context)).toBe(true);
    expect(threadMatchesQuery(thread('2', overdue), attention, context)).toBe(true);
    expect(threadMatchesQuery(thread('3', { ...overdue, firstResponseAt: '2026-03-01T11:30:00Z' }), attention, context)).toBe(false);
    expect(threadMatchesQuery(thread('4', { ...overdue, status: 'closed' }), attention, context)).toBe(false);
    expect(isOverdue(thread('5', { slaDueAt: '2026-03-01T12:01:00Z' }), NOW)).toBe(false);
  });

  it('orders by risk, then by who has waited longest', () => {
    const sorted = [
      thread('routine-old', { createdAt: '2026-03-01T08:00:00Z' }),
      thread('routine-new', { createdAt: '2026-03-01T11:00:00Z' }),
      thread('emergency', { risk: 'emergency', createdAt: '2026-03-01T11:30:00Z' }),
    ].sort(compareThreadsForView('attention'));
    expect(sorted.map((t) => t.id)).toEqual(['emergency', 'routine-old', 'routine-new']);
  });

  it('matches a filter only when the thread has that value', () => {
    const welsh = thread('1', { language: 'cy', tags: ['fraud'] });
    expect(threadMatchesQuery(welsh, { view: 'all', language: ['cy'] }, context)).toBe(true);
    expect(threadMatchesQuery(thread('2'), { view: 'all', language: ['en'] }, context)).toBe(false);
    expect(threadMatchesQuery(welsh, { view: 'all', tag: ['fraud', 'theft'] }, context)).toBe(true);
    expect(threadMatchesQuery(welsh, { view: 'all', assignee: ['none'] }, context)).toBe(true);
  });
});

/** A cached thread list with these pages, as the server sent them. */
function pages(...threads: ThreadSummary[][]): ThreadPages {
  return { pages: threads.map((page, index) => ({ threads: page, nextCursor: index < threads.length - 1 ? `after-${index}` : null })), pageParams: threads.map((_, index) => (index === 0 ? undefined : `after-${index - 1}`)) };
}

const shown = (list: ThreadPages, view: ThreadListQuery['view'] = 'attention') => threadsInView(list, view).map((t) => t.id);

describe('placing a live update in the current view', () => {
  it('adds a thread that now belongs, in the view’s order, and removes one that no longer does', () => {
    const list = pages([thread('1', { risk: 'priority' }), thread('2')]);
    const emergency = thread('3', { risk: 'emergency' });
    expect(shown(withPush(list, emergency, attention, context))).toEqual(['3', '1', '2']);
    const taken = thread('1', { status: 'open', assignee: { id: 'me', name: 'Me' } });
    expect(shown(withPush(list, taken, attention, context))).toEqual(['2']);
  });

  it('moves a thread found on a later page, leaving no older copy behind', () => {
    const list = pages([thread('1', { createdAt: '2026-03-01T10:00:00Z' })], [thread('2')]);
    const raised = withPush(list, thread('2', { risk: 'emergency' }), attention, context);
    expect(threadsInView(raised, 'attention').map((t) => [t.id, t.risk])).toEqual([['2', 'emergency'], ['1', 'routine']]);
    expect(raised.pages[1]!.threads).toEqual([]);
  });

  it('keeps the open thread in place when it leaves the view, until the agent moves on', () => {
    const list = pages([thread('1'), thread('2')]);
    const closed = thread('1', { status: 'closed' });
    const kept = withPush(list, closed, attention, { ...context, openThreadId: '1' });
    expect(shown(kept)).toEqual(['1', '2']);
    expect(shown(withoutLeftBehind(kept, attention, { ...context, openThreadId: '2' }))).toEqual(['2']);
  });

  it('leaves the cached list untouched when the agent moves between threads that belong', () => {
    const list = pages([thread('1'), thread('2')]);
    expect(withoutLeftBehind(list, attention, { ...context, openThreadId: '2' })).toBe(list);
  });

  it('only updates threads already found while searching', () => {
    const list = pages([thread('1')]);
    const searching: ThreadListQuery = { view: 'all', q: 'bike' };
    expect(shown(withPush(list, thread('2'), searching, context), 'all')).toEqual(['1']);
    expect(threadsInView(withPush(list, thread('1', { lastMessagePreview: 'bike found' }), searching, context), 'all')[0]!.lastMessagePreview).toBe('bike found');
  });
});
