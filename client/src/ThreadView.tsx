import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AgentView, CannedResponseView, DeskDirectoryResponse, MessageView } from '../../shared/api';
import type { MessageKind } from '../../shared/constants';
import { Composer, type ComposerMode } from './Composer';
import { DeskImage } from './media/DeskImage';
import { CollisionWarning } from './CollisionWarning';
import { ContactHistory } from './ContactHistory';
import { MergeThread } from './MergeThread';
import { ThreadTags } from './ThreadTags';
import { Escalations } from './Escalations';
import { findWebLinks } from './messageLinks';
import { MessagingWindowNotice, useReplyAllowance } from './MessagingWindow';
import { sendTyping } from './socket';
import { SlaCountdown } from './SlaCountdown';
import { ThreadActions, ThreadMoreMenu } from './ThreadActions';
import { RiskBadge } from './RiskBadge';
import { ReplyReview } from './supervision/ReplyReview';
import { TriagePanel } from './TriagePanel';
import { contactName } from './threadLabels';
import { MessageTime } from './Time';
import { useThread } from './useThread';
import { useVisitorActivity } from './useVisitorActivity';
import { useTranslation } from 'react-i18next';

interface ThreadViewProps {
  threadId: string;
  agentName: string;
  /** Back to the list; only shown on a narrow screen, where the two do not fit side by side. */
  onBack: () => void;
  onSessionExpired: () => void;
  /** With these, the view offers take/assign/status actions and private notes. */
  agent?: AgentView;
  directory?: DeskDirectoryResponse;
  /** Keyboard shortcuts ask the composer for a mode and focus through this. */
  composerRequest?: { mode: ComposerMode; at: number } | null;
  cannedResponses?: readonly CannedResponseView[];
  onOpenThread?: (threadId: string) => void;
}

// Keep in step with the narrow-screen @media rule in styles.css.
const NARROW_SCREEN = '(max-width: 800px)';

