import { useEffect, useState } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { getContactHistory } from './api';
import { MessageTime } from './Time';
import { useTranslation } from 'react-i18next';

/** The same person's earlier conversations, one click away. */
export function ContactHistory({ threadId, onOpen }: { threadId: string; onOpen?: (threadId: string) => void }) {
  const [history, setHistory] = useState<ThreadSummary[]>([]);
  const { t } = useTranslation();
  useEffect(() => {
    let isCurrent = true;
    getContactHistory(threadId).then(
      (response) => isCurrent && setHistory(response.threads),
      (failure: unknown) => console.error('Could not load contact history', failure),
    );
    return () => {
      isCurrent = false;
    };
  }, [threadId]);
  if (history.length === 0) return null;
  return (
    <details className="contact-history" data-testid="contact-history">
      <summary>{t('history.summary', { count: history.length })}</summary>
      <ul>
        {history.map((thread) => (
          <li key={thread.id}>
            <button type="button" className="link-button" onClick={() => onOpen?.(thread.id)} disabled={!onOpen}>
              {thread.reference}
            </button>{' '}
            {t(`status.${thread.status}`)} · <MessageTime iso={thread.lastMessageAt} /> · {thread.lastMessagePreview}
          </li>
        ))}
      </ul>
    </details>
  );
}
