import { describe, expect, it } from 'vitest';
import type { ThreadSummary } from '../../shared/api';
import { addPage, applyThreadPush, upsertThread } from './useThreads';

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

describe('upsertThread', () => {
  it('puts a new thread first when it has the newest activity', () => {
    const list = [thread('1', '2026-03-01T10:00:00Z'), thread('2', '2026-03-01T09:00:00Z')];
    const ids = upsertThread(list, thread('3', '2026-03-01T11:00:00Z')).map((t) => t.id);
    expect(ids).toEqual(['3', '1', '2']);
  });

  it('replaces an updated thread and moves it to its new place', () => {
    const list = [thread('1', '2026-03-01T10:00:00Z'), thread('2', '2026-03-01T09:00:00Z')];
    const updated = thread('2', '2026-03-01T12:00:00Z', { lastMessagePreview: 'Still waiting' });
    const result = upsertThread(list, updated);
    expect(result.map((t) => t.id)).toEqual(['2', '1']);
    expect(result[0]?.lastMessagePreview).toBe('Still waiting');
  });
});

describe('applyThreadPush', () => {
  it('keeps a thread unread when a push caused by a colleague says it is read', () => {
    const list = [thread('1', '2026-03-01T10:00:00Z', { unread: true })];
    const colleagueReplied = thread('1', '2026-03-01T10:05:00Z', { unread: false, lastMessagePreview: 'On our way' });
    const [result] = applyThreadPush(list, colleagueReplied);
    expect(result?.unread).toBe(true);
    expect(result?.lastMessagePreview).toBe('On our way');
  });

  it('marks a thread unread when a new inbound message arrives', () => {
    const list = [thread('1', '2026-03-01T10:00:00Z', { unread: false })];
    const [result] = applyThreadPush(list, thread('1', '2026-03-01T10:05:00Z', { unread: true }));
    expect(result?.unread).toBe(true);
  });
});

describe('adding a later page of a long view', () => {
  it('keeps a thread a push already brought in, rather than the older copy the page carries', () => {
    const pushed = thread('1', '2026-10-01T10:05:00Z', { status: 'open' });
    const fromPage = thread('1', '2026-10-01T10:00:00Z', { status: 'new' });
    const list = addPage([pushed], [fromPage, thread('2', '2026-10-01T09:00:00Z')], 'all');
    expect(list.map((t) => [t.id, t.status])).toEqual([['1', 'open'], ['2', 'new']]);
  });
});
