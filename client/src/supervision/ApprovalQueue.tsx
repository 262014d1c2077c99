import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalView } from '../../../shared/supervision';
import { errorText } from '../api';
import { MessageTime } from '../Time';
import { approveReply, returnReply } from './supervisionApi';

interface ApprovalQueueProps {
  approvals: ApprovalView[];
  error: string | null;
  onOpenThread: (threadId: string) => void;
}

/** Replies held for approval, oldest first: approve as written, edit and approve, or return with a comment. */
export function ApprovalQueue({ approvals, error, onOpenThread }: ApprovalQueueProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="approval-queue-title" data-testid="approval-queue">
      <h3 id="approval-queue-title">{t('supervision.queueTitle', { count: approvals.length })}</h3>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {approvals.length === 0 ? (
        <p className="empty-state">{t('supervision.noneWaiting')}</p>
      ) : (
        <ul className="approval-list">
          {approvals.map((approval) => (
            <ApprovalItem key={approval.message.id} approval={approval} onOpenThread={onOpenThread} />
          ))}
        </ul>
      )}
    </section>
  );
}

type Mode = 'view' | 'edit' | 'return';

function ApprovalItem({ approval, onOpenThread }: { approval: ApprovalView; onOpenThread: (threadId: string) => void }) {
  const { message, thread, author } = approval;
  const [mode, setMode] = useState<Mode>('view');
  const [text, setText] = useState(message.text);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { t } = useTranslation();

  async function run(action: () => Promise<unknown>) {
    setIsBusy(true);
    setError(null);
    try {
      await action(); // the list drops it when the push arrives
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setIsBusy(false);
    }
  }

  function submitEdit(event: FormEvent) {
    event.preventDefault();
    void run(() => approveReply(message.id, text));
  }

  function submitReturn(event: FormEvent) {
    event.preventDefault();
    void run(() => returnReply(message.id, comment));
  }

  return (
    <li className="approval-item" data-testid="approval-item" data-message-id={message.id}>
      <p className="approval-meta">
        <button type="button" className="link-button" onClick={() => onOpenThread(thread.id)}>
          {thread.reference}
        </button>
        <span>{author?.name ?? t('supervision.unknownAgent')}</span>
        <MessageTime iso={message.createdAt} />
      </p>
      {mode === 'edit' ? (
        <form onSubmit={submitEdit} className="approval-form">
          <label>
            <span className="visually-hidden">{t('supervision.replyText')}</span>
            <textarea rows={3} required value={text} data-testid="approval-edit-text" onChange={(event) => setText(event.target.value)} />
          </label>
          <button type="submit" className="button button-primary" disabled={isBusy} data-testid="approval-approve-edit">
            {t('supervision.approveWithEdit')}
          </button>
          <button type="button" className="button" onClick={() => setMode('view')}>
            {t('pages.cancel')}
          </button>
        </form>
      ) : (
        <p className="approval-text">{message.text}</p>
      )}
      {mode === 'return' && (
        <form onSubmit={submitReturn} className="approval-form">
          <label>
            <span>{t('supervision.whatToChange')}</span>
            <textarea rows={2} required value={comment} data-testid="approval-comment" onChange={(event) => setComment(event.target.value)} />
          </label>
          <button type="submit" className="button button-primary" disabled={isBusy} data-testid="approval-send-back">
            {t('supervision.returnToAuthor')}
          </button>
          <button type="button" className="button" onClick={() => setMode('view')}>
            {t('pages.cancel')}
          </button>
        </form>
      )}
      {mode === 'view' && (
        <p className="approval-actions">
          <button type="button" className="button button-primary" disabled={isBusy} data-testid="approval-approve" onClick={() => void run(() => approveReply(message.id))}>
            {t('supervision.approve')}
          </button>
          <button type="button" className="button" onClick={() => setMode('edit')} data-testid="approval-edit">
            {t('supervision.editAndApprove')}
          </button>
          <button type="button" className="button" onClick={() => setMode('return')} data-testid="approval-return">
            {t('supervision.return')}
          </button>
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
