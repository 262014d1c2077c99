import type { ThreadSummary } from '../../shared/api';
import { isOverdue } from '../../shared/thread-views';
import { RiskBadge } from './RiskBadge';
import { SlaCountdown } from './SlaCountdown';
import { contactName } from './threadLabels';
import { RelativeTime, useNow } from './Time';
import { useTranslation } from 'react-i18next';

interface ThreadListProps {
  threads: ThreadSummary[];
  isLoading: boolean;
  openThreadId: string | null;
  onOpen: (threadId: string) => void;
}

export function ThreadList({ threads, isLoading, openThreadId, onOpen }: ThreadListProps) {
  const now = useNow(15_000);
  const { t } = useTranslation();

  return (
    // The live region is always in the page, so screen readers announce threads as they arrive.
    <div className="thread-list-region" aria-live="polite" aria-busy={isLoading && threads.length === 0}>
      {threads.length === 0 ? (
        <p className="empty-state">{isLoading ? t('list.loading') : t('list.empty')}</p>
      ) : (
        <ul className="thread-list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <ThreadItem
                thread={thread}
                now={now}
                isOpen={thread.id === openThreadId}
                onOpen={() => onOpen(thread.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface ThreadItemProps {
  thread: ThreadSummary;
  now: number;
  isOpen: boolean;
  onOpen: () => void;
}

function ThreadItem({ thread, now, isOpen, onOpen }: ThreadItemProps) {
  const { t } = useTranslation();
  const classes = ['thread-item', `thread-item-${thread.risk}`];
  if (thread.unread) classes.push('is-unread');
  if (isOpen) classes.push('is-open');
  const overdue = isOverdue(thread, now);
  if (overdue) classes.push('is-overdue');

  return (
    <button
      type="button"
      className={classes.join(' ')}
      data-testid="thread-item"
      data-thread-id={thread.id}
      data-reference={thread.reference}
      data-unread={thread.unread ? 'true' : 'false'}
      data-overdue={overdue ? 'true' : 'false'}
      data-status={thread.status}
      aria-current={isOpen ? 'true' : undefined}
      onClick={onOpen}
    >
      <span className="thread-item-top">
        {thread.unread && (
          <>
            <span className="unread-dot" aria-hidden="true" />
            <span className="visually-hidden">{t('list.unread')} </span>
          </>
        )}
        <span className="thread-contact">{thread.isRedacted ? t('list.restrictedThread') : contactName(thread.contact, t('contact.unknown'))}</span>
        <span className="thread-time">
          <RelativeTime iso={thread.lastMessageAt} now={now} />
        </span>
      </span>
      <span className="thread-item-meta">
        <RiskBadge risk={thread.risk} />
        <span>{t(`channel.${thread.channel}`)}</span>
        <span className="reference">{thread.reference}</span>
        <SlaCountdown thread={thread} now={now} />
      </span>
      {(thread.assignee || thread.team || thread.status !== 'new' || thread.tags.length > 0) && (
        <span className="thread-item-owner">
          <span>{t(`status.${thread.status}`)}</span>
          {thread.assignee && <span data-testid="thread-assignee">{thread.assignee.name}</span>}
          {thread.team && <span>{thread.team.name}</span>}
          {thread.tags.map((tag) => (
            <span key={tag} className="tag">{tag}</span>
          ))}
        </span>
      )}
      <span className="thread-preview">
        {thread.isRedacted ? t('list.restrictedPreview') : thread.lastMessagePreview}
      </span>
    </button>
  );
}
