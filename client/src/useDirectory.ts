import { useEffect, useState } from 'react';
import type { DeskDirectoryResponse } from '../../shared/api';
import { getDirectory } from './api';

const EMPTY: DeskDirectoryResponse = { teams: [], agents: [] };

/** Teams and agents, loaded once per inbox: they change rarely, and a reload picks changes up. */
export function useDirectory(): DeskDirectoryResponse {
  const [directory, setDirectory] = useState(EMPTY);
  useEffect(() => {
    let isCurrent = true;
    getDirectory().then(
      (loaded) => isCurrent && setDirectory(loaded),
      (failure: unknown) => console.error('Could not load teams and agents', failure),
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  return directory;
}
