import { QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EscalationView, ThreadListQuery } from '../../shared/api';
import { onConnected, onEscalationUpdated } from './socket';

/**
 * The inbox's data-fetching cache (TanStack Query). Live data comes over the socket, so queries
 * do not refetch on window focus; what the socket may have missed while down is asked again on
 * every reconnection instead.
 */
export function createDeskQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 },
    },
  });
}

/** Query keys in one place, so a socket event and a component name the same cache entry. */
export const QUERY_KEYS = {
  directory: ['directory'],
  cannedResponses: ['canned-responses'],
  presence: ['presence'],
  escalations: (threadId: string) => ['escalations', threadId] as const,
  /** Every thread list cached for this agent (one per view, filter and search they have looked at). */
  threadLists: (agentId: string) => ['threads', agentId] as const,
  threadList: (agentId: string, query: ThreadListQuery) => ['threads', agentId, query] as const,
} as const;

/** A thread's escalations with one raised, acknowledged or resolved put in its place, oldest first. */
export function withEscalation(escalations: readonly EscalationView[], changed: EscalationView): EscalationView[] {
  return [...escalations.filter((e) => e.id !== changed.id), changed].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
}

/** Socket pushes written straight into the cache, so every screen showing the data updates at once. */
export function useSocketUpdatesCache(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      onEscalationUpdated((escalation) => {
        // Only threads someone has looked at are cached; others load fresh when opened.
        client.setQueryData<EscalationView[]>(QUERY_KEYS.escalations(escalation.threadId), (cached) => cached && withEscalation(cached, escalation));
      }),
    [client],
  );
}

/** Pushes sent while the socket was down are lost: every cached query is asked again on (re)connect. */
export function useRefetchOnReconnect(): void {
  const client = useQueryClient();
  useEffect(() => onConnected(() => void client.invalidateQueries()), [client]);
}