export function ThreadView({ threadId, agentName, onBack, onSessionExpired, agent, directory, composerRequest, cannedResponses, onOpenThread }: ThreadViewProps) {
  const { thread, messages, isLoading, error, retry, reply, note, showThread } = useThread(threadId, agentName, onSessionExpired);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const isWebchat = thread?.channel === 'webchat';
  const visitor = useVisitorActivity(threadId, isWebchat);
  const replyWindow = useReplyAllowance(thread);
  const { t } = useTranslation();
  // The thread's menu opens one of these below its toolbar.
  const [openForm, setOpenForm] = useState<'merge' | 'risk' | null>(null);

  useEffect(() => {
    // On a narrow screen the list (and the button just pressed) is hidden: move focus here.
    if (window.matchMedia(NARROW_SCREEN).matches) titleRef.current?.focus();
  }, []);

  return (
    <section className="thread-view" data-testid="thread-view" aria-labelledby="thread-title">
      <header className="thread-header">
        <div className="thread-heading">
          <button type="button" className="button back-button" onClick={onBack}>
            <span aria-hidden="true">←</span> {t('thread.back')}
          </button>
          <h2 id="thread-title" className="thread-title" tabIndex={-1} ref={titleRef}>
            {thread ? contactName(thread.contact, t('contact.unknown')) : t('thread.conversation')}
          </h2>
          {thread && (
            <p className="thread-meta">
              <RiskBadge risk={thread.risk} />
              <span>{t(`channel.${thread.channel}`)}</span>
              <span className="reference">{thread.reference}</span>
              <span data-testid="thread-status">{t(`status.${thread.status}`)}</span>
              <SlaCountdown thread={thread} now={Date.now()} />
              {thread.contact.handle && thread.contact.displayName && (
                <span className="handle">{thread.contact.handle}</span>
              )}
            </p>
          )}
        </div>
        {/* The actions come first, so the header's height cap can never push them out of sight. */}
        {thread && (
          <div className="thread-toolbar">
            {!thread.isRedacted && agent && directory && <ThreadActions thread={thread} agent={agent} directory={directory} onChanged={showThread} />}
            {agent && (
              <ThreadMoreMenu
                thread={thread}
                agent={agent}
                onChangeRisk={() => setOpenForm('risk')}
                onMerge={onOpenThread && (() => setOpenForm('merge'))}
              />
            )}
            {directory && <Escalations threadId={thread.id} directory={directory} />}
          </div>
        )}
        {thread && agent && onOpenThread && openForm === 'merge' && (
          <MergeThread thread={thread} onMerged={(into) => onOpenThread(into.id)} onCancel={() => setOpenForm(null)} />
        )}
        {thread && <TriagePanel thread={thread} isEditingRisk={openForm === 'risk'} onDoneEditingRisk={() => setOpenForm(null)} />}
        <div className="thread-extras">
          {replyWindow && <MessagingWindowNotice allowance={replyWindow.allowance} now={replyWindow.now} />}
          {thread && agent && <ThreadTags thread={thread} onChanged={showThread} />}
          {agent && <ContactHistory threadId={threadId} onOpen={onOpenThread} />}
        </div>
        {agent && <CollisionWarning threadId={threadId} agentId={agent.id} />}
      </header>
      {thread?.channelProblem && (
        <p className="pane-error channel-problem" role="alert" data-testid="channel-problem">
          {t('thread.cannotSend', { channel: t(`channel.${thread.channel}`), problem: thread.channelProblem })}
        </p>
      )}

      {error && (
        <div className="pane-error" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={retry}>
            {t('app.tryAgain')}
          </button>
        </div>
      )}
      {thread ? (
        <MessageList messages={messages} agentId={agent?.id} />
      ) : (
        isLoading && <p className="empty-state">{t('thread.loading')}</p>
      )}
      {isWebchat && (
        <p className="visitor-activity" aria-live="polite" data-testid="visitor-activity">
          {visitor.isVisitorPresent === false
            ? t('thread.visitorLeft')
            : visitor.isVisitorTyping
              ? t('thread.visitorTyping')
              : ''}
        </p>
      )}
      {thread && !thread.isRedacted && (
        <Composer
          recipientName={contactName(thread.contact, t('contact.unknown'))}
          onSend={async (text, clientId, uploadIds) => {
            visitor.agentStoppedTyping();
            await reply(text, clientId, uploadIds);
          }}
          canAttachImage={thread.channel === 'facebook' || thread.channel === 'twitter'}
          closedReason={replyWindow && !replyWindow.allowance.allowed ? replyWindow.allowance.reason : null}
          onNote={agent ? note : undefined}
          focusRequest={composerRequest}
          cannedResponses={cannedResponses}
          colleagues={directory?.agents.filter((colleague) => colleague.id !== agent?.id)}
          onTyping={() => {
            visitor.agentTyped();
            if (agent) sendTyping(threadId, true);
          }}
          cannedVariables={cannedResponses ? { reference: thread.reference, contact: thread.contact } : undefined}
        />
      )}
    </section>
  );
}

function MessageList({ messages, agentId }: { messages: MessageView[]; agentId?: string }) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const isPinnedToBottom = useRef(true);
  const { t } = useTranslation();

  // Follow new messages, unless the agent has scrolled up to read something older.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller && isPinnedToBottom.current) scroller.scrollTop = scroller.scrollHeight;
  }, [messages]);

  function handleScroll() {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    isPinnedToBottom.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  return (
    // Focusable, so keyboard users can scroll the conversation (WCAG 2.1.1).
    <div className="message-scroller" ref={scrollerRef} onScroll={handleScroll} role="log" aria-label={t('thread.messages')} tabIndex={0}>
      {messages.length === 0 ? (
        <p className="empty-state">{t('thread.noMessages')}</p>
      ) : (
        <ol className="message-list">
          {messages.map((message) => (
            <MessageItem key={message.clientId ?? message.id} message={message} agentId={agentId} />
          ))}
        </ol>
      )}
    </div>
  );
}

