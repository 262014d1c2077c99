import { describe, expect, it } from 'vitest';
import type { EscalationView } from '../../shared/api';
import { createDeskQueryClient, QUERY_KEYS, withEscalation } from './queries';

function escalation(id: string, raisedAt: string, status: EscalationView['status']): EscalationView {
  return { id, raisedAt, status } as EscalationView;
}

describe('an escalation pushed over the socket into the cache', () => {
  it('replaces the cached copy and keeps the history oldest first', () => {
    const cached = [escalation('a', '2026-10-01T10:00:00Z', 'resolved'), escalation('b', '2026-10-01T11:00:00Z', 'raised')];
    const next = withEscalation(cached, escalation('b', '2026-10-01T11:00:00Z', 'acknowledged'));
    expect(next.map((e) => [e.id, e.status])).toEqual([['a', 'resolved'], ['b', 'acknowledged']]);
  });

  it('adds a newly raised one at the end', () => {
    const next = withEscalation([escalation('a', '2026-10-01T10:00:00Z', 'resolved')], escalation('c', '2026-10-01T12:00:00Z', 'raised'));
    expect(next.map((e) => e.id)).toEqual(['a', 'c']);
  });
});

describe('thread lists in the cache', () => {
  it('counts every view, filter and search an agent has looked at among their lists, and no one else’s', () => {
    const client = createDeskQueryClient();
    client.setQueryData(QUERY_KEYS.threadList('me', { view: 'attention' }), { pages: [], pageParams: [] });
    client.setQueryData(QUERY_KEYS.threadList('me', { view: 'all', q: 'bike', language: ['cy'] }), { pages: [], pageParams: [] });
    client.setQueryData(QUERY_KEYS.threadList('colleague', { view: 'all' }), { pages: [], pageParams: [] });
    const mine = client.getQueryCache().findAll({ queryKey: QUERY_KEYS.threadLists('me') });
    expect(mine.map((query) => (query.queryKey[2] as { view: string }).view).sort()).toEqual(['all', 'attention']);
  });
});
