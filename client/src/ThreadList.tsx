import type { ThreadSummary } from '../../shared/api';
import { isOverdue } from '../../shared/thread-views';
import { RiskBadge } from './RiskBadge';
import { SlaCountdown } from './SlaCountdown';
import { contactName } from './threadLabels';
import { RelativeTime, useNow } from './Time';
import { useTranslation } from 'react-i18next';
import { memo, useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

interface ThreadListProps {
  threads: ThreadSummary[];
  isLoading: boolean;
  openThreadId: string | null;
  onOpen: (threadId: string) => void;
  /** Later pages of a long view are still arriving. */
  isLoadingMore?: boolean;
}

/** A row's height before it is measured (three lines of a thread item); measured rows keep their own. */
const ESTIMATED_ROW_PX = 96;

/**
 * The threads of the view. Only the rows in sight (and a few either side) are in the page, so a
 * night shift with 10,000 open threads scrolls as smoothly as a quiet morning.
 */
export function ThreadList({ threads, isLoading, openThreadId, onOpen, isLoadingMore = false }: ThreadListProps) {
  const now = useNow(15_000);
  const { t } = useTranslation();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: threads.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => threads[index]!.id,
    overscan: 8,
  });

  // j / k and the emergency banner open threads the agent may not see: bring the open one into view.
  const openIndex = openThreadId === null ? -1 : threads.findIndex((thread) => thread.id === openThreadId);
  useEffect(() => {
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' });
  }, [openIndex, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  return (
    <div className="thread-list-region" ref={scrollerRef} aria-busy={isLoading && threads.length === 0} data-testid="thread-list">
      {threads.length === 0 ? (
        <p className="empty-state">{isLoading ? t('list.loading') : t('list.empty')}</p>
      ) : (
        <ul className="thread-list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }} data-count={threads.length}>
          {rows.map((row) => {
            const thread = threads[row.index]!;
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                aria-setsize={threads.length}
                aria-posinset={row.index + 1}
                className="thread-list-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <ThreadItem thread={thread} now={now} isOpen={thread.id === openThreadId} onOpen={onOpen} />
              </li>
            );
          })}
        </ul>
      )}
      {isLoadingMore && (
        <p className="list-loading-more" role="status">
          {t('list.loadingMore')}
        </p>
      )}
    </div>
  );
}

interface ThreadItemProps {
  thread: ThreadSummary;
  now: number;
  isOpen: boolean;
  onOpen: (threadId: string) => void;
}

/** Memoised: while the list scrolls, rows already in sight are not drawn again. */
const ThreadItem = memo(function ThreadItem({ thread, now, isOpen, onOpen }: ThreadItemProps) {
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
      onClick={() => onOpen(thread.id)}
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
});
