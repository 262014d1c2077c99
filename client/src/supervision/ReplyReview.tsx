import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/api';
import { errorText } from '../api';
import { resubmitReply } from './supervisionApi';
import './supervision.css';

/**
 * Under a reply a supervisor has reviewed: the comment it was returned with (its author can edit
 * and resubmit it here), or the author's words a supervisor changed before approving.
 */
export function ReplyReview({ message, agentId }: { message: MessageView; agentId?: string }) {
  const review = message.review;
  const { t } = useTranslation();
  if (!review) return null;
  if (message.deliveryStatus === 'returned') {
    return (
      <div className="reply-review" data-testid="reply-returned" role="status">
        <p>
          <strong>{t('supervision.returnedBy')}</strong> {review.comment}
        </p>
        {agentId !== undefined && agentId === message.authorId && <ResubmitForm message={message} />}
      </div>
    );
  }
  if (review.textBeforeReview === null) return null;
  return (
    <details className="reply-review" data-testid="reply-edited">
      <summary>{t('supervision.editedBefore')}</summary>
      <p>{t('supervision.originally', { text: review.textBeforeReview })}</p>
    </details>
  );
}

function ResubmitForm({ message }: { message: MessageView }) {
  const [text, setText] = useState(message.text);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { t } = useTranslation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await resubmitReply(message.id, text); // the thread shows it awaiting approval when the push arrives
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="approval-form">
      <label>
        <span>{t('supervision.yourReply')}</span>
        <textarea rows={3} required value={text} data-testid="resubmit-text" onChange={(event) => setText(event.target.value)} />
      </label>
      <button type="submit" className="button button-primary" disabled={isBusy} data-testid="resubmit">
        {t('supervision.resubmit')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
