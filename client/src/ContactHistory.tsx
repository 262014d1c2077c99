import { useEffect, useState } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { getContactHistory } from './api';
import { STATUS_LABELS } from './threadLabels';
import { MessageTime } from './Time';

/** The same person's earlier conversations, one click away. */
export function ContactHistory({ threadId, onOpen }: { threadId: string; onOpen?: (threadId: string) => void }) {
  const [history, setHistory] = useState<ThreadSummary[]>([]);
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
      <summary>Earlier conversations with this person ({history.length})</summary>
      <ul>
        {history.map((thread) => (
          <li key={thread.id}>
            <button type="button" className="link-button" onClick={() => onOpen?.(thread.id)} disabled={!onOpen}>
              {thread.reference}
            </button>{' '}
            {STATUS_LABELS[thread.status]} · <MessageTime iso={thread.lastMessageAt} /> · {thread.lastMessagePreview}
          </li>
        ))}
      </ul>
    </details>
  );
}
