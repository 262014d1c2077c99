import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/api';
import { AgentLoadPanel } from './AgentLoadPanel';
import { ApprovalQueue } from './ApprovalQueue';
import { useAwaitingApprovals } from './useAwaitingApprovals';
import './supervision.css';

/** The header's way into supervision: how many replies await approval (live), and the panel. */
export function SupervisionButton({ agent, onOpenThread }: { agent: AgentView; onOpenThread: (threadId: string) => void }) {
  const { approvals, error } = useAwaitingApprovals();
  const [isOpen, setIsOpen] = useState(false);
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button button-on-dark" data-testid="open-supervision" onClick={() => setIsOpen(true)}>
        {t('supervision.title')}
        {approvals.length > 0 && (
          <span className="approval-count" data-testid="approval-count">
            {approvals.length}
            <span className="visually-hidden">{t('supervision.awaitingApproval')}</span>
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
  const { t } = useTranslation();
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="supervision-panel" aria-labelledby="supervision-title" data-testid="supervision-panel" onClose={onClose}>
      <h2 id="supervision-title">{t('supervision.title')}</h2>
      {children}
      <button type="button" className="button" onClick={onClose}>
        {t('pages.close')}
      </button>
    </dialog>
  );
}
