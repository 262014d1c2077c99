import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CannedResponseView } from '../../shared/api';
import { listCannedResponses } from './api';
import { QUERY_KEYS } from './queries';

const NONE: CannedResponseView[] = [];

/** The force's canned responses, loaded with the inbox; `reload` after a supervisor changes them. */
export function useCannedResponses(): { cannedResponses: CannedResponseView[]; reload: () => void } {
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: QUERY_KEYS.cannedResponses,
    queryFn: () =>
      listCannedResponses().then(
        (response) => response.cannedResponses,
        (failure: unknown) => {
          console.error('Could not load canned responses', failure);
          throw failure;
        },
      ),
  });
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: QUERY_KEYS.cannedResponses }), [client]);
  return { cannedResponses: data ?? NONE, reload };
}
