import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteMention } from '../../shared/socket';
import { onNoteMentioned } from './socket';

/** "Sam mentioned you in a note on SMD-…": stays until the agent opens the thread or dismisses it. */
export function MentionAlerts({ onOpen }: { onOpen: (threadId: string) => void }) {
  const [mentions, setMentions] = useState<NoteMention[]>([]);
  const { t } = useTranslation();

  useEffect(() => onNoteMentioned((mention) => setMentions((current) => [...current.filter((m) => m.messageId !== mention.messageId), mention])), []);

  const dismiss = (messageId: string) => setMentions((current) => current.filter((mention) => mention.messageId !== messageId));
  return (
    // Always in the page, so screen readers announce a mention as it arrives.
    <div className="mention-alerts" role="status" data-testid="mention-alerts">
      {mentions.map((mention) => (
        <p key={mention.messageId} className="mention-alert" data-testid="mention-alert">
          {t('thread.mentioned', { name: mention.authorName, reference: mention.threadReference })}{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              dismiss(mention.messageId);
              onOpen(mention.threadId);
            }}
          >
            {t('thread.open')}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => dismiss(mention.messageId)}>
            {t('thread.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