/** What marks a message that is not a plain text between the public and the desk. */
const KIND_LABEL_KEYS: Partial<Record<MessageKind, 'thread.kindNote' | 'thread.kindAuto' | 'thread.kindSystem'>> = {
  note: 'thread.kindNote',
  auto: 'thread.kindAuto',
  system: 'thread.kindSystem',
};

function MessageItem({ message, agentId }: { message: MessageView; agentId?: string }) {
  const isOutbound = message.direction === 'out';
  const { t } = useTranslation();
  const kindLabelKey = KIND_LABEL_KEYS[message.kind];
  const kindLabel = kindLabelKey ? t(kindLabelKey) : null;

  return (
    <li
      className={`message message-${message.direction} message-kind-${message.kind}`}
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
      data-status={message.deliveryStatus}
      data-kind={message.kind}
    >
      <div className="bubble">
        {kindLabel && <p className="message-kind">{kindLabel}</p>}
        {message.replyToText && (
          <blockquote className="message-reply-to" data-testid="message-reply-to">
            {message.replyToText}
          </blockquote>
        )}
        {message.text && <p className="message-text">{message.text}</p>}
        {!isOutbound && <LinksOnRequest text={message.text} />}
        {message.interactionPayload && <p className="message-interaction">{t('thread.tappedButton', { payload: message.interactionPayload })}</p>}
        <Attachments message={message} />
      </div>
      {message.reactions && message.reactions.length > 0 && (
        <p className="message-reactions" data-testid="message-reactions" aria-label={t('thread.reactions')}>
          {message.reactions.map((reaction, index) => (
            <span key={index}>{reaction.emoji ?? reaction.reaction}</span>
          ))}
        </p>
      )}
      <p className="message-meta">
        {isOutbound && message.authorName && <span>{message.authorName}</span>}
        <MessageTime iso={message.createdAt} />
        {message.isEdited && <span data-testid="message-edited">{t('thread.edited')}</span>}
        {/* Notes and system lines never go to the platform: no delivery to show. */}
        {isOutbound && message.kind !== 'note' && message.kind !== 'system' && <DeliveryStatus message={message} />}
      </p>
      <ReplyReview message={message} agentId={agentId} />
    </li>
  );
}

function DeliveryStatus({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  if (message.deliveryStatus === 'failed') {
    return (
      <span className="delivery delivery-failed" data-testid="message-failure">
        {t('thread.failed', { reason: message.failureReason ?? t('thread.noReason') })}
      </span>
    );
  }
  return <span className={`delivery delivery-${message.deliveryStatus}`}>{t(`delivery.${message.deliveryStatus}`)}</span>;
}

/** Platform URLs only: attachment links come from the public and must never be `javascript:`. */
function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function Attachments({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  if (message.attachments.length === 0) return null;
  return (
    <ul className="attachments">
      {message.attachments.map((attachment, index) => (
        <li key={index}>
          {attachment.uploadId && attachment.url ? (
            <DeskImage url={attachment.url} />
          ) : attachment.url && isWebLink(attachment.url) ? (
            <a href={attachment.url} target="_blank" rel="noopener noreferrer">
              {t('thread.openAttachment', { type: attachment.type })}
            </a>
          ) : (
            <span>{t('thread.attachmentNotViewable', { type: attachment.type })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Links from the public stay plain text until the agent asks to see them, then open isolated. */
function LinksOnRequest({ text }: { text: string }) {
  const [isShown, setIsShown] = useState(false);
  const { t } = useTranslation();
  const links = findWebLinks(text);
  if (links.length === 0) return null;
  if (!isShown) {
    return (
      <button type="button" className="link-reveal" data-testid="show-links" onClick={() => setIsShown(true)}>
        {links.length === 1 ? t('thread.showLink') : t('thread.showLinks', { count: links.length })}
      </button>
    );
  }
  return (
    <ul className="attachments" data-testid="message-links">
      {links.map((link) => (
        <li key={link}>
          <a href={link} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
            {link}
          </a>
        </li>
      ))}
    </ul>
  );
}
