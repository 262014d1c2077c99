import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CannedResponseView } from '../../shared/api';
import type { CannedVariables } from '../../shared/canned-text';
import type { UploadView } from '../../shared/media';
import { ReplyImageAttach } from './media/ReplyImageAttach';
import { MAX_REPLY_LENGTH } from '../../shared/constants';
import { errorText } from './api';
import { cannedSuggestions } from './cannedSuggestions';
import { useComposerSuggestions, type SuggestionSource } from './ComposerSuggestions';
import { mentionSuggestions, type Colleague } from './mentionSuggestions';
import { useTranslation } from 'react-i18next';

interface ComposerProps {
  recipientName: string;
  /** Resolves once the server has queued the reply; rejects with the error to show. */
  onSend: (text: string, clientId: string, uploadIds?: string[]) => Promise<void>;
  /** The channel sends images (Facebook, X): offer to attach one to a reply. */
  canAttachImage?: boolean;
  /** Stores a private note instead; when given, the composer offers a Reply / Note switch. */
  onNote?: (text: string, clientId: string) => Promise<void>;
  /** Set by the page's keyboard shortcuts to put the composer in a mode and focus it. */
  focusRequest?: { mode: ComposerMode; at: number } | null;
  /** Offered when the agent types `/`, filled in with these variables. */
  cannedResponses?: readonly CannedResponseView[];
  cannedVariables?: CannedVariables;
  /** Offered when the agent types `@` in a note; a note naming one alerts them. */
  colleagues?: readonly Colleague[];
  /** Called as the agent types (at most every two seconds), for colleagues' collision warning. */
  onTyping?: () => void;
  /** Why the platform will not take a reply now (Facebook's messaging window), or null; notes still go. */
  closedReason?: string | null;
}

const TYPING_SIGNAL_MS = 2_000;

export type ComposerMode = 'reply' | 'note';

/** crypto.randomUUID exists only in secure contexts (HTTPS, localhost); getRandomValues everywhere. */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function Composer({ recipientName, onSend, onNote, focusRequest, cannedResponses = [], cannedVariables, onTyping, closedReason = null, canAttachImage = false, colleagues = [] }: ComposerProps) {
  const lastTypingSignal = useRef(0);
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [image, setImage] = useState<UploadView | null>(null);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const sources: SuggestionSource[] = [];
  if (cannedVariables) sources.push(cannedSuggestions(cannedResponses, cannedVariables, t));
  if (mode === 'note' && onNote) sources.push(mentionSuggestions(colleagues, t));
  const suggestions = useComposerSuggestions({
    sources,
    text,
    inputRef,
    onInsert: (next) => {
      setText(next);
      clientId.current = null;
    },
  });
  useEffect(() => {
    if (!focusRequest) return;
    setMode(onNote ? focusRequest.mode : 'reply');
    inputRef.current?.focus();
  }, [focusRequest, onNote]);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  // One id per reply: kept across retries of the same words, so a send that reached the server
  // before the network failed is not sent twice; new words make a new reply.
  const clientId = useRef<string | null>(null);
  const inputId = useId();
  const hintId = useId();

  const reply = text.trim();
  const isTooLong = reply.length > MAX_REPLY_LENGTH;
  const isReplyClosed = closedReason !== null && mode === 'reply';
  const canSend = reply.length > 0 && !isTooLong && !isSending && !isReplyClosed;

  async function send() {
    if (!canSend) return;
    clientId.current ??= newClientId();
    setIsSending(true);
    setError(null);
    try {
      if (mode === 'note' && onNote) await onNote(reply, clientId.current);
      else await onSend(reply, clientId.current, image ? [image.id] : []);
      setText('');
      setImage(null);
      clientId.current = null;
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setIsSending(false);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.handleKeyDown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form className={mode === 'note' ? 'composer composer-note' : 'composer'} onSubmit={handleSubmit} data-mode={mode}>
      {onNote && (
        <div className="composer-modes" role="group" aria-label={t('composer.writeA')}>
          {(['reply', 'note'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className={choice === mode ? 'composer-mode is-current' : 'composer-mode'}
              aria-pressed={choice === mode}
              data-testid={`composer-mode-${choice}`}
              onClick={() => {
                setMode(choice);
                clientId.current = null;
              }}
            >
              {choice === 'reply' ? t('composer.reply') : t('composer.note')}
            </button>
          ))}
        </div>
      )}
      <label htmlFor={inputId} className="composer-label">
        {mode === 'note' ? t('composer.noteLabel') : t('composer.replyTo', { name: recipientName })}
      </label>
      <textarea
        ref={inputRef}
        id={inputId}
        data-testid="composer-input"
        className="composer-input"
        rows={3}
        value={text}
        readOnly={isSending}
        disabled={isReplyClosed}
        aria-describedby={hintId}
        aria-invalid={isTooLong}
        onChange={(event) => {
          setText(event.target.value);
          clientId.current = null;
          if (onTyping && Date.now() - lastTypingSignal.current > TYPING_SIGNAL_MS) {
            lastTypingSignal.current = Date.now();
            onTyping();
          }
          suggestions.textChanged(event.target.selectionStart);
        }}
        onKeyDown={handleKeyDown}
        {...suggestions.inputProps}
      />
      {isReplyClosed && (
        <p className="form-error" data-testid="composer-closed">
          {closedReason}
        </p>
      )}
      {suggestions.list}
      {canAttachImage && mode === 'reply' && (
        <ReplyImageAttach
          image={image}
          isDisabled={isSending || isReplyClosed}
          onChange={(next) => {
            setImage(next);
            clientId.current = null; // a different image makes a different reply
          }}
        />
      )}
      {error && (
        <p className="form-error" data-testid="composer-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-footer">
        <p id={hintId} className={isTooLong ? 'composer-hint is-over' : 'composer-hint'}>
          {t('composer.characters', { length: reply.length, max: MAX_REPLY_LENGTH })}
          <span className="composer-shortcut">
            {' · '}
            {t('composer.sendShortcut')}
            {cannedVariables ? ` · ${t('composer.cannedShortcut')}` : ''}
            {mode === 'note' ? ` · ${t('composer.mentionShortcut')}` : ''}
          </span>
        </p>
        <button type="submit" className="button button-primary" data-testid="composer-send" disabled={!canSend}>
          {isSending ? t('composer.sending') : mode === 'note' ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
