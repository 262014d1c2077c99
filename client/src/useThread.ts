import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageView, ThreadSummary } from '../../shared/api';
import { addNote, errorText, getThread, isUnauthorised, sendReply } from './api';
import { mergeLoadedMessages, removeMessage, upsertMessage } from './messageList';
import { onConnected, onMessageCreated, onMessageUpdated, onThreadUpdated } from './socket';

export interface OpenThreadState {
  thread: ThreadSummary | null;
  messages: MessageView[];
  isLoading: boolean;
  error: string | null;
  retry: () => void;
  /** Shows the reply at once as "Sending…", then queues it. Throws the ApiError if it fails. */
  reply: (text: string, clientId: string, uploadIds?: string[]) => Promise<void>;
  /** Adds a private note (never sent to the platform). Throws the ApiError if it fails. */
  note: (text: string, clientId: string) => Promise<void>;
  /** Shows a thread an action answered with, without waiting for its push. */
  showThread: (thread: ThreadSummary) => void;
}

/**
 * The thread the agent has open: loaded over REST (which marks it read), then kept current by
 * socket pushes. Render its component with `key={threadId}` so each thread starts afresh.
 */
export function useThread(threadId: string, agentName: string, onSessionExpired: () => void): OpenThreadState {
  const [thread, setThread] = useState<ThreadSummary | null>(null);
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const onSessionExpiredRef = useRef(onSessionExpired);
  useEffect(() => {
    onSessionExpiredRef.current = onSessionExpired;
  });

  useEffect(() => {
    const unmounted = new AbortController();
    let latestLoad = 0;

    function load(): void {
      const current = ++latestLoad;
      getThread(threadId, unmounted.signal).then(
        (detail) => {
          if (current !== latestLoad) return;
          setThread({ ...detail.thread, unread: false });
          setMessages((shown) => mergeLoadedMessages(shown, detail.messages));
          setError(null);
          setIsLoading(false);
        },
        (failure: unknown) => {
          if (unmounted.signal.aborted || current !== latestLoad) return;
          setIsLoading(false);
          if (isUnauthorised(failure)) {
            onSessionExpiredRef.current();
            return;
          }
          console.error('Could not load thread', { threadId, failure });
          setError(errorText(failure));
        },
      );
    }

    function applyPush(message: MessageView): void {
      if (message.threadId === threadId) setMessages((shown) => upsertMessage(shown, message));
    }

    load();
    const unsubscribe = [
      onMessageCreated(applyPush),
      onMessageUpdated(applyPush),
      onConnected(load),
      onThreadUpdated((summary) => {
        if (summary.id !== threadId) return;
        setThread({ ...summary, unread: false });
        // There is no "mark read" endpoint: loading the thread again is what marks it read, so
        // a message that arrives while the agent is looking does not show as unread next time.
        if (summary.unread) load();
      }),
    ];
    return () => {
      unmounted.abort();
      for (const stop of unsubscribe) stop();
    };
  }, [threadId, attempt]);

  const retry = useCallback(() => {
    setIsLoading(true);
    setAttempt((n) => n + 1);
  }, []);

  const reply = useCallback(
    async (text: string, clientId: string, uploadIds: string[] = []) => {
      const optimistic: MessageView = {
        id: `local:${clientId}`,
        threadId,
        direction: 'out',
        kind: 'text',
        text,
        attachments: [],
        deliveryStatus: 'queued',
        failureReason: null,
        clientId,
        authorName: agentName,
        triage: null,
        createdAt: new Date().toISOString(),
      };
      // On a retry the server's copy may already be shown (the first POST reached it): keep it.
      setMessages((shown) => (shown.some((m) => m.clientId === clientId) ? shown : [...shown, optimistic]));
      try {
        const { message } = await sendReply(threadId, { clientId, text, ...(uploadIds.length ? { uploadIds } : {}) });
        setMessages((shown) => upsertMessage(shown, message));
      } catch (failure) {
        setMessages((shown) => removeMessage(shown, optimistic.id));
        if (isUnauthorised(failure)) onSessionExpiredRef.current();
        throw failure;
      }
    },
    [threadId, agentName],
  );

  const note = useCallback(
    async (text: string, clientId: string) => {
      try {
        const { message } = await addNote(threadId, { clientId, text });
        setMessages((shown) => upsertMessage(shown, message));
      } catch (failure) {
        if (isUnauthorised(failure)) onSessionExpiredRef.current();
        throw failure;
      }
    },
    [threadId],
  );

  const showThread = useCallback((shown: ThreadSummary) => {
    if (shown.id === threadId) setThread({ ...shown, unread: false });
  }, [threadId]);

  return { thread, messages, isLoading, error, retry, reply, note, showThread };
}
