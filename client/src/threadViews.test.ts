import { describe, expect, it } from 'vitest';
import type { ThreadListQuery, ThreadSummary } from '../../shared/api';
import { compareThreadsForView, isOverdue, threadMatchesQuery } from '../../shared/thread-views';
import { applyPushToView, dropLeftBehind } from './useThreads';

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

describe('placing a live update in the current view', () => {
  it('adds a thread that now belongs, in the view’s order, and removes one that no longer does', () => {
    const list = [thread('1', { risk: 'priority' }), thread('2')];
    const emergency = thread('3', { risk: 'emergency' });
    expect(applyPushToView(list, emergency, attention, context).map((t) => t.id)).toEqual(['3', '1', '2']);
    const taken = thread('1', { status: 'open', assignee: { id: 'me', name: 'Me' } });
    expect(applyPushToView(list, taken, attention, context).map((t) => t.id)).toEqual(['2']);
  });

  it('keeps the open thread in place when it leaves the view, until the agent moves on', () => {
    const list = [thread('1'), thread('2')];
    const closed = thread('1', { status: 'closed' });
    const kept = applyPushToView(list, closed, attention, { ...context, openThreadId: '1' });
    expect(kept.map((t) => t.id)).toEqual(['1', '2']);
    expect(dropLeftBehind(kept, attention, { ...context, openThreadId: '2' }).map((t) => t.id)).toEqual(['2']);
  });

  it('only updates threads already found while searching', () => {
    const list = [thread('1')];
    const searching: ThreadListQuery = { view: 'all', q: 'bike' };
    expect(applyPushToView(list, thread('2'), searching, context).map((t) => t.id)).toEqual(['1']);
    expect(applyPushToView(list, thread('1', { lastMessagePreview: 'bike found' }), searching, context)[0]!.lastMessagePreview).toBe('bike found');
  });
});
