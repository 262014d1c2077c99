import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_VISITOR_MESSAGE_LENGTH, type PublicConfig } from '../../../shared/public-contact';
import { buildTranscript, downloadText } from './transcript';
import { useVisitorChat, type ChatLineState } from './useVisitorChat';

/** The web chat: the 999 warning (in the layout) and a start button come before any typing. */
export function ChatPage({ config }: { config: PublicConfig }) {
  const { t, i18n } = useTranslation();
  const chat = useVisitorChat();
  const ownWords = i18n.language === 'cy' ? config.outOfHoursMessage.cy : config.outOfHoursMessage.en;
  const outOfHours = !config.isOpenNow && config.deskHours && (
    <p className="out-of-hours" role="status" data-testid="out-of-hours">
      {ownWords ?? t('chat.outOfHours', config.deskHours)}
    </p>
  );

  if (!chat.hasStarted) {
    return (
      <section className="chat-start" aria-labelledby="chat-start-title">
        <h2 id="chat-start-title" className="visually-hidden">
          {t('chat.title')}
        </h2>
        {outOfHours}
        <p>{chat.connection === 'expired' ? t('chat.expired') : t('chat.intro')}</p>
        {chat.startError && (
          <p className="form-error" role="alert">
            {chat.startError === 'rate_limited' ? t('common.rateLimited') : t('common.tryAgain')}
          </p>
        )}
        <button type="button" className="public-button primary" data-testid="chat-start" onClick={() => void chat.start()}>
          {t('chat.start')}
        </button>
      </section>
    );
  }

  function downloadTranscript() {
    const words = {
      title: t('chat.transcriptTitle'),
      you: t('chat.you'),
      police: t('chat.police'),
      referenceIs: chat.reference ? t('chat.referenceIs', { reference: chat.reference }) : null,
    };
    const text = buildTranscript(chat.lines, words, i18n.language === 'cy' ? 'cy-GB' : 'en-GB');
    downloadText(`chat-${chat.reference ?? 'transcript'}.txt`, text);
  }

  function forget() {
    if (window.confirm(t('chat.forgetConfirm'))) chat.forget();
  }

  return (
    <section className="chat" aria-labelledby="chat-log-title">
      {outOfHours}
      <div className="chat-reference" role="status" data-testid="chat-reference">
        {chat.reference ? (
          <>
            <p>
              {t('chat.referenceLabel')}{' '}
              <strong data-testid="chat-reference-number">{chat.reference}</strong>
            </p>
            <p className="hint">{t('chat.referenceHint')}</p>
          </>
        ) : (
          chat.lines.length > 0 && <p>{t('chat.waitingForReference')}</p>
        )}
      </div>
      <h2 id="chat-log-title" className="visually-hidden">
        {t('chat.messages')}
      </h2>
      <ChatLog lines={chat.lines} onResend={chat.resend} />
      <p className="typing" aria-live="polite" data-testid="agent-typing">
        {chat.isAgentTyping ? t('chat.agentTyping') : ''}
      </p>
      {chat.connection === 'reconnecting' && (
        <p className="connection-note" role="status">
          {t('chat.offline')}
        </p>
      )}
      <ChatComposer onSend={chat.send} onTyping={chat.typing} />
      <div className="chat-actions">
        <button type="button" className="public-button" data-testid="chat-transcript" onClick={downloadTranscript} disabled={chat.lines.length === 0}>
          {t('chat.transcript')}
        </button>
        <button type="button" className="public-button" data-testid="chat-forget" onClick={forget}>
          {t('chat.forget')}
        </button>
      </div>
    </section>
  );
}

function ChatLog({ lines, onResend }: { lines: ChatLineState[]; onResend: (line: ChatLineState) => void }) {
  const { t } = useTranslation();
  const endRef = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    endRef.current?.scrollIntoView({ block: 'nearest' });
  }, [lines]);

  return (
    <div className="chat-log" role="log" aria-labelledby="chat-log-title" tabIndex={0} data-testid="chat-log">
      {lines.length === 0 ? (
        <p className="hint">{t('chat.empty')}</p>
      ) : (
        <ol className="chat-lines">
          {lines.map((line) => (
            <li key={line.id} className={`chat-line from-${line.from}`} data-testid="chat-line" data-from={line.from} data-status={line.status}>
              <span className="chat-author">{line.from === 'visitor' ? t('chat.you') : t('chat.police')}</span>
              {/* Text only, never HTML: what either side types is shown exactly as typed. */}
              <p className="chat-text">{line.text}</p>
              {line.status === 'failed' && (
                <p className="form-error">
                  {t('chat.notSent')}{' '}
                  <button type="button" className="link-button" onClick={() => onResend(line)}>
                    {t('chat.resend')}
                  </button>
                </p>
              )}
            </li>
          ))}
          <li ref={endRef} aria-hidden="true" className="chat-end" />
        </ol>
      )}
    </div>
  );
}

function ChatComposer({ onSend, onTyping }: { onSend: (text: string) => void; onTyping: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const inputId = useId();
  const trimmed = text.trim();
  const canSend = trimmed.length > 0 && trimmed.length <= MAX_VISITOR_MESSAGE_LENGTH;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    onSend(trimmed);
    setText('');
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter adds a line; on a phone the Send button is the way.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className="chat-composer" onSubmit={submit}>
      <label htmlFor={inputId}>{t('chat.yourMessage')}</label>
      <div className="chat-composer-row">
        <textarea
          id={inputId}
          data-testid="chat-input"
          rows={2}
          maxLength={MAX_VISITOR_MESSAGE_LENGTH}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            onTyping();
          }}
          onKeyDown={handleKeyDown}
        />
        <button type="submit" className="public-button primary" data-testid="chat-send" disabled={!canSend}>
          {t('common.send')}
        </button>
      </div>
    </form>
  );
}
