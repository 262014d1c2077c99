import { useCallback, useEffect, useRef, useState } from 'react';
import { askVisitorPresence, onVisitorPresence, onVisitorTyping, sendTyping } from './socket';

const TYPING_IDLE_MS = 3000;

export interface VisitorActivity {
  isVisitorTyping: boolean;
  /** Null until the visitor comes or goes while the thread is open. */
  isVisitorPresent: boolean | null;
  /** Call on each keystroke in the composer: tells the visitor, then "stopped" after a pause. */
  agentTyped: () => void;
  agentStoppedTyping: () => void;
}

/** Live signals of a web chat thread: the visitor typing or leaving, and our own typing. */
export function useVisitorActivity(threadId: string, isWebchat: boolean): VisitorActivity {
  const [isVisitorTyping, setIsVisitorTyping] = useState(false);
  const [isVisitorPresent, setIsVisitorPresent] = useState<boolean | null>(null);
  const isTyping = useRef(false);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!isWebchat) return;
    let hasHeard = false;
    // The visitor may have left before the agent opened the thread: ask once, then follow events.
    void askVisitorPresence(threadId).then((isPresent) => {
      if (!hasHeard && isPresent !== null) setIsVisitorPresent(isPresent);
    });
    const stopTyping = onVisitorTyping((event) => {
      if (event.threadId === threadId) setIsVisitorTyping(event.isTyping);
    });
    const stopPresence = onVisitorPresence((event) => {
      if (event.threadId !== threadId) return;
      hasHeard = true;
      setIsVisitorPresent(event.isPresent);
      if (!event.isPresent) setIsVisitorTyping(false);
    });
    return () => {
      stopTyping();
      stopPresence();
    };
  }, [threadId, isWebchat]);

  const agentStoppedTyping = useCallback(() => {
    clearTimeout(idleTimer.current);
    if (!isTyping.current) return;
    isTyping.current = false;
    sendTyping(threadId, false);
  }, [threadId]);

  const agentTyped = useCallback(() => {
    if (!isWebchat) return;
    if (!isTyping.current) {
      isTyping.current = true;
      sendTyping(threadId, true);
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(agentStoppedTyping, TYPING_IDLE_MS);
  }, [threadId, isWebchat, agentStoppedTyping]);

  useEffect(() => agentStoppedTyping, [agentStoppedTyping]);

  return { isVisitorTyping, isVisitorPresent, agentTyped, agentStoppedTyping };
}
