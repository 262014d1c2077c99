import { useEffect, useRef, useState } from 'react';
import type { AgentView } from '../../../shared/api';
import { AgentLoadPanel } from './AgentLoadPanel';
import { ApprovalQueue } from './ApprovalQueue';
import { useAwaitingApprovals } from './useAwaitingApprovals';
import './supervision.css';

/** The header's way into supervision: how many replies await approval (live), and the panel. */
export function SupervisionButton({ agent, onOpenThread }: { agent: AgentView; onOpenThread: (threadId: string) => void }) {
  const { approvals, error } = useAwaitingApprovals();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-on-dark" data-testid="open-supervision" onClick={() => setIsOpen(true)}>
        Supervision
        {approvals.length > 0 && (
          <span className="approval-count" data-testid="approval-count">
            {approvals.length}
            <span className="visually-hidden"> awaiting approval</span>
          </span>
        )}
      </button>
      {isOpen && (
        <SupervisionDialog onClose={() => setIsOpen(false)}>
          <ApprovalQueue
            approvals={approvals}
            error={error}
            onOpenThread={(threadId) => {
              setIsOpen(false);
              onOpenThread(threadId);
            }}
          />
          <AgentLoadPanel agent={agent} />
        </SupervisionDialog>
      )}
    </>
  );
}

function SupervisionDialog({ onClose, children }: { onClose: () => void; children: React.ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="supervision-panel" aria-labelledby="supervision-title" data-testid="supervision-panel" onClose={onClose}>
      <h2 id="supervision-title">Supervision</h2>
      {children}
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
