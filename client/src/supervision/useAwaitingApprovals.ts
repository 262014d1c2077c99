import { useCallback, useEffect, useState } from 'react';
import type { ApprovalView } from '../../../shared/supervision';
import { errorText } from '../api';
import { onApprovalUpdated, onConnected } from '../socket';
import { listAwaitingApproval } from './supervisionApi';

/** Replies awaiting a supervisor's approval, kept live: new ones join, decided ones leave. */
export function useAwaitingApprovals(): { approvals: ApprovalView[]; error: string | null; reload: () => void } {
  const [approvals, setApprovals] = useState<ApprovalView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    listAwaitingApproval().then(
      (loaded) => {
        setApprovals(loaded.approvals);
        setError(null);
      },
      (failure: unknown) => setError(errorText(failure)),
    );
  }, []);

  useEffect(() => {
    reload();
    const stopConnected = onConnected(reload); // pushes missed while disconnected are lost
    const stopUpdates = onApprovalUpdated((approval) =>
      setApprovals((current) => {
        const others = current.filter((entry) => entry.message.id !== approval.message.id);
        return approval.message.deliveryStatus === 'awaiting_approval' ? [...others, approval] : others;
      }),
    );
    return () => {
      stopConnected();
      stopUpdates();
    };
  }, [reload]);

  return { approvals, error, reload };
}
