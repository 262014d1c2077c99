import { useQuery } from '@tanstack/react-query';
import type { DeskDirectoryResponse } from '../../shared/api';
import { getDirectory } from './api';
import { QUERY_KEYS } from './queries';

const EMPTY: DeskDirectoryResponse = { teams: [], agents: [] };

/** Teams and agents: they change rarely, so one load per inbox (and per reconnection) is enough. */
export function useDirectory(): DeskDirectoryResponse {
  const { data } = useQuery({
    queryKey: QUERY_KEYS.directory,
    queryFn: () =>
      getDirectory().catch((failure: unknown) => {
        console.error('Could not load teams and agents', failure);
        throw failure;
      }),
    staleTime: Infinity,
  });
  return data ?? EMPTY;
}
