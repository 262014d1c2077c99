import { useCallback, useEffect, useState } from 'react';
import type { CannedResponseView } from '../../shared/api';
import { listCannedResponses } from './api';

/** The force's canned responses, loaded with the inbox; `reload` after a supervisor changes them. */
export function useCannedResponses(): { cannedResponses: CannedResponseView[]; reload: () => void } {
  const [cannedResponses, setCannedResponses] = useState<CannedResponseView[]>([]);
  const reload = useCallback(() => {
    listCannedResponses().then(
      (response) => setCannedResponses(response.cannedResponses),
      (failure: unknown) => console.error('Could not load canned responses', failure),
    );
  }, []);
  useEffect(reload, [reload]);
  return { cannedResponses, reload };
}
