import type { MessageView, ThreadSummary } from '../../shared/api';
import type { InboxChanges } from '../../shared/socket';
import type { AgentSocket } from './test-desk';

// What an agent's socket was told, whichever form the push took: a thread update or a new message
// comes alone (`thread:updated`, `message:created`) or with others in one `inbox:changes` (a batch
// of stored messages). Tests and the bench ask "did the message arrive", not "in which frame".

type Unsubscribe = () => void;

/** Calls back for every thread update the socket receives, alone or in a batch. */
export function onThreadUpdate(socket: AgentSocket, listener: (thread: ThreadSummary) => void): Unsubscribe {
  const fromBatch = ({ threads }: InboxChanges) => threads.forEach((thread) => listener(thread));
  socket.on('thread:updated', listener);
  socket.on('inbox:changes', fromBatch);
  return () => {
    socket.off('thread:updated', listener);
    socket.off('inbox:changes', fromBatch);
  };
}

/** Calls back for every new message the socket receives, alone or in a batch (in the order stored). */
export function onNewMessage(socket: AgentSocket, listener: (message: MessageView) => void): Unsubscribe {
  const fromBatch = ({ messages }: InboxChanges) => messages.forEach((message) => listener(message));
  socket.on('message:created', listener);
  socket.on('inbox:changes', fromBatch);
  return () => {
    socket.off('message:created', listener);
    socket.off('inbox:changes', fromBatch);
  };
}

/** Resolves with the first thread update matching the predicate, alone or in a batch. */
export function nextThreadUpdate(socket: AgentSocket, matches: (thread: ThreadSummary) => boolean = () => true, timeoutMs = 10_000): Promise<ThreadSummary> {
  return firstPush((listener) => onThreadUpdate(socket, listener), 'thread update', matches, timeoutMs);
}

/** Resolves with the first new message matching the predicate, alone or in a batch. */
export function nextNewMessage(socket: AgentSocket, matches: (message: MessageView) => boolean = () => true, timeoutMs = 10_000): Promise<MessageView> {
  return firstPush((listener) => onNewMessage(socket, listener), 'new message', matches, timeoutMs);
}

/** Resolves with the first value the subscription delivers that matches; rejects after the timeout. */
export function firstPush<T>(subscribe: (listener: (value: T) => void) => Unsubscribe, what: string, matches: (value: T) => boolean, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = subscribe((value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}
